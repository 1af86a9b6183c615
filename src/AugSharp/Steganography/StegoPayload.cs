using System.Text;

namespace AugSharp.Steganography;

/// <summary>What a payload holds: a text message or a file.</summary>
public enum StegoPayloadKind
{
    /// <summary>A UTF-8 text message.</summary>
    Text = 0,

    /// <summary>A file, restored byte for byte under its own name (an image inside an image is a file).</summary>
    File = 1,
}

/// <summary>A message or a file to hide, or one revealed.</summary>
/// <param name="Kind">Text or file.</param>
/// <param name="Name">The file's name (no folders) for <see cref="StegoPayloadKind.File"/>; empty for text.</param>
/// <param name="Data">The bytes: UTF-8 text, or the file's content.</param>
public sealed record StegoPayload(StegoPayloadKind Kind, string Name, byte[] Data)
{
    /// <summary>The longest file name kept, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>A text message.</summary>
    public static StegoPayload FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new StegoPayload(StegoPayloadKind.Text, "", Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A file's bytes under <paramref name="name"/> (only its last path component is kept).</summary>
    public static StegoPayload FromFile(string name, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(data);
        return new StegoPayload(StegoPayloadKind.File, SafeName(name), data);
    }

    /// <summary>Reads the file at <paramref name="path"/> into a payload named after it.</summary>
    public static StegoPayload ReadFile(string path) => FromFile(Path.GetFileName(path), File.ReadAllBytes(path));

    /// <summary>The text of a <see cref="StegoPayloadKind.Text"/> payload.</summary>
    public string Text => Encoding.UTF8.GetString(Data);

    /// <summary>The last component of <paramref name="name"/>, without folders, control characters or "..", at most <see cref="MaxNameBytes"/> UTF-8 bytes; "payload.bin" when nothing is left.</summary>
    public static string SafeName(string name)
    {
        string last = name.Replace('\\', '/');
        last = last[(last.LastIndexOf('/') + 1)..];
        var builder = new StringBuilder();
        foreach (char c in last)
            if (!char.IsControl(c) && Array.IndexOf(Path.GetInvalidFileNameChars(), c) < 0) builder.Append(c);
        string clean = builder.ToString().Trim();
        while (Encoding.UTF8.GetByteCount(clean) > MaxNameBytes) clean = clean[..^1];
        return clean is "" or "." or ".." ? "payload.bin" : clean;
    }

    /// <summary>Serialises as kind (1 byte), name length (1 byte), name (UTF-8), data.</summary>
    internal byte[] ToBytes()
    {
        byte[] name = Encoding.UTF8.GetBytes(Kind == StegoPayloadKind.File ? SafeName(Name) : "");
        var bytes = new byte[2 + name.Length + Data.Length];
        bytes[0] = (byte)Kind;
        bytes[1] = (byte)name.Length;
        name.CopyTo(bytes, 2);
        Data.CopyTo(bytes, 2 + name.Length);
        return bytes;
    }

    internal static StegoPayload? FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2 || bytes[0] > 1 || bytes.Length < 2 + bytes[1]) return null;
        var kind = (StegoPayloadKind)bytes[0];
        string name = Encoding.UTF8.GetString(bytes.Slice(2, bytes[1]));
        byte[] data = bytes[(2 + bytes[1])..].ToArray();
        return kind == StegoPayloadKind.File ? new StegoPayload(kind, SafeName(name), data) : new StegoPayload(kind, "", data);
    }
}
