using System.Buffers.Binary;
using System.Diagnostics;
using BitMiracle.LibTiff.Classic;

namespace AugSharp.Tests.Imaging.Codecs;

/// <summary>Hostile and unusual files: endless streams, decompression bombs, fake end markers, GIF transparency, float TIFF, lossless WebP, EXIF orientation.</summary>
public sealed class ImageCodecHardeningTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public ImageCodecHardeningTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    public void Dispose() => _temp.Dispose();

    /// <summary>An endless stream of zeros that fails the test if more than 1 MB is read from it.</summary>
    private sealed class EndlessZeros : Stream
    {
        public long Consumed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Consumed; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (Consumed > 1 << 20) throw new InvalidOperationException($"{Consumed} bytes were read from an endless stream.");
            buffer.Clear();
            Consumed += buffer.Length;
            return buffer.Length;
        }
    }

    [Fact]
    public void EndlessStreamIsRefusedFromItsFirstBytes()
    {
        var endless = new EndlessZeros();
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(endless, name: "endless"));
        Assert.Equal(ImageErrorReason.UnknownFormat, ex.Reason);
        Assert.Contains("not a known image format", ex.Message);
        Assert.True(endless.Consumed <= 4096, $"{endless.Consumed} bytes were read.");

        endless = new EndlessZeros();
        ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Identify(endless, name: "endless"));
        Assert.Equal(ImageErrorReason.UnknownFormat, ex.Reason);
        Assert.True(endless.Consumed <= 4096, $"{endless.Consumed} bytes were read.");
    }

    [Fact]
    public void DevZeroIsRefusedAtOnce()
    {
        if (!File.Exists("/dev/zero")) return;
        var watch = Stopwatch.StartNew();
        var read = Assert.Throws<ImageFormatException>(() => ImageCodec.Read("/dev/zero"));
        var identify = Assert.Throws<ImageFormatException>(() => ImageCodec.Identify("/dev/zero"));
        watch.Stop();
        Assert.Equal(ImageErrorReason.UnknownFormat, read.Reason);
        Assert.Equal(ImageErrorReason.UnknownFormat, identify.Reason);
        Assert.Contains("/dev/zero", read.Message);
        Assert.Contains("not a known image format", read.Message);
        _output.WriteLine($"/dev/zero refused by Read and Identify in {watch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.True(watch.ElapsedMilliseconds < 2000, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void FolderNamedLikeAnImageIsAFolder()
    {
        string path = _temp.File("x.jpg");
        Directory.CreateDirectory(path);
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path));
        Assert.Equal(ImageErrorReason.NotReadable, ex.Reason);
        Assert.Contains("a folder, not an image", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.Contains("a folder, not an image", Assert.Throws<ImageFormatException>(() => ImageCodec.Identify(path)).Message);
    }

    [Fact]
    public void PngWithABadCrcNamesTheCorruptChunk()
    {
        var bytes = File.ReadAllBytes(TestPaths.Image("chelsea.png"));
        int idat = bytes.AsSpan().IndexOf("IDAT"u8);
        bytes[idat + 100] ^= 0x01;
        string path = _temp.File("badcrc.png");
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path));
        Assert.Equal(ImageErrorReason.Corrupt, ex.Reason);
        Assert.Contains("corrupt chunk", ex.Message);
        Assert.Contains("IDAT", ex.Message);
    }

    // ---- Decompression bombs ----

    /// <summary>rocket.jpg with the size in its SOF0 header replaced.</summary>
    internal static byte[] JpegClaiming(int width, int height)
    {
        var bytes = File.ReadAllBytes(TestPaths.Image("rocket.jpg"));
        int sof = FindMarker(bytes, 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sof + 7), (ushort)width);
        return bytes;
    }

    private static int FindMarker(byte[] jpeg, byte marker)
    {
        int pos = 2;
        while (pos + 4 <= jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[pos]);
            if (jpeg[pos + 1] == marker) return pos;
            pos += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(pos + 2));
        }
        throw new InvalidOperationException($"marker FF{marker:X2} not found");
    }

    [Fact]
    public void DefaultLimitRefusesAJpegBombFromItsHeaderCheaply()
    {
        string path = _temp.File("bomb.jpg");
        File.WriteAllBytes(path, JpegClaiming(20000, 20000));
        long before = GC.GetTotalAllocatedBytes(true);
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path));
        long allocated = GC.GetTotalAllocatedBytes(true) - before;
        Assert.Equal(ImageErrorReason.TooLarge, ex.Reason);
        Assert.Contains(path, ex.Message);
        Assert.Contains("20000x20000", ex.Message);
        Assert.Contains(new ImageReadOptions().MaxPixels.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Contains("MaxPixels", ex.Message);
        _output.WriteLine($"20000x20000 JPEG refused from its header: {allocated:N0} bytes allocated");
        Assert.True(allocated < 4L << 20, $"{allocated:N0} bytes were allocated to refuse a header.");
    }

    [Fact]
    public void JpegClaimingFarMoreThanItsBytesIsRefusedBeforeItsPixelsAreAllocated()
    {
        // 13000x13000 is within the default limit; the file is far too short for it.
        var bytes = JpegClaiming(13000, 13000);
        int sos = FindMarker(bytes, 0xDA);
        int scan = sos + 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(sos + 2));
        var small = bytes.AsSpan(0, scan + 1024).ToArray().Concat(new byte[] { 0xFF, 0xD9 }).ToArray();
        string path = _temp.File("forged.jpg");
        File.WriteAllBytes(path, small);
        long before = GC.GetTotalAllocatedBytes(true);
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path, new ImageReadOptions { AllowTruncated = true }));
        long allocated = GC.GetTotalAllocatedBytes(true) - before;
        Assert.Equal(ImageErrorReason.Truncated, ex.Reason);
        Assert.Contains("13000x13000", ex.Message);
        _output.WriteLine($"{small.Length}-byte JPEG claiming 13000x13000 refused: {allocated:N0} bytes allocated");
        Assert.True(allocated < 64L << 20, $"{allocated:N0} bytes were allocated for a {small.Length}-byte file.");
    }

    /// <summary>A readable stream of a header followed by zeros, that counts what is read from it.</summary>
    private sealed class CountingStream(byte[] head, long length) : Stream
    {
        public long Consumed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => Consumed; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, length - Consumed);
            for (int i = 0; i < n; i++)
            {
                long at = Consumed + i;
                buffer[i] = at < head.Length ? head[at] : (byte)0;
            }
            Consumed += n;
            return n;
        }
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public void LargeBombFileIsRefusedBeforeItIsReadWhole(string kind)
    {
        var head = kind == "jpg" ? JpegClaiming(60000, 60000) : PngClaiming(60000, 60000, 100);
        var stream = new CountingStream(head, 300L << 20);
        long before = GC.GetTotalAllocatedBytes(true);
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(stream, name: "big." + kind));
        long allocated = GC.GetTotalAllocatedBytes(true) - before;
        Assert.Equal(ImageErrorReason.TooLarge, ex.Reason);
        _output.WriteLine($"300 MB {kind} stream claiming 60000x60000 refused after reading {stream.Consumed:N0} bytes, {allocated:N0} bytes allocated");
        Assert.True(stream.Consumed <= 1 << 20, $"{stream.Consumed:N0} bytes were read.");
        Assert.True(allocated < 8L << 20, $"{allocated:N0} bytes were allocated.");
    }

    [Fact]
    public void IdentifyReadsOnlyTheHeaderOfALargeFile()
    {
        var stream = new CountingStream(PngClaiming(60000, 60000, 100), 300L << 20);
        var info = ImageCodec.Identify(stream, "big.png");
        Assert.Equal((60000, 60000, 3), (info.Width, info.Height, info.Channels));
        Assert.True(stream.Consumed <= 1 << 20, $"{stream.Consumed:N0} bytes were read.");
    }

    [Theory]
    [InlineData("chelsea.png", true)]
    [InlineData("astronaut.png", true)]
    [InlineData("coffee.png", true)]
    [InlineData("rocket.jpg", false)]
    [InlineData("retina.jpg", false)]
    [InlineData("noise.webp", true)]
    [InlineData("noise.bmp", true)]
    [InlineData("noise4.webp", true)]
    [InlineData("noise.tif", true)]
    public void IdentifyOfLargeFilesAgreesWithRead(string name, bool lossless)
    {
        string path = TestPaths.Image(name);
        if (name.StartsWith("noise", StringComparison.Ordinal))
        {
            int channels = name.StartsWith("noise4", StringComparison.Ordinal) ? 4 : 3;
            using var noise = new ImageBuffer<byte>(300, 200, channels);
            var random = new Random(5);
            random.NextBytes(noise.GetSpan());
            path = _temp.File(name);
            ImageCodec.Write(noise, path, new ImageWriteOptions { Lossless = true });
        }
        Assert.True(new FileInfo(path).Length > 64 * 1024, "the file must be larger than the header prefix");
        var info = ImageCodec.Identify(path);
        using var image = ImageCodec.Read(path, new ImageReadOptions { ApplyExifOrientation = false });
        Assert.Equal((image.Width, image.Height, image.Channels), (info.Width, info.Height, info.Channels));
        Assert.Equal(lossless, info.IsLossless);
    }

    internal static byte[] PngClaiming(uint width, uint height, int idatBytes)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WritePngChunk(png, "IHDR"u8, ihdr);
        var idat = new byte[idatBytes];
        idat[0] = 0x78;
        idat[1] = 0x9C;
        WritePngChunk(png, "IDAT"u8, idat);
        WritePngChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WritePngChunk(Stream s, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        s.Write(word);
        s.Write(type);
        s.Write(data);
        uint crc = 0xFFFFFFFF;
        foreach (byte b in type.ToArray().Concat(data.ToArray()))
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        BinaryPrimitives.WriteUInt32BigEndian(word, ~crc);
        s.Write(word);
    }

    [Fact]
    public void PngClaimingFarMoreThanItsBytesIsRefusedBeforeItsPixelsAreAllocated()
    {
        string path = _temp.File("forged.png");
        File.WriteAllBytes(path, PngClaiming(12000, 12000, 2000));
        long before = GC.GetTotalAllocatedBytes(true);
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path));
        long allocated = GC.GetTotalAllocatedBytes(true) - before;
        Assert.Equal(ImageErrorReason.Truncated, ex.Reason);
        Assert.Contains("12000x12000", ex.Message);
        _output.WriteLine($"PNG claiming 12000x12000 with 2,000 bytes of IDAT refused: {allocated:N0} bytes allocated");
        Assert.True(allocated < 64L << 20, $"{allocated:N0} bytes were allocated.");
    }

    [Fact]
    public void MaxPixelsCanBeRaised()
    {
        string path = _temp.File("wide.png");
        File.WriteAllBytes(path, PngClaiming(20000, 10000, 2000));
        Assert.Equal(ImageErrorReason.TooLarge, Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path)).Reason);
        // Over the header check; the data is then found far too short.
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path, new ImageReadOptions { MaxPixels = 300_000_000 }));
        Assert.Equal(ImageErrorReason.Truncated, ex.Reason);
    }

    // ---- Truncated JPEG with a made-up end marker ----

    /// <summary>rocket.jpg with the second half of its scan data removed and an EOI marker appended.</summary>
    internal static byte[] JpegWithFakeEnd()
    {
        var bytes = File.ReadAllBytes(TestPaths.Image("rocket.jpg"));
        int sos = FindMarker(bytes, 0xDA);
        int scan = sos + 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(sos + 2));
        int cut = scan + (bytes.Length - 2 - scan) / 2;
        while (bytes[cut - 1] == 0xFF) cut--;
        return bytes.AsSpan(0, cut).ToArray().Concat(new byte[] { 0xFF, 0xD9 }).ToArray();
    }

    [Fact]
    public void JpegWithAFakeEndMarkerIsTruncated()
    {
        string path = _temp.File("fake-end.jpg");
        File.WriteAllBytes(path, JpegWithFakeEnd());
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(path));
        Assert.Equal(ImageErrorReason.Truncated, ex.Reason);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void AllowTruncatedReturnsTheImageWithAWarning()
    {
        string path = _temp.File("fake-end.jpg");
        File.WriteAllBytes(path, JpegWithFakeEnd());
        var warnings = new List<ImageReadWarning>();
        using var image = ImageCodec.Read(path, new ImageReadOptions { AllowTruncated = true, Warning = warnings.Add });
        Assert.Equal((640, 427, 3), (image.Width, image.Height, image.Channels));
        var warning = Assert.Single(warnings);
        Assert.Equal(ImageErrorReason.Truncated, warning.Reason);
        Assert.Equal(path, warning.FileName);
        Assert.Contains("truncated", warning.Message);
        Assert.Contains(path, warning.ToString());

        // The top rows are the photo's.
        using var original = ImageCodec.Read(TestPaths.Image("rocket.jpg"));
        Assert.True(original.As<byte>().GetRow(10).SequenceEqual(image.As<byte>().GetRow(10)));

        // A plain cut (no end marker) too.
        var bytes = File.ReadAllBytes(TestPaths.Image("rocket.jpg"));
        string cut = _temp.File("cut.jpg");
        File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length * 2 / 3).ToArray());
        warnings.Clear();
        using var partial = ImageCodec.Read(cut, new ImageReadOptions { AllowTruncated = true, Warning = warnings.Add });
        Assert.Equal(ImageErrorReason.Truncated, Assert.Single(warnings).Reason);
    }

    [Fact]
    public void CompleteJpegsGiveNoWarning()
    {
        var warnings = new List<ImageReadWarning>();
        foreach (string name in new[] { "rocket.jpg", "retina.jpg" })
        {
            using var image = ImageCodec.Read(TestPaths.Image(name), new ImageReadOptions { Warning = warnings.Add });
        }
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 0)]
    [InlineData(3, 2)]
    [InlineData(1, 3)]
    public void JpegScansWithRestartMarkersAndGrayAreChecked(int channels, int restartInterval)
    {
        using var photo = CodecTestImages.Photo8(channels, 200, 120);
        var pixels = photo.ToArray();
        using var vips = NetVips.Image.NewFromMemory(pixels, photo.Width, photo.Height, channels, NetVips.Enums.BandFormat.Uchar);
        var jpeg = vips.JpegsaveBuffer(q: 90, restartInterval: restartInterval);
        if (restartInterval > 0) Assert.True(FindMarker(jpeg, 0xDD) > 0);
        var warnings = new List<ImageReadWarning>();
        using (var complete = ImageCodec.Read(new MemoryStream(jpeg), new ImageReadOptions { Warning = warnings.Add }, "complete.jpg"))
            Assert.Equal((200, 120, channels), (complete.Width, complete.Height, complete.Channels));
        Assert.Empty(warnings);

        int sos = FindMarker(jpeg, 0xDA);
        int cut = sos + (jpeg.Length - sos) * 2 / 3;
        while (jpeg[cut - 1] == 0xFF) cut--;
        var fake = jpeg.AsSpan(0, cut).ToArray().Concat(new byte[] { 0xFF, 0xD9 }).ToArray();
        var ex = Assert.Throws<ImageFormatException>(() => ImageCodec.Read(new MemoryStream(fake), name: "cut.jpg"));
        Assert.Equal(ImageErrorReason.Truncated, ex.Reason);
    }

    // ---- GIF transparency ----

    /// <summary>A 2x2 GIF whose palette is (10,20,30), (200,100,50) with index 1 transparent; pixels 0 1 / 1 0.</summary>
    internal static byte[] GifWithTransparentIndex()
    {
        var gif = new List<byte>();
        gif.AddRange("GIF89a"u8.ToArray());
        gif.AddRange([2, 0, 2, 0, 0x80, 0, 0]);
        gif.AddRange([10, 20, 30, 200, 100, 50]);
        gif.AddRange([0x21, 0xF9, 4, 0x01, 0, 0, 1, 0]);
        gif.AddRange([0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0]);
        gif.Add(2); // LZW minimum code size
        // Codes of 3 bits, with a clear code every two pixels so the width never grows.
        int[] codes = [4, 0, 1, 4, 1, 0, 5];
        var packed = new List<byte>();
        int bits = 0, accumulator = 0;
        foreach (int code in codes)
        {
            accumulator |= code << bits;
            bits += 3;
            while (bits >= 8)
            {
                packed.Add((byte)accumulator);
                accumulator >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) packed.Add((byte)accumulator);
        gif.Add((byte)packed.Count);
        gif.AddRange(packed);
        gif.Add(0);
        gif.Add(0x3B);
        return gif.ToArray();
    }

    [Fact]
    public void GifTransparentPixelsKeepTheirPaletteColour()
    {
        string path = _temp.File("transparent.gif");
        File.WriteAllBytes(path, GifWithTransparentIndex());
        using var image = ImageCodec.Read(path);
        Assert.Equal((2, 2, 4), (image.Width, image.Height, image.Channels));
        var b = image.As<byte>();
        // Pillow: Image.open(path).convert("RGBA") gives these values.
        Assert.Equal(new byte[] { 10, 20, 30, 255 }, Pixel(b, 0, 0));
        Assert.Equal(new byte[] { 200, 100, 50, 0 }, Pixel(b, 0, 1));
        Assert.Equal(new byte[] { 200, 100, 50, 0 }, Pixel(b, 1, 0));
        Assert.Equal(new byte[] { 10, 20, 30, 255 }, Pixel(b, 1, 1));

        // Keras' load_img (convert("RGB")) keeps the palette colour as Pillow does.
        using var rgb = AugSharp.Keras.KerasImage.LoadImg(path);
        Assert.Equal(new byte[] { 200, 100, 50 }, rgb.As<byte>().GetRow(0).Slice(3, 3).ToArray());
    }

    private static byte[] Pixel(ImageBuffer<byte> image, int y, int x) => image.GetRow(y).Slice(x * image.Channels, image.Channels).ToArray();

    // ---- Float TIFF ----

    private static void WriteFloatTiff(string path, float[] values, int width, int height, int channels)
    {
        using var tif = Tiff.Open(path, "w");
        tif.SetField(TiffTag.IMAGEWIDTH, width);
        tif.SetField(TiffTag.IMAGELENGTH, height);
        tif.SetField(TiffTag.BITSPERSAMPLE, 32);
        tif.SetField(TiffTag.SAMPLEFORMAT, SampleFormat.IEEEFP);
        tif.SetField(TiffTag.SAMPLESPERPIXEL, channels);
        tif.SetField(TiffTag.PHOTOMETRIC, channels == 3 ? Photometric.RGB : Photometric.MINISBLACK);
        tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        tif.SetField(TiffTag.ROWSPERSTRIP, 2);
        var line = new byte[width * channels * 4];
        for (int y = 0; y < height; y++)
        {
            Buffer.BlockCopy(values, y * width * channels * 4, line, 0, line.Length);
            Assert.True(tif.WriteScanline(line, y));
        }
        tif.WriteDirectory();
    }

    private static float[] FloatValues(int count)
        => Enumerable.Range(0, count).Select(i => i % 7 == 0 ? -1.5f * i : i % 5 == 0 ? 1e6f + i : i * 0.123f).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void FloatTiffIsReadUnchanged(int channels)
    {
        int width = 7, height = 5;
        var values = FloatValues(width * height * channels);
        string path = _temp.File($"float{channels}.tif");
        WriteFloatTiff(path, values, width, height, channels);

        var info = ImageCodec.Identify(path);
        Assert.Equal((ImageFormat.Tiff, width, height, channels, 32), (info.Format, info.Width, info.Height, info.Channels, info.BitDepth));
        using var image = ImageCodec.Read(path);
        var floats = Assert.IsType<ImageBuffer<float>>(image);
        Assert.Equal((width, height, channels), (floats.Width, floats.Height, floats.Channels));
        Assert.Equal(values, floats.ToArray());

        string copy = _temp.File($"copy{channels}.tif");
        ImageCodec.Write(floats, copy);
        using var back = ImageCodec.Read(copy);
        Assert.Equal(values, Assert.IsType<ImageBuffer<float>>(back).ToArray());

        var keras = Assert.Throws<NotSupportedException>(() => AugSharp.Keras.KerasImage.LoadImg(path));
        Assert.Contains("float", keras.Message);
        Assert.Contains(path, keras.Message);
    }

    // ---- Lossless WebP ----

    [Fact]
    public void LosslessWebPIsReportedAndKeptLossless()
    {
        using var photo = CodecTestImages.Photo8(3);
        string lossless = _temp.File("lossless.webp");
        string lossy = _temp.File("lossy.webp");
        ImageCodec.Write(photo, lossless, new ImageWriteOptions { Lossless = true });
        ImageCodec.Write(photo, lossy);
        Assert.False(ImageCodec.Identify(lossy).IsLossless);

        var info = ImageCodec.Identify(lossless);
        Assert.True(info.IsLossless);
        using var read = ImageCodec.Read(lossless);
        CodecTestImages.AssertEqual(photo, read);
        string again = _temp.File("again.webp");
        ImageCodec.Write(read, again, ImageWriteOptions.Preserving(info));
        Assert.True(ImageCodec.Identify(again).IsLossless);
        using var back = ImageCodec.Read(again);
        CodecTestImages.AssertEqual(photo, back);
    }

    [Fact]
    public void PreservingKeepsLosslessFormatsLossless()
    {
        Assert.True(ImageWriteOptions.Preserving(new ImageFileInfo(ImageFormat.Png, 1, 1, 3, 8) { IsLossless = true }).Lossless);
        Assert.False(ImageWriteOptions.Preserving(new ImageFileInfo(ImageFormat.Jpeg, 1, 1, 3, 8)).Lossless);
        Assert.True(ImageCodec.Identify(TestPaths.Image("chelsea.png")).IsLossless);
        Assert.False(ImageCodec.Identify(TestPaths.Image("rocket.jpg")).IsLossless);
    }

    // ---- EXIF orientation ----

    /// <summary>A small JPEG with an APP1 Exif segment whose orientation tag is <paramref name="orientation"/>.</summary>
    internal static byte[] JpegWithOrientation(ImageBuffer<byte> image, int orientation)
    {
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageFormat.Jpeg, new ImageWriteOptions { Quality = 95 });
        var jpeg = stream.ToArray();
        var tiff = new byte[26];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), (ushort)orientation);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(22), 0);
        var app1 = new List<byte> { 0xFF, 0xE1, 0, 0 };
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(app1)[2..], (ushort)(app1.Count - 2));
        return jpeg.Take(2).Concat(app1).Concat(jpeg.Skip(2)).ToArray();
    }

    [Fact]
    public void ExifOrientationIsAppliedByDefault()
    {
        using var photo = CodecTestImages.Photo8(3, 48, 32);
        string path = _temp.File("rotated.jpg");
        File.WriteAllBytes(path, JpegWithOrientation(photo, 6));

        var info = ImageCodec.Identify(path);
        Assert.Equal(6, info.Orientation);
        Assert.Equal((48, 32), (info.Width, info.Height));

        using var raw = ImageCodec.Read(path, new ImageReadOptions { ApplyExifOrientation = false });
        Assert.Equal((48, 32), (raw.Width, raw.Height));
        using var shown = ImageCodec.Read(path);
        Assert.Equal((32, 48, 3), (shown.Width, shown.Height, shown.Channels));
        var r = raw.As<byte>();
        var s = shown.As<byte>();
        // Orientation 6: rotate 90 degrees clockwise; shown[y, x] = raw[H-1-x, y].
        for (int y = 0; y < s.Height; y++)
            for (int x = 0; x < s.Width; x++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(r[r.Height - 1 - x, y, c], s[y, x, c]);

        // Keras (PIL) ignores the orientation.
        using var keras = AugSharp.Keras.KerasImage.LoadImg(path);
        CodecTestImages.AssertEqual(r, keras);
    }

    private static byte[] ExifOrientationTiff(int orientation)
    {
        var tiff = new byte[26];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), (ushort)orientation);
        return tiff;
    }

    /// <summary>A lossless WebP in the extended format (VP8X) with an EXIF chunk.</summary>
    private static byte[] WebPWithOrientation(ImageBuffer<byte> image, int orientation)
    {
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageFormat.WebP, new ImageWriteOptions { Lossless = true });
        var simple = stream.ToArray();
        var bitstream = simple.AsSpan(12).ToArray(); // the VP8L chunk
        var exif = ExifOrientationTiff(orientation);
        using var webp = new MemoryStream();
        void Chunk(string fourcc, byte[] payload)
        {
            webp.Write(System.Text.Encoding.ASCII.GetBytes(fourcc));
            var size = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)payload.Length);
            webp.Write(size);
            webp.Write(payload);
            if (payload.Length % 2 == 1) webp.WriteByte(0);
        }
        var vp8x = new byte[10];
        vp8x[0] = 0x08; // EXIF present
        vp8x[4] = (byte)(image.Width - 1);
        vp8x[5] = (byte)((image.Width - 1) >> 8);
        vp8x[7] = (byte)(image.Height - 1);
        vp8x[8] = (byte)((image.Height - 1) >> 8);
        Chunk("VP8X", vp8x);
        webp.Write(bitstream);
        Chunk("EXIF", exif);
        var body = webp.ToArray();
        var riff = new byte[12];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(body.Length + 4));
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        return riff.Concat(body).ToArray();
    }

    /// <summary>A PNG with an eXIf chunk before its image data.</summary>
    private static byte[] PngWithOrientation(ImageBuffer<byte> image, int orientation)
    {
        using var stream = new MemoryStream();
        ImageCodec.Write(image, stream, ImageFormat.Png);
        var png = stream.ToArray();
        using var chunk = new MemoryStream();
        WritePngChunk(chunk, "eXIf"u8, ExifOrientationTiff(orientation));
        int afterIhdr = 8 + 25;
        return png.Take(afterIhdr).Concat(chunk.ToArray()).Concat(png.Skip(afterIhdr)).ToArray();
    }

    [Theory]
    [InlineData("webp")]
    [InlineData("png")]
    public void ExifOrientationOfWebPAndPngIsApplied(string kind)
    {
        using var photo = CodecTestImages.Photo8(3, 48, 32);
        var bytes = kind == "webp" ? WebPWithOrientation(photo, 6) : PngWithOrientation(photo, 6);
        Assert.Equal(6, ImageCodec.Identify(new MemoryStream(bytes)).Orientation);
        using var raw = ImageCodec.Read(new MemoryStream(bytes), new ImageReadOptions { ApplyExifOrientation = false });
        CodecTestImages.AssertEqual(photo, raw);
        using var shown = ImageCodec.Read(new MemoryStream(bytes));
        Assert.Equal((32, 48), (shown.Width, shown.Height));
        Assert.Equal(photo[photo.Height - 1, 0, 0], shown.As<byte>()[0, 0, 0]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(8)]
    public void EveryExifOrientationMatchesItsTransform(int orientation)
    {
        using var photo = CodecTestImages.Photo8(1, 24, 16);
        string path = _temp.File($"o{orientation}.jpg");
        File.WriteAllBytes(path, JpegWithOrientation(photo, orientation));
        using var raw = ImageCodec.Read(path, new ImageReadOptions { ApplyExifOrientation = false });
        using var shown = ImageCodec.Read(path);
        var r = raw.As<byte>();
        var s = shown.As<byte>();
        int w = r.Width, h = r.Height;
        Func<int, int, byte> expected = orientation switch
        {
            2 => (y, x) => r[y, w - 1 - x, 0],
            3 => (y, x) => r[h - 1 - y, w - 1 - x, 0],
            4 => (y, x) => r[h - 1 - y, x, 0],
            5 => (y, x) => r[x, y, 0],
            7 => (y, x) => r[h - 1 - x, w - 1 - y, 0],
            _ => (y, x) => r[x, w - 1 - y, 0],
        };
        Assert.Equal(orientation >= 5 ? (h, w) : (w, h), (s.Width, s.Height));
        for (int y = 0; y < s.Height; y++)
            for (int x = 0; x < s.Width; x++)
                Assert.Equal(expected(y, x), s[y, x, 0]);
    }
}
