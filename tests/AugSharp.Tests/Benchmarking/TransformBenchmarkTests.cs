using System.Text.Json;
using AugSharp.Benchmarking;

namespace AugSharp.Tests.Benchmarking;

public class TransformBenchmarkTests
{
    private static readonly BenchmarkOptions Quick = new() { Runs = 1, MinRunTime = TimeSpan.Zero, WarmUp = TimeSpan.Zero };

    private static ImageBuffer<byte> Gradient(int width, int height)
    {
        var image = new ImageBuffer<byte>(width, height, 3);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                image[y, x, 0] = (byte)(x * 7);
                image[y, x, 1] = (byte)(y * 11);
                image[y, x, 2] = (byte)(x + y);
            }
        return image;
    }

    [Fact]
    public void The_embedded_set_is_the_shared_definition_and_every_row_is_implemented_or_unavailable()
    {
        var rows = BenchmarkSet.Rows;
        Assert.NotEmpty(rows);
        Assert.Equal(rows.Count, rows.Select(r => r.Name).Distinct().Count());
        Assert.Contains("KerasPipeline", rows.Select(r => r.Name));
        foreach (var row in rows)
            Assert.True(BenchmarkSet.Available.Contains(row.Name) ^ BenchmarkSet.Unavailable.Contains(row.Name), row.Name);
        Assert.Contains(BenchmarkSet.Memcpy, BenchmarkSet.Available);
        Assert.Equal(rows.Select(r => r.Name).Append(BenchmarkSet.Memcpy), BenchmarkSet.Available);
        Assert.Empty(BenchmarkSet.Unavailable);
    }

    [Fact]
    public void The_pixel_rows_do_what_the_set_says()
    {
        using var image = new ImageBuffer<byte>(9, 7, 3);
        for (int y = 0; y < 7; y++) for (int x = 0; x < 9; x++) for (int c = 0; c < 3; c++) image[y, x, c] = (byte)(x * 25 + c * 10 + y);
        using (var brightness = BenchmarkCase.Create(BenchmarkSet.Find("Brightness")!, [image]))
        using (var output = brightness.Output(0))
            Assert.Equal(Math.Min(255, image[3, 8, 2] + 51), output[3, 8, 2]);
        using (var contrast = BenchmarkCase.Create(BenchmarkSet.Find("Contrast")!, [image]))
        using (var output = contrast.Output(0))
        {
            double mean = image.ToArray().Average(v => (double)v);
            Assert.Equal(Math.Clamp(Math.Round((image[2, 1, 0] - mean) * 1.2 + mean), 0, 255), output[2, 1, 0], 1.0);
        }
        using (var gray = BenchmarkCase.Create(BenchmarkSet.Find("Grayscale")!, [image]))
        using (var output = gray.Output(0))
            Assert.Equal(1, output.Channels);
        using (var normalize = BenchmarkCase.Create(BenchmarkSet.Find("Normalize")!, [image]))
            normalize.Run(0);
        foreach (var name in new[] { "Gamma", "HSVShift", "GaussianBlur", "MedianBlur", "Equalize", "CLAHE", "Elastic" })
        {
            using var work = BenchmarkCase.Create(BenchmarkSet.Find(name)!, [image]);
            using var output = work.Output(0);
            Assert.Equal((9, 7, 3), (output.Width, output.Height, output.Channels));
        }
    }

    [Fact]
    public void The_embedded_set_matches_the_file_in_the_repository()
    {
        string file = Path.Combine(TestPaths.RepoRoot, "src", "AugSharp", "Benchmarking", "transforms.json");
        Assert.Equal(File.ReadAllText(file), BenchmarkSet.ReadEmbedded());
    }

    [Fact]
    public void Every_available_row_builds_and_runs_on_small_images()
    {
        using var a = Gradient(23, 17);
        using var b = Gradient(16, 30);
        var results = TransformBenchmark.Run([a, b], BenchmarkSet.Available.Select(n => BenchmarkSet.Find(n)!), Quick);
        Assert.Equal(BenchmarkSet.Available, results.Select(r => r.Transform));
        Assert.All(results, r =>
        {
            Assert.True(r.ImagesPerSecond > 0, r.Transform);
            Assert.True(r.MedianMilliseconds >= 0, r.Transform);
            Assert.Equal(2, r.Images);
            Assert.Equal(1, r.Threads);
        });
    }

    [Fact]
    public void Threads_run_every_image_and_report_their_count()
    {
        using var a = Gradient(20, 20);
        using var b = Gradient(21, 19);
        using var c = Gradient(8, 9);
        var result = Assert.Single(TransformBenchmark.Run([a, b, c], [BenchmarkSet.Find("Rotate")!], Quick with { Threads = 2 }));
        Assert.Equal(2, result.Threads);
        Assert.Equal(3, result.Images);
        Assert.True(result.ImagesPerSecond > 0);
    }

    [Fact]
    public void The_rows_do_the_stated_work()
    {
        using var image = Gradient(40, 20);
        using (var resize = BenchmarkCase.Create(BenchmarkSet.Find("Resize")!, [image]))
        using (var output = resize.Output(0))
            Assert.Equal((512, 512, 3), (output.Width, output.Height, output.Channels));
        using (var area = BenchmarkCase.Create(BenchmarkSet.Find("ResizeArea")!, [image]))
        using (var output = area.Output(0))
            Assert.Equal((20, 10), (output.Width, output.Height));
        using (var flip = BenchmarkCase.Create(BenchmarkSet.Find("HorizontalFlip")!, [image]))
        using (var output = flip.Output(0))
            Assert.Equal(image[3, 0, 0], output[3, 39, 0]);
        var crop = Assert.IsType<CropAndResizeOperation>(BenchmarkCase.BuildOperation(BenchmarkSet.Find("RandomResizedCrop")!, 100, 200));
        Assert.Equal((10, 30, 70, 160, 512, 512), (crop.X, crop.Y, crop.CropWidth, crop.CropHeight, crop.Width, crop.Height));
    }

    [Fact]
    public void Keras_rows_are_the_same_work_every_run()
    {
        using var image = Gradient(30, 20);
        using var keras = BenchmarkCase.Create(BenchmarkSet.Find("KerasPipeline")!, [image]);
        using var first = keras.Output(0);
        using var second = keras.Output(0);
        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void The_end_to_end_row_decodes_transforms_and_encodes()
    {
        using var image = Gradient(24, 16);
        using var png = new MemoryStream();
        ImageCodec.Write(image, png, ImageFormat.Png);
        var result = TransformBenchmark.RunEndToEnd([png.ToArray()], Quick);
        Assert.Equal(BenchmarkSet.EndToEnd, result.Transform);
        Assert.True(result.ImagesPerSecond > 0);
    }

    [Fact]
    public void Rows_report_the_bytes_allocated_per_image()
    {
        using var image = Gradient(256, 256);
        // Each flipped image (192 KB) is written into a buffer rented from the pool and returned:
        // allocating it anew would count 192 KB per image.
        var flip = TransformBenchmark.Run([image], [BenchmarkSet.Find("HorizontalFlip")!], Quick)[0];
        Assert.NotNull(flip.AllocatedBytesPerImage);
        Assert.InRange(flip.AllocatedBytesPerImage!.Value, 0, 64 * 1024);
    }

    [Fact]
    public void Reports_round_trip_through_json()
    {
        var report = new BenchmarkReport("AugSharp", [new BenchmarkResult("Rotate", 123.456, 8.1, 2, 1) { AllocatedBytesPerImage = 1536.4 }], ["CLAHE"], MachineInfo.Current());
        using var doc = JsonDocument.Parse(report.ToJson());
        Assert.Equal("Rotate", doc.RootElement.GetProperty("results")[0].GetProperty("transform").GetString());
        Assert.True(doc.RootElement.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
        var back = BenchmarkReport.Parse(report.ToJson());
        Assert.Equal(123.46, back.Results[0].ImagesPerSecond);
        Assert.Equal(1536, back.Results[0].AllocatedBytesPerImage);
        Assert.Equal(["CLAHE"], back.Unavailable);
        Assert.Throws<FormatException>(() => BenchmarkReport.Parse("{\"nothing\": 1}"));
    }

    [Fact]
    public void The_mean_absolute_difference_compares_raw_outputs()
    {
        using var image = Gradient(4, 3);
        string file = Path.Combine(Path.GetTempPath(), "augsharp-mad-" + Guid.NewGuid().ToString("N") + ".raw");
        try
        {
            byte[] bytes = image.ToArray();
            bytes[0] += 6;
            File.WriteAllBytes(file, bytes);
            Assert.Equal(6.0 / 36, new BenchmarkOutputFile(file, 3, 4, 3).MeanAbsoluteDifference(image)!.Value, 9);
            Assert.Null(new BenchmarkOutputFile(file, 4, 3, 3).MeanAbsoluteDifference(image));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
