namespace AugSharp.Steganography;

/// <summary>
/// No payload could be revealed with this password. A wrong password, an image without a payload and a
/// damaged or tampered image give this same error: telling them apart would tell that a payload exists.
/// </summary>
public sealed class StegoNoPayloadException : Exception
{
    /// <summary>The message every case shares.</summary>
    public const string DefaultMessage = "no payload for this password";

    /// <summary>Creates the error, with an optional note that is the same for every password.</summary>
    public StegoNoPayloadException(string? note = null)
        : base(note is null ? DefaultMessage : DefaultMessage + " (" + note + ")")
    {
    }
}

/// <summary>The payload does not fit in the cover.</summary>
public sealed class StegoCapacityException : Exception
{
    /// <summary>Creates the error from the two sizes.</summary>
    public StegoCapacityException(long neededBytes, long capacityBytes)
        : base($"the payload needs {neededBytes:N0} bytes (compressed, with its name) but the cover holds {Math.Max(0, capacityBytes):N0}")
    {
        NeededBytes = neededBytes;
        CapacityBytes = capacityBytes;
    }

    /// <summary>Bytes the payload needs after compression (with its kind and name).</summary>
    public long NeededBytes { get; }

    /// <summary>Bytes the cover holds (what <c>Stego.Capacity</c> reports).</summary>
    public long CapacityBytes { get; }
}

/// <summary>The cover cannot carry a payload in the requested output (for example a JPEG output from a PNG cover, or a format that would change the pixels).</summary>
public sealed class StegoCarrierException(string message) : Exception(message);
