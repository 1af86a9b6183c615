using AugSharp.Kernels;
using Xunit.Abstractions;

namespace AugSharp.Tests.Enhancement;

/// <summary>Equalize and CLAHE against OpenCV's equalizeHist and createCLAHE on photo crops and a 16-bit image, and the 16-bit path through TIFF files.</summary>
public sealed class HistogramTests(ITestOutputHelper output)
{
    public static TheoryData<int> Cases() => new(Enumerable.Range(0, EnhanceTestImages.Manifest.GetProperty("cases").GetArrayLength()));

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOpenCvWithinOneLevel(int index)
    {
        var entry = EnhanceTestImages.Manifest.GetProperty("cases")[index];
        string op = entry.GetProperty("op").GetString()!, photo = entry.GetProperty("photo").GetString()!;
        int x = entry.GetProperty("x").GetInt32(), y = entry.GetProperty("y").GetInt32();
        int width = entry.GetProperty("width").GetInt32(), height = entry.GetProperty("height").GetInt32();
        string dst = entry.GetProperty("dst").GetString()!;
        (double Share, int Max) agreement;
        if (op == "clahe16")
        {
            using var scan = ImageCodec.Read(EnhanceTestImages.Reference(photo));
            Assert.Equal((PixelType.UInt16, 1), (scan.PixelType, scan.Channels));
            using var result = Enhance.Clahe(scan, entry.GetProperty("clip_limit").GetDouble(), entry.GetProperty("tiles").GetInt32());
            Assert.Equal(PixelType.UInt16, result.PixelType);
            agreement = EnhanceTestImages.Agreement(result.As<ushort>(), EnhanceTestImages.Raw<ushort>(dst), 1);
        }
        else
        {
            using var image = ImageCodec.Read(TestPaths.Image(photo));
            using var bytes = PixelConversion.ToBytes(image);
            using var crop = bytes.Crop(x, y, width, height).Clone();
            using var result = op == "equalize"
                ? Enhance.Equalize(crop)
                : Enhance.Clahe(crop, entry.GetProperty("clip_limit").GetDouble(), entry.GetProperty("tiles").GetInt32());
            agreement = EnhanceTestImages.Agreement(result.As<byte>(), EnhanceTestImages.Raw<byte>(dst), 1);
        }
        output.WriteLine($"{dst}: {agreement.Share:P3} of elements within 1 level, largest difference {agreement.Max}");
        Assert.True(agreement.Share >= 0.99, $"{dst}: {agreement.Share:P3} within one level");
    }

    [Fact]
    public void EightBitClaheKernelEqualsTheTransformsOperation()
    {
        using var gray = EnhanceTestImages.Crop("camera.png", 101, 77);
        using var kernel = HistogramKernels.Clahe(gray, 3, 5, 4);
        var viaOperation = new ClaheOperation { ClipLimit = 3, TileGridSize = [5, 4] }.Apply(new AnnotatedImage(gray)).Image.As<byte>();
        Assert.Equal(viaOperation.ToArray(), kernel.ToArray());
    }

    [Fact]
    public void SixteenBitTiffThroughWindowAndClahe()
    {
        string folder = Directory.CreateTempSubdirectory("augsharp-enhance-").FullName;
        try
        {
            using var scan = ImageCodec.Read(EnhanceTestImages.Reference("ct16.tif"));
            Assert.Equal((PixelType.UInt16, 1), (scan.PixelType, scan.Channels));
            // CLAHE keeps 16 bits through a TIFF file.
            using (var clahe = Enhance.Clahe(scan))
            {
                string path = Path.Combine(folder, "clahe.tif");
                ImageCodec.Write(clahe, path);
                using var back = ImageCodec.Read(path);
                Assert.Equal((PixelType.UInt16, 1), (back.PixelType, back.Channels));
                Assert.Equal(clahe.As<ushort>().ToArray(), back.As<ushort>().ToArray());
                var values = back.As<ushort>().ToArray();
                Assert.True(values.Distinct().Count() > 256, "16-bit CLAHE kept more than 256 levels");
            }
            // Window/level to 8 bits, and at 16 bits when asked.
            var raw = scan.As<ushort>().ToArray();
            double centre = 2500, width = 1200;
            using var windowed = Enhance.Window(scan, centre, width);
            Assert.Equal(PixelType.UInt8, windowed.PixelType);
            var levels = windowed.As<byte>().ToArray();
            for (int i = 0; i < raw.Length; i++)
            {
                double expected = raw[i] <= centre - 0.5 - (width - 1) / 2 ? 0 : raw[i] > centre - 0.5 + (width - 1) / 2 ? 255 : ((raw[i] - (centre - 0.5)) / (width - 1) + 0.5) * 255;
                Assert.True(Math.Abs(levels[i] - expected) <= 0.5 + 1e-9, $"element {i}: {raw[i]} gave {levels[i]}, expected {expected:F2}");
            }
            Assert.Contains((byte)0, levels);
            Assert.Contains((byte)255, levels);
            using var kept = Enhance.Window(scan, centre, width, keepDepth: true);
            Assert.Equal(PixelType.UInt16, kept.PixelType);
            using var chain = Enhance.Apply(scan, [new WindowStep(centre, width, KeepDepth: true), new ClaheStep(2, 4)]);
            string chained = Path.Combine(folder, "chain.png");
            ImageCodec.Write(chain, chained);
            using var chainBack = ImageCodec.Read(chained);
            Assert.Equal(PixelType.UInt16, chainBack.PixelType);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AutoLevelsStretchesPercentiles()
    {
        using var image = new ImageBuffer<byte>(100, 10, 3);
        for (int y = 0; y < 10; y++)
            for (int x = 0; x < 100; x++)
            {
                image[y, x, 0] = (byte)(50 + x);
                image[y, x, 1] = (byte)(100 + x / 2);
                image[y, x, 2] = (byte)(20 + x);
            }
        using var stretched = Enhance.AutoLevels(image, 0).As<byte>();
        Assert.Equal((0, 255), (stretched[0, 0, 0], stretched[0, 99, 0]));
        Assert.Equal((0, 255), (stretched[0, 0, 1], stretched[0, 99, 1]));
        using var luma = Enhance.AutoLevels(image, 0, luminance: true).As<byte>();
        // One stretch for all three channels keeps their order.
        Assert.True(luma[0, 50, 1] > luma[0, 50, 2]);
        using var sixteen = new ImageBuffer<ushort>(100, 1, 1);
        for (int x = 0; x < 100; x++) sixteen[0, x, 0] = (ushort)(1000 + x * 10);
        using var s16 = Enhance.AutoLevels(sixteen, 1).As<ushort>();
        Assert.Equal(PixelType.UInt16, s16.PixelType);
        Assert.Equal(0, s16[0, 0, 0]);
        Assert.Equal(65535, s16[0, 99, 0]);
    }

    [Fact]
    public void SixteenBitEqualizeSpreadsTheLevels()
    {
        using var image = new ImageBuffer<ushort>(64, 64, 1);
        for (int y = 0; y < 64; y++) for (int x = 0; x < 64; x++) image[y, x, 0] = (ushort)(30000 + x * 3 + y);
        using var result = Enhance.Equalize(image).As<ushort>();
        var values = result.ToArray();
        Assert.Equal(0, values.Min());
        Assert.Equal(65535, values.Max());
        using var rgb = new ImageBuffer<ushort>(16, 16, 3);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) { rgb[y, x, 0] = (ushort)(20000 + x * 100); rgb[y, x, 1] = (ushort)(21000 + y * 100); rgb[y, x, 2] = 22000; }
        using var rgbResult = Enhance.Equalize(rgb);
        Assert.Equal((PixelType.UInt16, 3), (rgbResult.PixelType, rgbResult.Channels));
    }
}
