using BitMiracle.LibJpeg.Classic;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace AugSharp.Steganography;

/// <summary>
/// Hides bits in a JPEG's quantised DCT coefficients, read and written back through libjpeg's
/// coefficient interface (BitMiracle.LibJpeg.NET): the pixels are never decoded and re-encoded, so
/// the quantisation tables, and with them the quality, stay the cover's.
/// </summary>
/// <remarks>
/// nsF5: a coefficient's bit is the parity of its magnitude (|c| mod 2, so 0 reads 0), and a bit is changed by
/// decrementing the magnitude (never incrementing, never touching DC), which keeps the histogram's shape.
/// Every AC coefficient is read, in an order keyed by the password spread over every block of every
/// component, zeros included. The bits go in by wet-paper coding: the keyed order is cut into blocks; in a
/// block of n coefficients the receiver's q bits are D·b, b the parities and D a q × n binary matrix drawn
/// from the keyed stream. The sender may change only the non-zero ("dry") coefficients and solves
/// D_dry·v = m ⊕ D·b over GF(2), q a little below the block's dry count; a ±1 that falls to 0 has had its
/// parity flipped like any other, so shrinkage costs nothing and nothing is embedded again.
/// A short first block (up to the 320th non-zero coefficient, where only |c| ≥ 2 are dry so that the
/// zeros stay where they were) gives the length of the header's block; each block then carries the
/// length of the next (<see cref="DenseCode"/>).
/// <para>Matrix embedding (<see cref="MatrixCode"/>) when the payload is small: the header and the body are
/// cut into blocks of k bits spread evenly over every coefficient after the first block (the header's
/// share in proportion to its bits), so that each block has many more dry coefficients than bits, and the
/// sender changes the fewest coefficients whose columns of D add up to the block's syndrome (one, two or
/// three, found through a table of the columns; Gauss–Jordan as a last resort). k is chosen for the
/// payload's size; the first block carries it with the header's length.</para>
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
        Progressive = IsProgressive(file);
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

    /// <summary>True when the file is a progressive JPEG (SOF2): the stego file is written progressive too.</summary>
    public bool Progressive { get; }

    /// <summary>True when a start-of-frame marker before the first scan is SOF2 (progressive, Huffman).</summary>
    private static bool IsProgressive(byte[] file)
    {
        for (int i = 2; i + 3 < file.Length && file[i] == 0xFF;)
        {
            byte marker = file[i + 1];
            if (marker == 0xFF) { i++; continue; }
            if (marker == 0xC2) return true;
            if (marker == 0xDA || marker == 0xD9) return false;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
            i += 2 + (file[i + 2] << 8 | file[i + 3]);
        }
        return false;
    }

    /// <summary>AC coefficients equal to ±1.</summary>
    public int Ones { get; }

    /// <summary>AC coefficients of magnitude 2 or more.</summary>
    public int Larger { get; }

    /// <summary>Non-zero AC coefficients the first block spans.</summary>
    private const int LeadNonZero = 320;

    /// <summary>Bits giving the next block's length, in units of 8 coefficients.</summary>
    private const int LengthBits = 16;

    /// <summary>Bits of the first block: the matrix code's k (0 for the dense code) and the header's length (<see cref="LengthBits"/>).</summary>
    private const int LeadBits = 5 + LengthBits;

    /// <summary>Positions per unit of the header region's length under <see cref="MatrixCode"/>.</summary>
    private const int MatrixLengthUnit = 64;

    /// <summary>Payload bits per block.</summary>
    private const int BlockBits = 496;

    /// <summary>Dry coefficients per block beyond its bits: a random q × (q + 16) binary matrix lacks full rank with probability about 2⁻¹⁶.</summary>
    private const int Spare = 16;

    /// <summary>The code parameter stored in the header: blocks packed one after the other, each giving the next one's length.</summary>
    private const byte DenseCode = 1;

    /// <summary>The code parameter stored in the header: matrix embedding, blocks of k bits spread over every remaining coefficient.</summary>
    private const byte MatrixCode = 2;

    /// <summary>The largest k of <see cref="MatrixCode"/>.</summary>
    private const int MaxMatrixBits = 20;

    /// <summary>Dry coefficients of a block up to which three-column solutions are searched (the search is quadratic in them).</summary>
    private const int TripleSearchLimit = 2048;

    /// <summary>
    /// The k of <see cref="MatrixCode"/> for <paramref name="bodyBits"/> bits (header and body): the one with the
    /// most bits per change expected, or 0 when the dense code does as well (the payload is large).
    /// </summary>
    /// <remarks>
    /// With d dry coefficients per block, a syndrome is reached with at most t changes with probability
    /// about 1 − exp(−N_t / 2^k), N_t the number of sums of up to t columns; past three changes Gauss–Jordan
    /// changes about k / 2. Blocks need k + 24 dry coefficients on average, so that Gauss–Jordan never lacks rank.
    /// </remarks>
    internal int MatrixBlockBits(long bodyBits)
    {
        double dry = Ones + Larger - LeadNonZero;
        if (bodyBits <= 0 || dry <= 0) return 0;
        int best = 0;
        double bestBitsPerChange = 2.5;
        for (int k = 1; k <= MaxMatrixBits; k++)
        {
            double d = dry * k / bodyBits;
            if (d < k + 24) continue;
            double space = Math.Pow(2, k), previous = 1 / space, expected = 0, n = 1, term = 1;
            for (int t = 1; t <= 3; t++)
            {
                if (t == 3 && d > TripleSearchLimit) break;
                term *= (d - t + 1) / t;
                n += term;
                double reached = 1 - Math.Exp(-n / space);
                expected += t * Math.Max(0, reached - previous);
                previous = Math.Max(previous, reached);
            }
            expected += k / 2.0 * (1 - previous);
            if (k / expected > bestBitsPerChange) (best, bestBitsPerChange) = (k, k / expected);
        }
        return best;
    }

    /// <summary>
    /// Bytes the coefficients hold: the non-zero AC coefficients, less the first block's and the
    /// header block's, in blocks of <see cref="BlockBits"/> + <see cref="LengthBits"/> + <see cref="Spare"/>
    /// dry coefficients (and up to 8 more where a block's length is rounded), 1 % kept back. None when
    /// fewer than a fifth of the non-zero coefficients have |c| ≥ 2 (the first block changes only those), or when
    /// they are so sparse that a block's length would not fit in its <see cref="LengthBits"/> bits.
    /// </summary>
    public long CarrierBytes
    {
        get
        {
            int nonZero = Ones + Larger;
            if (nonZero == 0 || Larger * (double)LeadNonZero / nonZero < 64) return 0;
            // A block's length is sent in LengthBits bits, in units of 8: the non-zero coefficients must not be so sparse that a block would need more.
            if (2.0 * (BlockBits + LengthBits + Spare) * _blocks * 63 / nonZero > 8 * ((1 << LengthBits) - 1)) return 0;
            double available = nonZero - LeadNonZero - (StegoEnvelope.HeaderSize * 8 + LengthBits + Spare + 8);
            long blocks = (long)(0.99 * available / (BlockBits + LengthBits + Spare + 8));
            return blocks <= 0 ? 0 : StegoEnvelope.HeaderSize + blocks * BlockBits / 8;
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
            CopyCoefficients(d, arrays, coefficients, intoBlocks: false);
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
        // Matrix embedding when the payload is small; the dense code if a block of it cannot be solved.
        foreach (bool matrix in new[] { true, false })
        {
            int k = 0;
            var (header, body) = StegoEnvelope.Seal(content, password, options, CarrierBytes, bodyLength =>
            {
                k = matrix ? MatrixBlockBits((StegoEnvelope.HeaderSize + (long)bodyLength) * 8) : 0;
                return k > 0 ? MatrixCode : DenseCode;
            });
            if (matrix && k == 0) continue;
            var stego = (short[])_coefficients.Clone();
            using var walker = new Walker(stego, _blocks, positionKey);
            if (walker.Embed(header, body, k)) return Write(stego);
        }
        throw new StegoCapacityException(content.Length, capacity);
    }

    /// <summary>Reveals the payload.</summary>
    public StegoPayload Reveal(ReadOnlySpan<byte> password, StegoOptions options, string? note)
    {
        using var walker = new Walker(_coefficients, _blocks, StegoEnvelope.DerivePositionKey(password, Shape, options));
        return StegoEnvelope.Open(walker, password, options, note);
    }

    private byte[] Write(short[] stego)
    {
        var d = new jpeg_decompress_struct(new jpeg_error_mgr());
        d.jpeg_stdio_src(new MemoryStream(_file));
        for (int m = 0; m < 16; m++) d.jpeg_save_markers((int)JPEG_MARKER.APP0 + m, 0xFFFF);
        d.jpeg_save_markers((int)JPEG_MARKER.COM, 0xFFFF);
        d.jpeg_read_header(true);
        var arrays = d.jpeg_read_coefficients();
        CopyCoefficients(d, arrays, stego, intoBlocks: true);
        // libjpeg writes the cover's quantisation tables; of the standard and the optimised Huffman
        // tables, the one whose file size is closer to the cover's is kept.
        byte[] standard = Encode(d, arrays, optimize: false, Progressive), optimised = Encode(d, arrays, optimize: true, Progressive);
        d.jpeg_abort_decompress();
        return Math.Abs(standard.Length - _file.Length) <= Math.Abs(optimised.Length - _file.Length) ? standard : optimised;
    }

    /// <summary>
    /// The coefficients of every block, component after component, row after row, 64 per block:
    /// from the blocks into <paramref name="flat"/>, or back into the blocks with <paramref name="intoBlocks"/>.
    /// </summary>
    private static void CopyCoefficients(jpeg_decompress_struct d, jvirt_array<JBLOCK>[] arrays, short[] flat, bool intoBlocks)
    {
        int at = 0;
        for (int c = 0; c < d.Num_components; c++)
        {
            int width = d.Comp_info[c].Width_in_blocks, height = HeightInBlocks(d, c);
            var rows = arrays[c].Access(0, height);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++, at += 64)
                {
                    var block = rows[y][x];
                    for (int k = 0; k < 64; k++)
                    {
                        if (intoBlocks) block[k] = flat[at + k];
                        else flat[at + k] = block[k];
                    }
                }
            }
        }
    }

    private static byte[] Encode(jpeg_decompress_struct d, jvirt_array<JBLOCK>[] arrays, bool optimize, bool progressive)
    {
        using var output = new MemoryStream();
        var c2 = new jpeg_compress_struct(new jpeg_error_mgr());
        c2.jpeg_stdio_dest(output);
        d.jpeg_copy_critical_parameters(c2);
        c2.Optimize_coding = optimize;
        if (progressive) c2.jpeg_simple_progression();
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

    /// <summary>
    /// Reads or writes the blocks of the wet-paper code along the keyed order of every AC coefficient.
    /// Block 0 spans the positions up to the <see cref="LeadNonZero"/>-th non-zero one and holds the
    /// matrix code's k and the header's length. Dense code (k = 0): the header block holds the header and
    /// the first body block's length; each body block holds up to <see cref="BlockBits"/> bits of the body
    /// and the next block's length. Matrix code: the header's blocks of k bits fill the header region, the
    /// body's the rest.
    /// </summary>
    private sealed class Walker : StegoEnvelope.IReader, IDisposable
    {
        private readonly short[] _c;
        private readonly int[] _order;
        private readonly Aes _aes;
        private int _at;
        private int _next;

        public Walker(short[] coefficients, int blocks, byte[] positionKey)
        {
            _c = coefficients;
            using var positions = new KeyedPermutation(blocks * 63, positionKey);
            _order = new int[blocks * 63];
            for (int p = 0; p < _order.Length; p++) _order[p] = Index(positions.Next());
            _aes = Aes.Create();
            _aes.Key = HMACSHA256.HashData(positionKey, "wet paper matrix"u8);
        }

        public void Dispose() => _aes.Dispose();

        private static int Parity(short v) => Math.Abs((int)v) & 1;

        /// <summary>Positions in block 0: up to and including the <see cref="LeadNonZero"/>-th non-zero coefficient; -1 when there are fewer.</summary>
        private int LeadLength()
        {
            int seen = 0;
            for (int p = 0; p < _order.Length; p++)
                if (_c[_order[p]] != 0 && ++seen == LeadNonZero) return p + 1;
            return -1;
        }

        /// <summary>
        /// The q-bit columns of D at the given positions, (q + 127) / 128 × 2 words each: AES-256 of
        /// (position, index) under a key derived from the position key.
        /// </summary>
        private ulong[] Columns(List<int> positions, int q, out int stride)
        {
            int per = (q + 127) / 128;
            stride = per * 2;
            var counters = new byte[positions.Count * per * 16];
            for (int i = 0, off = 0; i < positions.Count; i++)
                for (int k = 0; k < per; k++, off += 16)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(counters.AsSpan(off), positions[i]);
                    BinaryPrimitives.WriteInt32LittleEndian(counters.AsSpan(off + 4), k);
                }
            var stream = new byte[counters.Length];
            _aes.EncryptEcb(counters, stream, PaddingMode.None);
            return MemoryMarshal.Cast<byte, ulong>(stream).ToArray();
        }

        /// <summary>D·b for the block of n positions from start: the receiver's q bits.</summary>
        private ulong[] Syndrome(int start, int n, int q)
        {
            var odd = new List<int>();
            for (int p = start; p < start + n; p++)
                if (Parity(_c[_order[p]]) == 1) odd.Add(p);
            var columns = Columns(odd, q, out int stride);
            var acc = new ulong[stride];
            for (int i = 0; i < odd.Count; i++)
                for (int w = 0; w < stride; w++) acc[w] ^= columns[i * stride + w];
            return acc;
        }

        private static int Bit(ulong[] bits, int r) => (int)(bits[r >> 6] >> (r & 63)) & 1;

        private static int Field(ulong[] bits, int from, int width = LengthBits)
        {
            int value = 0;
            for (int j = 0; j < width; j++) value = (value << 1) | Bit(bits, from + j);
            return value;
        }

        /// <summary>The matrix code's k read from the first block; 0 for the dense code.</summary>
        private int _matrixBits;

        /// <summary>The next block's positions from the length read last; -1 when none are left.</summary>
        private int NextLength()
        {
            int n = Math.Min(_next * 8, _order.Length - _at);
            return n > 0 ? n : -1;
        }

        public byte[]? ReadHeader(int count)
        {
            _at = 0;
            int lead = LeadLength();
            if (lead < 0) return null;
            int field = Field(Syndrome(0, lead, LeadBits), 0, LeadBits);
            _matrixBits = field >> LengthBits;
            _next = field & ((1 << LengthBits) - 1);
            _at = lead;
            var bytes = new byte[count];
            if (_matrixBits == 0) return ReadBlock(bytes, 0, count * 8) ? bytes : null;
            if (_matrixBits > MaxMatrixBits) return null;
            int end = (int)Math.Min((long)_next * MatrixLengthUnit + lead, _order.Length);
            if (!ReadMatrixBlocks(bytes, _matrixBits, lead, end)) return null;
            _at = end;
            return bytes;
        }

        public byte[]? ReadBody(int count, byte code)
        {
            if (code == MatrixCode && _matrixBits > 0)
            {
                var body = new byte[count];
                return ReadMatrixBlocks(body, _matrixBits, _at, _order.Length) ? body : null;
            }
            if (code != DenseCode || _matrixBits != 0) return null;
            var bytes = new byte[count];
            for (int from = 0; from < count * 8; from += BlockBits)
                if (!ReadBlock(bytes, from, Math.Min(BlockBits, count * 8 - from))) return null;
            return bytes;
        }

        /// <summary>
        /// Reads <paramref name="bytes"/> by <see cref="MatrixCode"/>: <paramref name="k"/> bits per block, the blocks
        /// cutting the positions from <paramref name="from"/> to <paramref name="to"/> into equal parts; false when they are too few.
        /// </summary>
        private bool ReadMatrixBlocks(byte[] bytes, int k, int from, int to)
        {
            long bits = bytes.Length * 8L;
            long blocks = (bits + k - 1) / k, positions = to - from;
            if (blocks > positions) return false;
            for (long i = 0; i < blocks; i++)
            {
                int start = from + (int)(i * positions / blocks), end = from + (int)((i + 1) * positions / blocks);
                int q = (int)Math.Min(k, bits - i * k);
                ulong syndrome = Syndrome(start, end - start, q)[0];
                for (int r = 0; r < q; r++)
                {
                    long b = i * k + r;
                    if (((syndrome >> r) & 1) != 0) bytes[b >> 3] |= (byte)(0x80 >> (int)(b & 7));
                }
            }
            return true;
        }

        /// <summary>Reads the next block: <paramref name="bits"/> bits into bytes from bit <paramref name="from"/>, then the next block's length.</summary>
        private bool ReadBlock(byte[] bytes, int from, int bits)
        {
            int n = NextLength();
            if (n < 0) return false;
            var syndrome = Syndrome(_at, n, bits + LengthBits);
            for (int r = 0; r < bits; r++)
                if (Bit(syndrome, r) == 1) bytes[(from + r) >> 3] |= (byte)(0x80 >> ((from + r) & 7));
            _next = Field(syndrome, bits);
            _at += n;
            return true;
        }

        /// <summary>
        /// Embeds the header and the body by <see cref="MatrixCode"/> with blocks of <paramref name="matrixBits"/>
        /// bits, or by <see cref="DenseCode"/> when it is 0; false when the coefficients cannot hold them.
        /// </summary>
        public bool Embed(byte[] header, byte[] body, int matrixBits)
        {
            if (matrixBits > 0) return EmbedMatrix(header, body, matrixBits);
            // Blocks: (source, first bit, bits); block 0 carries only the header block's length.
            var blocks = new List<(byte[] Source, int From, int Bits)> { (header, 0, 0), (header, 0, header.Length * 8) };
            for (int from = 0; from < body.Length * 8; from += BlockBits) blocks.Add((body, from, Math.Min(BlockBits, body.Length * 8 - from)));
            int count = blocks.Count;
            var start = new int[count];
            var length = new int[count];
            length[0] = LeadLength();
            if (length[0] < 0) return false;
            for (int i = 0; i < count; i++)
            {
                for (int tries = 0; ; tries++)
                {
                    if (i + 1 < count)
                    {
                        start[i + 1] = start[i] + length[i];
                        length[i + 1] = MinimalLength(start[i + 1], blocks[i + 1].Bits + LengthBits);
                        if (length[i + 1] < 0) return false;
                    }
                    int field = i + 1 < count ? (length[i + 1] + 7) / 8 : 0;
                    if (Solve(start[i], length[i], blocks[i], field, lead: i == 0)) break;
                    // No solution (about one block in 2^16): take 8 more positions, and give block i - 1 the new length.
                    if (i == 0 || tries == 8 || start[i] + length[i] >= _order.Length) return false;
                    length[i] = Math.Min(length[i] + 8, _order.Length - start[i]);
                    Restore(start[i - 1], length[i - 1]);
                    if (!Solve(start[i - 1], length[i - 1], blocks[i - 1], (length[i] + 7) / 8, lead: i - 1 == 0)) return false;
                }
            }
            return true;
        }

        /// <summary>
        /// <see cref="MatrixCode"/>: the first block gives k and the header region's length, the header's
        /// share of the positions after it being in proportion to its bits; then the header's blocks and the body's.
        /// </summary>
        private bool EmbedMatrix(byte[] header, byte[] body, int k)
        {
            int lead = LeadLength();
            if (lead < 0) return false;
            long total = _order.Length - lead, headerBits = header.Length * 8L, bits = headerBits + body.Length * 8L;
            long units = Math.Clamp((total * headerBits / bits + MatrixLengthUnit - 1) / MatrixLengthUnit, 1, (1 << LengthBits) - 1);
            int end = (int)Math.Min(lead + units * MatrixLengthUnit, _order.Length);
            return Solve(0, lead, (header, 0, 0), (k << LengthBits) | (int)units, lead: true)
                && EmbedMatrixBlocks(header, k, lead, end)
                && EmbedMatrixBlocks(body, k, end, _order.Length);
        }

        /// <summary>Embeds <paramref name="source"/> in the layout <see cref="ReadMatrixBlocks"/> reads.</summary>
        private bool EmbedMatrixBlocks(byte[] source, int k, int from, int to)
        {
            long bits = source.Length * 8L;
            long blocks = (bits + k - 1) / k, positions = to - from;
            if (blocks > positions) return false;
            for (long i = 0; i < blocks; i++)
            {
                int start = from + (int)(i * positions / blocks), end = from + (int)((i + 1) * positions / blocks);
                int q = (int)Math.Min(k, bits - i * k);
                ulong target = Syndrome(start, end - start, q)[0];
                for (int r = 0; r < q; r++)
                {
                    long b = i * k + r;
                    target ^= (ulong)((source[b >> 3] >> (7 - (int)(b & 7))) & 1) << r;
                }
                if (!SolveFewestChanges(start, end - start, q, target)) return false;
            }
            return true;
        }

        /// <summary>
        /// Makes D·b equal the target in the block of n positions from start (q ≤ 64 rows) by decrementing the
        /// fewest dry coefficients it can find: one column equal to the target, two or three adding up to it,
        /// preferring |c| ≥ 2 (a ±1 falling to 0 changes the count of zeros); else by Gauss–Jordan.
        /// </summary>
        private bool SolveFewestChanges(int start, int n, int q, ulong target)
        {
            _cover ??= (short[])_c.Clone();
            ulong mask = q == 64 ? ulong.MaxValue : (1UL << q) - 1;
            target &= mask;
            if (target == 0) return true;
            var dry = new List<int>();
            for (int p = start; p < start + n; p++)
                if (_c[_order[p]] != 0) dry.Add(p);
            var words = Columns(dry, q, out int stride);
            int d = dry.Count;
            var columns = new ulong[d];
            for (int j = 0; j < d; j++) columns[j] = words[j * stride] & mask;
            bool Shrinks(int j) => Math.Abs((int)_c[_order[dry[j]]]) == 1;

            // A column for each value, one of |c| ≥ 2 where there is one.
            var byValue = new Dictionary<ulong, int>(d);
            for (int j = 0; j < d; j++)
                if (!byValue.TryGetValue(columns[j], out int seen) || (Shrinks(seen) && !Shrinks(j))) byValue[columns[j]] = j;

            if (byValue.TryGetValue(target, out int single)) return Change(dry, single);
            int bestA = -1, bestB = -1, bestShrink = 3;
            for (int a = 0; a < d && bestShrink > 0; a++)
            {
                if (!byValue.TryGetValue(target ^ columns[a], out int b) || b == a) continue;
                int shrink = (Shrinks(a) ? 1 : 0) + (Shrinks(b) ? 1 : 0);
                if (shrink < bestShrink) (bestA, bestB, bestShrink) = (a, b, shrink);
            }
            if (bestA >= 0) return Change(dry, bestA, bestB);
            if (d <= TripleSearchLimit)
                for (int a = 0; a < d; a++)
                    for (int b = a + 1; b < d; b++)
                        if (byValue.TryGetValue(target ^ columns[a] ^ columns[b], out int c) && c != a && c != b)
                            return Change(dry, a, b, c);
            return SolveGaussJordan(dry, words, stride, q, [target]);
        }

        private bool Change(List<int> dry, params int[] chosen)
        {
            foreach (int j in chosen)
            {
                int i = _order[dry[j]];
                _c[i] = (short)(_c[i] > 0 ? _c[i] - 1 : _c[i] + 1);
            }
            return true;
        }

        private short[]? _cover;

        private void Restore(int start, int n)
        {
            for (int p = start; p < start + n; p++) _c[_order[p]] = _cover![_order[p]];
        }

        /// <summary>Positions from start holding q + <see cref="Spare"/> non-zero coefficients, rounded up to a multiple of 8; -1 when there are not so many.</summary>
        private int MinimalLength(int start, int q)
        {
            int seen = 0;
            for (int p = start; p < _order.Length; p++)
                if (_c[_order[p]] != 0 && ++seen == q + Spare)
                {
                    int n = Math.Min((p - start + 8) / 8 * 8, _order.Length - start);
                    return (n + 7) / 8 < 1 << LengthBits ? n : -1;
                }
            return -1;
        }

        /// <summary>
        /// A block of the dense code (and the first two blocks of either code): its bits and the length
        /// field <paramref name="field"/>, solved as D_dry·v = m ⊕ D·b by Gauss–Jordan elimination; false, with nothing changed, when there is no solution.
        /// </summary>
        private bool Solve(int start, int n, (byte[] Source, int From, int Bits) block, int field, bool lead)
        {
            _cover ??= (short[])_c.Clone();
            int fieldBits = lead ? LeadBits : LengthBits;
            int q = block.Bits + fieldBits;
            var target = Syndrome(start, n, q);
            for (int r = 0; r < block.Bits; r++)
            {
                int b = block.From + r;
                target[r >> 6] ^= (ulong)((block.Source[b >> 3] >> (7 - (b & 7))) & 1) << (r & 63);
            }
            for (int j = 0; j < fieldBits; j++)
            {
                int r = block.Bits + j;
                target[r >> 6] ^= (ulong)((field >> (fieldBits - 1 - j)) & 1) << (r & 63);
            }

            var dry = new List<int>();
            for (int p = start; p < start + n; p++)
            {
                int v = Math.Abs((int)_c[_order[p]]);
                if (v >= (lead ? 2 : 1)) dry.Add(p);
            }
            var columns = Columns(dry, q, out int stride);
            return SolveGaussJordan(dry, columns, stride, q, target);
        }

        /// <summary>
        /// Solves D_dry·v = target by Gauss–Jordan elimination over GF(2) on bit-packed rows and decrements the
        /// dry coefficients where v = 1; false, with nothing changed, when there is no solution.
        /// </summary>
        private bool SolveGaussJordan(List<int> dry, ulong[] columns, int stride, int q, ulong[] target)
        {
            int d = dry.Count, words = (d + 63) / 64;
            var rows = new ulong[q * words];
            for (int j = 0; j < d; j++)
                for (int r = 0; r < q; r++)
                    if (((columns[j * stride + (r >> 6)] >> (r & 63)) & 1) != 0) rows[r * words + (j >> 6)] |= 1UL << (j & 63);
            var t = new bool[q];
            for (int r = 0; r < q; r++) t[r] = Bit(target, r) == 1;

            var pivots = new int[q];
            int rank = 0;
            for (int j = 0; j < d && rank < q; j++)
            {
                int w = j >> 6;
                ulong mask = 1UL << (j & 63);
                int p = rank;
                while (p < q && (rows[p * words + w] & mask) == 0) p++;
                if (p == q) continue;
                if (p != rank)
                {
                    for (int k = w; k < words; k++) (rows[p * words + k], rows[rank * words + k]) = (rows[rank * words + k], rows[p * words + k]);
                    (t[p], t[rank]) = (t[rank], t[p]);
                }
                for (int r = 0; r < q; r++)
                {
                    if (r == rank || (rows[r * words + w] & mask) == 0) continue;
                    for (int k = w; k < words; k++) rows[r * words + k] ^= rows[rank * words + k];
                    t[r] ^= t[rank];
                }
                pivots[rank++] = j;
            }
            for (int r = rank; r < q; r++)
                if (t[r]) return false;
            for (int r = 0; r < rank; r++)
            {
                if (!t[r]) continue;
                int i = _order[dry[pivots[r]]];
                _c[i] = (short)(_c[i] > 0 ? _c[i] - 1 : _c[i] + 1);
            }
            return true;
        }
    }
}
