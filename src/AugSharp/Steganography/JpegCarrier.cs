using BitMiracle.LibJpeg.Classic;

namespace AugSharp.Steganography;

/// <summary>
/// Hides bits in a JPEG's quantised DCT coefficients, read and written back through libjpeg's
/// coefficient interface (BitMiracle.LibJpeg.NET): the pixels are never decoded and re-encoded, so
/// the quantisation tables, and with them the quality, stay the cover's.
/// </summary>
/// <remarks>
/// F5 family: a coefficient's bit is the parity of its magnitude; only non-zero AC coefficients carry
/// bits, and a bit is changed by decrementing the magnitude (never incrementing, never touching zeros
/// or DC), which keeps the histogram's shape. Coefficients are visited in an order keyed by the password, spread over
/// every block of every component. Bits go in by matrix embedding with the (1, 2^k − 1, k) Hamming code:
/// k bits per group of 2^k − 1 coefficients, at most one change per group; k = 1 for the header and the
/// largest k the coefficients allow for the body (small payloads get large k and few changes). A
/// coefficient that falls to zero (shrinkage) no longer counts, and its group is embedded again with the next one.
/// </remarks>
internal sealed class JpegCarrier
{
    private readonly byte[] _file;
    private readonly short[] _coefficients;
    private readonly int _blocks;
    private readonly int _width, _height, _components;

    private JpegCarrier(byte[] file, short[] coefficients, int blocks, int width, int height, int components)
    {
        _file = file;
        _coefficients = coefficients;
        _blocks = blocks;
        _width = width;
        _height = height;
        _components = components;
        foreach (int slot in Enumerable.Range(0, blocks * 63))
        {
            int magnitude = Math.Abs((int)_coefficients[Index(slot)]);
            if (magnitude == 1) Ones++;
            else if (magnitude > 1) Larger++;
        }
    }

    /// <summary>AC coefficients equal to ±1.</summary>
    public int Ones { get; }

    /// <summary>AC coefficients of magnitude 2 or more.</summary>
    public int Larger { get; }

    /// <summary>
    /// Bytes the coefficients hold at one bit per coefficient (k = 1): a bit 1 always stays on its
    /// coefficient; a bit 0 shrinks every ±1 it meets (p₁/(1 − p₁) of them on average, p₁ the share of
    /// ±1 among the non-zero coefficients) before a larger one takes it. So a bit costs
    /// 1 + p₁/(2(1 − p₁)) coefficients on average; 3 % are kept back for chance.
    /// </summary>
    public long CarrierBytes
    {
        get
        {
            if (Larger == 0) return 0;
            double bits = (Larger + (double)Ones) / (1 + 0.5 * Ones / Larger);
            return (long)(0.97 * bits) / 8;
        }
    }

    internal string Shape => $"jpeg {_width}x{_height}x{_components} {_blocks}";

    internal static int Index(int slot) => slot / 63 * 64 + slot % 63 + 1;

    /// <summary>Reads the coefficients of a JPEG file, after the codec has checked that it is whole (libjpeg fills a truncated scan with zeros).</summary>
    /// <exception cref="ImageFormatException">The JPEG is truncated or damaged.</exception>
    public static JpegCarrier Open(byte[] file, string? name = null)
    {
        using (ImageCodec.Read(new MemoryStream(file), new ImageReadOptions { ApplyExifOrientation = false }, name))
        {
        }
        try
        {
            var d = new jpeg_decompress_struct(new jpeg_error_mgr());
            d.jpeg_stdio_src(new MemoryStream(file));
            d.jpeg_read_header(true);
            var arrays = d.jpeg_read_coefficients();
            int blocks = 0;
            for (int c = 0; c < d.Num_components; c++) blocks += d.Comp_info[c].Width_in_blocks * HeightInBlocks(d, c);
            var coefficients = new short[blocks * 64];
            int at = 0;
            for (int c = 0; c < d.Num_components; c++)
            {
                var info = d.Comp_info[c];
                var rows = arrays[c].Access(0, HeightInBlocks(d, c));
                for (int y = 0; y < HeightInBlocks(d, c); y++)
                    for (int x = 0; x < info.Width_in_blocks; x++, at += 64)
                        for (int k = 0; k < 64; k++) coefficients[at + k] = rows[y][x][k];
            }
            var carrier = new JpegCarrier(file, coefficients, blocks, d.Image_width, d.Image_height, d.Num_components);
            d.jpeg_abort_decompress();
            return carrier;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the JPEG's coefficients cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The quantised coefficients, 64 per block (zig-zag order within each block; DC first), block after block, component after component.</summary>
    internal short[] Coefficients => _coefficients;

    /// <summary>8×8 blocks in all components.</summary>
    internal int Blocks => _blocks;

    /// <summary>This JPEG with other coefficients (for tests that tamper with them).</summary>
    internal byte[] Rewrite(short[] coefficients) => Write(coefficients);

    /// <summary>Rows of blocks of component <paramref name="c"/> (libjpeg's height_in_blocks, which the managed port keeps internal).</summary>
    private static int HeightInBlocks(jpeg_decompress_struct d, int c)
    {
        int maxV = 1;
        for (int i = 0; i < d.Num_components; i++) maxV = Math.Max(maxV, d.Comp_info[i].V_samp_factor);
        return (int)((d.Image_height * (long)d.Comp_info[c].V_samp_factor + maxV * 8 - 1) / (maxV * 8));
    }

    /// <summary>The DCT histogram of the AC coefficients in [-range, range] (for figures and tests).</summary>
    public long[] Histogram(int range = 8)
    {
        var histogram = new long[2 * range + 1];
        for (int slot = 0; slot < _blocks * 63; slot++)
        {
            int v = _coefficients[Index(slot)];
            if (v >= -range && v <= range) histogram[v + range]++;
        }
        return histogram;
    }

    /// <summary>Hides the payload and returns the stego JPEG file.</summary>
    public byte[] Hide(StegoPayload payload, ReadOnlySpan<byte> password, StegoOptions options)
    {
        byte[] content = StegoEnvelope.Pack(payload);
        long capacity = StegoEnvelope.Capacity(CarrierBytes);
        if (content.Length > capacity) throw new StegoCapacityException(content.Length, capacity);
        byte[] positionKey = StegoEnvelope.DerivePositionKey(password, Shape, options);
        int nonZero = Larger + Ones;
        int headerCost = (int)Math.Ceiling(StegoEnvelope.HeaderSize * 8 * (1 + 0.5 * Ones / Math.Max(1.0, Larger)));
        int code = 0;
        var (header, body) = StegoEnvelope.Seal(content, password, options, CarrierBytes, length => (byte)(code = ChooseCode(length * 8L, nonZero - headerCost)));
        for (; ; )
        {
            var stego = (short[])_coefficients.Clone();
            var embedder = new Walker(stego, _blocks, positionKey);
            if (embedder.Embed(header, 1) && embedder.Embed(body, code)) return Write(stego);
            if (code <= 1) throw new StegoCapacityException(content.Length, capacity);
            int lower = code - 1;
            (header, body) = StegoEnvelope.Seal(content, password, options, CarrierBytes, _ => (byte)(code = lower));
        }
    }

    /// <summary>Reveals the payload.</summary>
    public StegoPayload Reveal(ReadOnlySpan<byte> password, StegoOptions options, string? note)
        => StegoEnvelope.Open(new Walker(_coefficients, _blocks, StegoEnvelope.DerivePositionKey(password, Shape, options)), password, options, note);

    /// <summary>The largest k whose expected use of coefficients (groups × (2^k − 1) plus shrinkage) fits with a margin; 1 otherwise.</summary>
    private int ChooseCode(long bits, long available)
    {
        double p1 = (double)Ones / Math.Max(1, Ones + Larger);
        for (int k = 7; k > 1; k--)
        {
            int n = (1 << k) - 1;
            double groups = Math.Ceiling(bits / (double)k);
            double used = groups * (n + (1 - 1.0 / (1 << k)) * p1 / (1 - p1));
            if (used * 1.05 + 64 <= available) return k;
        }
        return 1;
    }

    private byte[] Write(short[] stego)
    {
        var d = new jpeg_decompress_struct(new jpeg_error_mgr());
        d.jpeg_stdio_src(new MemoryStream(_file));
        for (int m = 0; m < 16; m++) d.jpeg_save_markers((int)JPEG_MARKER.APP0 + m, 0xFFFF);
        d.jpeg_save_markers((int)JPEG_MARKER.COM, 0xFFFF);
        d.jpeg_read_header(true);
        var arrays = d.jpeg_read_coefficients();
        int at = 0;
        for (int c = 0; c < d.Num_components; c++)
        {
            var info = d.Comp_info[c];
            var rows = arrays[c].Access(0, HeightInBlocks(d, c));
            for (int y = 0; y < HeightInBlocks(d, c); y++)
                for (int x = 0; x < info.Width_in_blocks; x++, at += 64)
                    for (int k = 0; k < 64; k++) rows[y][x][k] = stego[at + k];
        }
        // libjpeg writes the cover's quantisation tables; of the standard and the optimised Huffman
        // tables, the one whose file size is closer to the cover's is kept.
        byte[] standard = Encode(d, arrays, optimize: false), optimised = Encode(d, arrays, optimize: true);
        d.jpeg_abort_decompress();
        return Math.Abs(standard.Length - _file.Length) <= Math.Abs(optimised.Length - _file.Length) ? standard : optimised;
    }

    private static byte[] Encode(jpeg_decompress_struct d, jvirt_array<JBLOCK>[] arrays, bool optimize)
    {
        using var output = new MemoryStream();
        var c2 = new jpeg_compress_struct(new jpeg_error_mgr());
        c2.jpeg_stdio_dest(output);
        d.jpeg_copy_critical_parameters(c2);
        c2.Optimize_coding = optimize;
        c2.jpeg_write_coefficients(arrays);
        foreach (var marker in d.Marker_list)
        {
            bool jfif = marker.Marker == (int)JPEG_MARKER.APP0 && marker.Data.Length >= 4 && marker.Data[0] == 'J' && marker.Data[1] == 'F' && marker.Data[2] == 'I' && marker.Data[3] == 'F';
            bool adobe = marker.Marker == (int)JPEG_MARKER.APP14 && marker.Data.Length >= 5 && marker.Data[0] == 'A' && marker.Data[1] == 'd';
            if (!jfif && !adobe) c2.jpeg_write_marker(marker.Marker, marker.Data);
        }
        c2.jpeg_finish_compress();
        return output.ToArray();
    }

    /// <summary>Walks the non-zero AC coefficients in the keyed order, embedding or extracting k bits per group.</summary>
    private sealed class Walker(short[] coefficients, int blocks, byte[] positionKey) : StegoEnvelope.IReader
    {
        private readonly KeyedPermutation _positions = new(blocks * 63, positionKey);


        private int NextNonZero()
        {
            for (int slot = _positions.Next(); slot >= 0; slot = _positions.Next())
            {
                int i = Index(slot);
                if (coefficients[i] != 0) return i;
            }
            return -1;
        }

        private static IEnumerable<int> Chunks(byte[] bytes, int k)
        {
            long bits = bytes.Length * 8L;
            for (long at = 0; at < bits; at += k)
            {
                int value = 0;
                for (int j = 0; j < k; j++)
                {
                    long b = at + j;
                    int bit = b < bits ? (bytes[b >> 3] >> (7 - (int)(b & 7))) & 1 : 0;
                    value = (value << 1) | bit;
                }
                yield return value;
            }
        }

        private int Syndrome(List<int> group)
        {
            int h = 0;
            for (int j = 0; j < group.Count; j++)
                if ((Math.Abs((int)coefficients[group[j]]) & 1) == 1) h ^= j + 1;
            return h;
        }

        private bool FillGroup(List<int> group, int n)
        {
            while (group.Count < n)
            {
                int i = NextNonZero();
                if (i < 0) return false;
                group.Add(i);
            }
            return true;
        }

        public bool Embed(byte[] bytes, int k)
        {
            if (k is < 1 or > 7) return false;
            int n = (1 << k) - 1;
            var group = new List<int>(n);
            foreach (int message in Chunks(bytes, k))
            {
                group.Clear();
                if (!FillGroup(group, n)) return false;
                for (; ; )
                {
                    int s = Syndrome(group) ^ message;
                    if (s == 0) break;
                    int i = group[s - 1];
                    coefficients[i] = (short)(coefficients[i] > 0 ? coefficients[i] - 1 : coefficients[i] + 1);
                    if (coefficients[i] != 0) break;
                    group.RemoveAt(s - 1);
                    if (!FillGroup(group, n)) return false;
                }
            }
            return true;
        }

        public byte[]? ReadHeader(int count) => Extract(count, 1);

        public byte[]? ReadBody(int count, byte code) => code is >= 1 and <= 7 ? Extract(count, code) : null;

        private byte[]? Extract(int count, int k)
        {
            int n = (1 << k) - 1;
            long bits = count * 8L;
            var bytes = new byte[count];
            var group = new List<int>(n);
            for (long at = 0; at < bits; at += k)
            {
                group.Clear();
                if (!FillGroup(group, n)) return null;
                int h = Syndrome(group);
                for (int j = 0; j < k; j++)
                {
                    long b = at + j;
                    if (b < bits && ((h >> (k - 1 - j)) & 1) == 1) bytes[b >> 3] |= (byte)(1 << (7 - (int)(b & 7)));
                }
            }
            return bytes;
        }
    }
}
