using System.Buffers.Binary;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// Reads a JPEG's markers without decoding its pixels: the frame header (size, components), and
/// whether each Huffman-coded sequential scan holds all its 8x8 blocks. libjpeg accepts a scan
/// that stops early at an end marker (a cut file with <c>FF D9</c> appended) and fills the rest
/// with gray; walking the entropy-coded data finds it, at a fraction of the cost of decoding.
/// </summary>
internal static class JpegStructure
{
    internal readonly record struct Component(int Id, int H, int V);

    /// <summary>The frame header: size, the SOF marker (C0 baseline, C1 extended, C2 progressive...), components, bits per sample.</summary>
    internal sealed record Frame(int Width, int Height, byte Marker, Component[] Components, int Precision = 8)
    {
        public int HMax => Components.Max(c => c.H);

        public int VMax => Components.Max(c => c.V);

        /// <summary>Huffman-coded sequential (baseline or extended): the scans this class can check.</summary>
        public bool IsSequentialHuffman => Marker is 0xC0 or 0xC1;

        /// <summary>Huffman-coded DCT: baseline, extended sequential or progressive (not lossless, hierarchical or arithmetic).</summary>
        public bool IsHuffmanDct => Marker is 0xC0 or 0xC1 or 0xC2;

        /// <summary>Huffman-coded (sequential, progressive or lossless), for which every block costs at least one bit.</summary>
        public bool IsHuffman => Marker is 0xC0 or 0xC1 or 0xC2 or 0xC3 or 0xC5 or 0xC6 or 0xC7;

        public int BlocksWide(Component c) => (CeilDiv(Width * c.H, HMax) + 7) / 8;

        public int BlocksHigh(Component c) => (CeilDiv(Height * c.V, VMax) + 7) / 8;

        /// <summary>
        /// The fewest bytes any Huffman-coded JPEG of this size can hold: every 8x8 block of every
        /// coded component needs at least one bit (its DC code), counted here for the smallest component.
        /// </summary>
        public long MinimumEntropyBytes => IsHuffman ? Components.Min(c => (long)BlocksWide(c) * BlocksHigh(c)) / 8 : 0;
    }

    private static int CeilDiv(long a, int b) => (int)((a + b - 1) / b);

    private static bool IsSof(byte m) => m is >= 0xC0 and <= 0xCF && m is not (0xC4 or 0xC8 or 0xCC);

    /// <summary>The frame header, or null when the data ends (or is malformed) before it.</summary>
    public static Frame? ReadFrame(ReadOnlySpan<byte> data)
    {
        int pos = 2;
        while (NextMarker(data, ref pos, out byte marker))
        {
            if (marker is 0xD9 or 0xDA) return null;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue;
            if (pos + 2 > data.Length) return null;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length) return null;
            if (IsSof(marker)) return ParseFrame(data.Slice(pos + 2, length - 2), marker);
            pos += length;
        }
        return null;
    }

    /// <summary>
    /// False when no APP1 segment before the first scan starts with the EXIF signature; true when
    /// one does, or when the markers end or break before a scan (then no one can be sure).
    /// </summary>
    public static bool MayHaveExif(ReadOnlySpan<byte> data)
    {
        int pos = 2;
        while (NextMarker(data, ref pos, out byte marker))
        {
            if (marker is 0xD9 or 0xDA) return false;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue;
            if (pos + 2 > data.Length) return true;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length) return true;
            if (marker == 0xE1 && data.Slice(pos + 2, length - 2).StartsWith("Exif\0"u8)) return true;
            pos += length;
        }
        return true;
    }

    private static Frame? ParseFrame(ReadOnlySpan<byte> s, byte marker)
    {
        if (s.Length < 6) return null;
        int height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        int count = s[5];
        if (count == 0 || s.Length < 6 + 3 * count) return null;
        var components = new Component[count];
        for (int i = 0; i < count; i++)
        {
            int h = s[7 + 3 * i] >> 4, v = s[7 + 3 * i] & 15;
            if (h is < 1 or > 4 || v is < 1 or > 4) return null;
            components[i] = new Component(s[6 + 3 * i], h, v);
        }
        return new Frame(width, height, marker, components, s[0]);
    }

    // Moves past the next marker (skipping fill bytes); false at the end of the data or on a byte that is not a marker.
    private static bool NextMarker(ReadOnlySpan<byte> data, ref int pos, out byte marker)
    {
        marker = 0;
        if (pos >= data.Length || data[pos] != 0xFF) return false;
        while (pos < data.Length && data[pos] == 0xFF) pos++;
        if (pos >= data.Length) return false;
        marker = data[pos++];
        return true;
    }

    private sealed class HuffmanTable
    {
        private const int LookupBits = 9;
        private readonly int[] _maxCode = new int[18];
        private readonly int[] _valueOffset = new int[17];
        private readonly byte[] _values;
        // For each LookupBits-bit prefix: (code length << 8) | symbol, or 0 for a longer code.
        private readonly int[] _lookup = new int[1 << LookupBits];

        public HuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
        {
            _values = values.ToArray();
            int code = 0, k = 0;
            for (int length = 1; length <= 16; length++)
            {
                _valueOffset[length] = k - code;
                for (int i = 0; i < counts[length - 1]; i++, code++, k++)
                {
                    if (length > LookupBits || k >= _values.Length) continue;
                    int shift = LookupBits - length;
                    for (int fill = 0; fill < 1 << shift; fill++)
                        _lookup[(code << shift) | fill] = (length << 8) | _values[k];
                }
                _maxCode[length] = counts[length - 1] > 0 ? code - 1 : -1;
                code <<= 1;
            }
            _maxCode[17] = int.MaxValue;
        }

        /// <summary>The next symbol, -1 at the end of the data or for a code that is not in the table.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int Decode(ref BitReader bits)
        {
            if (bits.Count >= 16)
            {
                int entry = _lookup[bits.Peek(LookupBits)];
                if (entry != 0)
                {
                    bits.Consume(entry >> 8);
                    return entry & 0xFF;
                }
            }
            return DecodeSlowly(ref bits);
        }

        private int DecodeSlowly(ref BitReader bits)
        {
            int available = bits.Available();
            if (available >= LookupBits)
            {
                int entry = _lookup[bits.Peek(LookupBits)];
                if (entry != 0)
                {
                    bits.Consume(entry >> 8);
                    return entry & 0xFF;
                }
            }
            for (int length = 1; length <= 16 && length <= available; length++)
            {
                int code = bits.Peek(length);
                if (code <= _maxCode[length])
                {
                    int index = _valueOffset[length] + code;
                    if ((uint)index >= (uint)_values.Length) return -1;
                    bits.Consume(length);
                    return _values[index];
                }
            }
            return -1;
        }
    }

    /// <summary>Reads entropy-coded bits, most significant first, removing stuffed zero bytes and stopping at a marker.</summary>
    private ref struct BitReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private ulong _bits;
        private int _count;
        private bool _atMarker;

        public BitReader(ReadOnlySpan<byte> data, int position)
        {
            _data = data;
            Position = position;
        }

        /// <summary>The next byte not yet taken into the bit buffer.</summary>
        public int Position { get; private set; }

        /// <summary>Bits in the buffer now.</summary>
        public readonly int Count => _count;

        /// <summary>Bits available before the next marker (at least 57 unless a marker or the end is near).</summary>
        public int Available()
        {
            while (_count <= 56 && !_atMarker)
            {
                if (Position >= _data.Length)
                {
                    _atMarker = true;
                    break;
                }
                byte b = _data[Position];
                if (b == 0xFF)
                {
                    if (Position + 1 >= _data.Length || _data[Position + 1] != 0x00)
                    {
                        _atMarker = true;
                        break;
                    }
                    Position += 2;
                }
                else
                {
                    Position++;
                }
                _bits = (_bits << 8) | b;
                _count += 8;
            }
            return _count;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public readonly int Peek(int n) => (int)(_bits >> (_count - n)) & ((1 << n) - 1);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Consume(int n) => _count -= n;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public bool Skip(int n)
        {
            if (_count < n && Available() < n) return false;
            _count -= n;
            return true;
        }

        /// <summary>Drops the padding bits before a restart marker and moves past the marker when there is one.</summary>
        public void Restart()
        {
            _bits = 0;
            _count = 0;
            _atMarker = false;
            int p = Position;
            if (p + 1 < _data.Length && _data[p] == 0xFF)
            {
                while (p < _data.Length && _data[p] == 0xFF) p++;
                if (p < _data.Length && _data[p] is >= 0xD0 and <= 0xD7) Position = p + 1;
            }
        }
    }

    /// <summary>
    /// For a Huffman-coded sequential JPEG, a sentence saying where its data stops early (a scan
    /// with fewer blocks than the frame needs, or a component never scanned), or null when every
    /// block is there. Other kinds of JPEG (progressive, arithmetic) and damaged marker
    /// structures are left to the decoder (null).
    /// </summary>
    public static string? FindTruncation(ReadOnlySpan<byte> data, Frame frame)
    {
        if (!frame.IsSequentialHuffman || frame.Width == 0 || frame.Height == 0) return null;
        var dc = new HuffmanTable?[4];
        var ac = new HuffmanTable?[4];
        int restartInterval = 0;
        var scanned = new HashSet<int>();
        int pos = 2;
        while (NextMarker(data, ref pos, out byte marker))
        {
            if (marker == 0xD9) break;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) continue;
            if (pos + 2 > data.Length) return null;
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length) return null;
            var segment = data.Slice(pos + 2, length - 2);
            pos += length;
            switch (marker)
            {
                case 0xC4:
                    if (!ReadHuffmanTables(segment, dc, ac)) return null;
                    break;
                case 0xDD when segment.Length >= 2:
                    restartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xDA:
                    var outcome = WalkScan(data, ref pos, segment, frame, dc, ac, restartInterval, scanned);
                    if (outcome is not null) return outcome;
                    break;
            }
        }
        if (scanned.Count == 0) return null;
        foreach (var c in frame.Components)
        {
            if (!scanned.Contains(c.Id))
                return $"the file ends before the scan of colour component {c.Id}";
        }
        return null;
    }

    private static bool ReadHuffmanTables(ReadOnlySpan<byte> s, HuffmanTable?[] dc, HuffmanTable?[] ac)
    {
        while (s.Length >= 17)
        {
            int tableClass = s[0] >> 4, id = s[0] & 15;
            var counts = s.Slice(1, 16);
            int total = 0;
            foreach (byte count in counts) total += count;
            if (id > 3 || tableClass > 1 || s.Length < 17 + total) return false;
            var table = new HuffmanTable(counts, s.Slice(17, total));
            (tableClass == 0 ? dc : ac)[id] = table;
            s = s[(17 + total)..];
        }
        return true;
    }

    // Walks one scan's entropy-coded data from pos; leaves pos at the marker that ends it.
    private static string? WalkScan(ReadOnlySpan<byte> data, ref int pos, ReadOnlySpan<byte> header, Frame frame,
        HuffmanTable?[] dc, HuffmanTable?[] ac, int restartInterval, HashSet<int> scanned)
    {
        if (header.Length < 1) return null;
        int count = header[0];
        if (count is < 1 or > 4 || header.Length < 1 + 2 * count) return null;
        var members = new (Component Component, HuffmanTable Dc, HuffmanTable Ac)[count];
        for (int i = 0; i < count; i++)
        {
            int id = header[1 + 2 * i];
            int tables = header[2 + 2 * i];
            int index = Array.FindIndex(frame.Components, c => c.Id == id);
            var dcTable = dc[(tables >> 4) & 3];
            var acTable = ac[tables & 3];
            if (index < 0 || dcTable is null || acTable is null) return null;
            members[i] = (frame.Components[index], dcTable, acTable);
        }

        long mcus;
        int mcusPerRow, rowsPerMcu, columnsPerMcu;
        if (count == 1)
        {
            var c = members[0].Component;
            mcusPerRow = frame.BlocksWide(c);
            mcus = (long)mcusPerRow * frame.BlocksHigh(c);
            rowsPerMcu = 8 * frame.VMax / c.V;
            columnsPerMcu = 8 * frame.HMax / c.H;
        }
        else
        {
            mcusPerRow = CeilDiv(frame.Width, 8 * frame.HMax);
            mcus = (long)mcusPerRow * CeilDiv(frame.Height, 8 * frame.VMax);
            rowsPerMcu = 8 * frame.VMax;
            columnsPerMcu = 8 * frame.HMax;
        }

        var bits = new BitReader(data, pos);
        long done = 0;
        for (; done < mcus; done++)
        {
            if (restartInterval > 0 && done > 0 && done % restartInterval == 0) bits.Restart();
            bool complete = true;
            foreach (var (component, dcTable, acTable) in members)
            {
                int blocks = count == 1 ? 1 : component.H * component.V;
                for (int b = 0; b < blocks && complete; b++)
                    complete = WalkBlock(ref bits, dcTable, acTable);
                if (!complete) break;
            }
            if (!complete) break;
        }
        pos = bits.Position;
        while (pos < data.Length && !(data[pos] == 0xFF && pos + 1 < data.Length && data[pos + 1] != 0x00)) pos++;
        foreach (var m in members) scanned.Add(m.Component.Id);
        if (done >= mcus) return null;
        long row = Math.Min(frame.Height, done / mcusPerRow * rowsPerMcu);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the JPEG scan stops after {done:N0} of its {mcus:N0} blocks of {columnsPerMcu}x{rowsPerMcu} pixels, near row {row:N0} of {frame.Height:N0}");
    }

    private static bool WalkBlock(ref BitReader bits, HuffmanTable dc, HuffmanTable ac)
    {
        if (bits.Count < 40) bits.Available();
        int size = dc.Decode(ref bits);
        if (size is < 0 or > 16 || !bits.Skip(size)) return false;
        for (int k = 1; k < 64;)
        {
            if (bits.Count < 32) bits.Available();
            int rs = ac.Decode(ref bits);
            if (rs < 0) return false;
            int run = rs >> 4, magnitude = rs & 15;
            if (magnitude == 0)
            {
                if (run != 15) break;
                k += 16;
                continue;
            }
            k += run + 1;
            if (!bits.Skip(magnitude)) return false;
        }
        return true;
    }
}
