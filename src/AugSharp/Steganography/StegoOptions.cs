namespace AugSharp.Steganography;

/// <summary>
/// How the key is derived from the password (Argon2id). The same options must be given to hide and
/// to reveal: they are not stored in the image, so that nothing in it is recognisable.
/// </summary>
/// <remarks>The defaults (46 MiB, 1 pass, 1 lane) are OWASP's first recommended Argon2id setting
/// (Password Storage Cheat Sheet). They bound how fast an attacker can guess passwords: raise them
/// freely, lower them only for tests. The positions are keyed by PBKDF2-SHA256 of the password and
/// the carrier's shape (<see cref="PositionIterations"/>): the positions alone let nobody check a guess,
/// since every byte found there looks random until the Argon2id key opens the header.</remarks>
public sealed record StegoOptions
{
    /// <summary>The defaults: 46 MiB of memory, 1 pass, 1 lane; 100 000 PBKDF2 iterations for the positions.</summary>
    public static StegoOptions Default { get; } = new();

    /// <summary>Argon2id memory in KiB (at least 8 × <see cref="Parallelism"/>); default 47 104 (46 MiB).</summary>
    public int MemoryKiB { get; init; } = 46 * 1024;

    /// <summary>Argon2id passes over the memory (at least 1); default 1.</summary>
    public int Iterations { get; init; } = 1;

    /// <summary>Argon2id lanes (at least 1); default 1.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>PBKDF2-SHA256 iterations of the key that orders the positions (at least 1); default 100 000.</summary>
    public int PositionIterations { get; init; } = 100_000;

    internal void Validate()
    {
        if (Parallelism < 1) throw new ArgumentOutOfRangeException(nameof(Parallelism), Parallelism, "Parallelism must be at least 1.");
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be at least 1.");
        if (PositionIterations < 1) throw new ArgumentOutOfRangeException(nameof(PositionIterations), PositionIterations, "PositionIterations must be at least 1.");
        if (MemoryKiB < 8 * Parallelism) throw new ArgumentOutOfRangeException(nameof(MemoryKiB), MemoryKiB, "MemoryKiB must be at least 8 × Parallelism.");
    }
}
