using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace AugSharp.Steganography;

/// <summary>
/// The bytes a carrier hides. Every one of them looks random to anyone without the password:
/// <code>
/// header: salt (16) | nonce (12) | AES-256-GCM(version 1 | body length 4 | code 1) + tag (16)   = 50 bytes
/// body:   AES-256-GCM(content length 4 | content | zero padding) + tag (16)
/// content: 0 | serialised payload, or 1 | the same, deflated
/// </code>
/// The key is Argon2id(password, salt) with a fresh random salt; the body's plaintext is padded to
/// the Padmé length of its content (at most 12 % more, leaking O(log log n) bits of the length).
/// There is no magic number: the header is told from noise only by its authentication tag.
/// </summary>
internal static class StegoEnvelope
{
    public const int SaltSize = 16;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int HeaderPlainSize = 6;
    public const int HeaderSize = SaltSize + NonceSize + HeaderPlainSize + TagSize;
    public const int Overhead = HeaderSize + 4 + TagSize;
    public const byte Version = 1;

    /// <summary>A decompressed payload larger than this is refused (a bound, not a limit users meet).</summary>
    private const int MaxPayloadBytes = 1 << 30;

    /// <summary>Payload bytes (after compression, with kind and name) a carrier of <paramref name="carrierBytes"/> holds.</summary>
    public static long Capacity(long carrierBytes) => Math.Max(0, carrierBytes - Overhead);

    /// <summary>The compressed form of the payload: a flag byte, then the payload raw or deflated, whichever is shorter.</summary>
    public static byte[] Pack(StegoPayload payload)
    {
        byte[] raw = payload.ToBytes();
        using var packed = new MemoryStream();
        packed.WriteByte(1);
        using (var deflate = new DeflateStream(packed, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(raw);
        if (packed.Length < raw.Length + 1) return packed.ToArray();
        var stored = new byte[raw.Length + 1];
        raw.CopyTo(stored, 1);
        return stored;
    }

    public static StegoPayload? Unpack(ReadOnlySpan<byte> content)
    {
        if (content.Length < 1) return null;
        if (content[0] == 0) return StegoPayload.FromBytes(content[1..]);
        if (content[0] != 1) return null;
        try
        {
            using var input = new MemoryStream(content[1..].ToArray());
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int n;
            while ((n = deflate.Read(buffer)) > 0)
            {
                if (output.Length + n > MaxPayloadBytes) return null;
                output.Write(buffer, 0, n);
            }
            return StegoPayload.FromBytes(output.ToArray());
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The Padmé length of <paramref name="length"/> (Nikitin et al., PURBs, 2019).</summary>
    public static long Padme(long length)
    {
        if (length < 2) return length;
        int e = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)length);
        int s = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)e);
        long mask = (1L << (e - s)) - 1;
        return (length + mask) & ~mask;
    }

    /// <summary>
    /// Encrypts <paramref name="content"/> (from <see cref="Pack"/>) for a carrier of <paramref name="carrierBytes"/>;
    /// <paramref name="chooseCode"/> receives the body's length in bytes and returns the carrier's code parameter, stored in the header.
    /// </summary>
    /// <exception cref="StegoCapacityException">The content does not fit.</exception>
    public static (byte[] Header, byte[] Body) Seal(byte[] content, ReadOnlySpan<byte> password, StegoOptions options, long carrierBytes, Func<int, byte> chooseCode)
    {
        long maxPlain = carrierBytes - HeaderSize - TagSize;
        if (4 + (long)content.Length > maxPlain) throw new StegoCapacityException(content.Length, Capacity(carrierBytes));
        int plainLength = (int)Math.Min(Math.Max(Padme(4 + content.Length), 64), Math.Min(maxPlain, int.MaxValue - TagSize));
        var plain = new byte[plainLength];
        BinaryPrimitives.WriteInt32BigEndian(plain, content.Length);
        content.CopyTo(plain, 4);

        var header = new byte[HeaderSize];
        var salt = header.AsSpan(0, SaltSize);
        var nonce = header.AsSpan(SaltSize, NonceSize);
        RandomNumberGenerator.Fill(salt);
        RandomNumberGenerator.Fill(nonce);
        byte[] key = DeriveKey(password, salt, options);
        try
        {
            int bodyLength = plainLength + TagSize;
            Span<byte> headerPlain = stackalloc byte[HeaderPlainSize];
            headerPlain[0] = Version;
            BinaryPrimitives.WriteInt32BigEndian(headerPlain[1..], bodyLength);
            headerPlain[5] = chooseCode(bodyLength);
            using var aes = new AesGcm(key, TagSize);
            aes.Encrypt(nonce, headerPlain, header.AsSpan(SaltSize + NonceSize, HeaderPlainSize), header.AsSpan(HeaderSize - TagSize), salt);
            var body = new byte[bodyLength];
            aes.Encrypt(BodyNonce(nonce), plain, body.AsSpan(0, plainLength), body.AsSpan(plainLength), header);
            return (header, body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Reads what a carrier holds through <paramref name="reader"/>.</summary>
    /// <exception cref="StegoNoPayloadException">Wrong password, no payload, or damaged.</exception>
    public static StegoPayload Open(IReader reader, ReadOnlySpan<byte> password, StegoOptions options, string? note = null)
    {
        byte[]? header = reader.ReadHeader(HeaderSize) ?? throw new StegoNoPayloadException(note);
        var salt = header.AsSpan(0, SaltSize);
        var nonce = header.AsSpan(SaltSize, NonceSize);
        byte[] key = DeriveKey(password, salt, options);
        try
        {
            using var aes = new AesGcm(key, TagSize);
            Span<byte> headerPlain = stackalloc byte[HeaderPlainSize];
            try
            {
                aes.Decrypt(nonce, header.AsSpan(SaltSize + NonceSize, HeaderPlainSize), header.AsSpan(HeaderSize - TagSize), headerPlain, salt);
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new StegoNoPayloadException(note);
            }
            int bodyLength = BinaryPrimitives.ReadInt32BigEndian(headerPlain[1..]);
            if (headerPlain[0] != Version || bodyLength < TagSize + 4) throw new StegoNoPayloadException(note);
            byte[] body = reader.ReadBody(bodyLength, headerPlain[5]) ?? throw new StegoNoPayloadException(note);
            var plain = new byte[bodyLength - TagSize];
            try
            {
                aes.Decrypt(BodyNonce(nonce), body.AsSpan(0, plain.Length), body.AsSpan(plain.Length), plain, header);
            }
            catch (AuthenticationTagMismatchException)
            {
                throw new StegoNoPayloadException(note);
            }
            int contentLength = BinaryPrimitives.ReadInt32BigEndian(plain);
            if (contentLength < 0 || contentLength > plain.Length - 4) throw new StegoNoPayloadException(note);
            return Unpack(plain.AsSpan(4, contentLength)) ?? throw new StegoNoPayloadException(note);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Argon2id(password, salt) → 32 bytes.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, StegoOptions options)
    {
        options.Validate();
        byte[] pw = password.ToArray();
        try
        {
            using var argon = new Argon2id(pw)
            {
                Salt = salt.ToArray(),
                MemorySize = options.MemoryKiB,
                Iterations = options.Iterations,
                DegreeOfParallelism = options.Parallelism,
            };
            return argon.GetBytes(32);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pw);
        }
    }

    /// <summary>
    /// The key of the positions: PBKDF2-SHA256(password, a salt made from the carrier's shape), so that the
    /// reader finds them before it knows the random salt. It lets nobody check a password: what lies at
    /// the positions is checked only by the Argon2id key of the header.
    /// </summary>
    public static byte[] DerivePositionKey(ReadOnlySpan<byte> password, string carrierShape, StegoOptions options)
    {
        options.Validate();
        byte[] salt = SHA256.HashData(Encoding.UTF8.GetBytes("AugSharp.Steganography positions\n" + carrierShape));
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, options.PositionIterations, HashAlgorithmName.SHA256, 32);
    }

    private static byte[] BodyNonce(ReadOnlySpan<byte> nonce)
    {
        byte[] body = nonce.ToArray();
        body[0] ^= 0x80;
        return body;
    }

    /// <summary>Where <see cref="Open"/> reads from: a carrier's bits at the password's positions.</summary>
    public interface IReader
    {
        /// <summary>The first <paramref name="count"/> bytes, or null when the carrier holds fewer.</summary>
        byte[]? ReadHeader(int count);

        /// <summary>The next <paramref name="count"/> bytes, read with the code parameter from the header, or null when the carrier holds fewer.</summary>
        byte[]? ReadBody(int count, byte code);
    }
}
