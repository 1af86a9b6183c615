namespace AugSharp.Steganography;

/// <summary>
/// How the key is derived from the password (Argon2id). The same options must be given to hide and
/// to reveal: they are not stored in the image, so that nothing in it is recognisable.
/// </summary>
/// <remarks>The defaults (64 MiB, 3 passes, 2 lanes) follow the second recommendation of RFC 9106
/// for memory-constrained settings. Lower them only for tests; they bound how fast an attacker can guess passwords.</remarks>
public sealed record StegoOptions
{
    /// <summary>The defaults: 64 MiB of memory, 3 passes, 2 lanes.</summary>
    public static StegoOptions Default { get; } = new();

    /// <summary>Argon2id memory in KiB (at least 8 × <see cref="Parallelism"/>); default 65 536 (64 MiB).</summary>
    public int MemoryKiB { get; init; } = 64 * 1024;

    /// <summary>Argon2id passes over the memory (at least 1); default 3.</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>Argon2id lanes (at least 1); default 2.</summary>
    public int Parallelism { get; init; } = 2;

    internal void Validate()
    {
        if (Parallelism < 1) throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "Parallelism must be at least 1.");
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be at least 1.");
        if (MemoryKiB < 8 * Parallelism) throw new ArgumentOutOfRangeException(nameof(MemoryKiB), MemoryKiB, "MemoryKiB must be at least 8 × Parallelism.");
    }
}
