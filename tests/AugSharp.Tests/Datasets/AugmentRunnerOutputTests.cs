using AugSharp.Datasets;
using AugSharp.Keras;

namespace AugSharp.Tests.Datasets;

/// <summary>What the runner keeps of its inputs: lossless stays lossless, 16-bit precision loss is said.</summary>
public class AugmentRunnerOutputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-runner-out-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public void A_lossless_webp_input_is_written_lossless()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "in"));
        using var image = new ImageBuffer<byte>(32, 24, 3);
        for (int y = 0; y < 24; y++) for (int x = 0; x < 32; x++) for (int c = 0; c < 3; c++) image[y, x, c] = (byte)((x * 53 + y * 97 + c * 31) % 256);
        string input = Path.Combine(_dir, "in", "a.webp");
        ImageCodec.Write(image, input, new ImageWriteOptions { Lossless = true });
        var summary = new AugmentRunner(new HorizontalFlip { P = 1 }).Run(Path.Combine(_dir, "in"), Path.Combine(_dir, "out"));
        Assert.True(summary.Succeeded);
        using var written = ImageCodec.Read(Assert.Single(summary.Outputs)).As<byte>();
        Assert.True(ImageCodec.Identify(summary.Outputs[0]).IsLossless);
        for (int y = 0; y < 24; y++) for (int x = 0; x < 32; x++) for (int c = 0; c < 3; c++) Assert.Equal(image[y, 31 - x, c], written[y, x, c]);
    }

    [Fact]
    public void Sixteen_bit_inputs_through_keras_brightness_get_one_warning()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "in"));
        for (int i = 0; i < 3; i++)
        {
            using var image = new ImageBuffer<ushort>(16, 12, 1);
            image.Fill((ushort)(1000 * (i + 1)));
            ImageCodec.Write(image, Path.Combine(_dir, "in", $"m{i}.png"));
        }
        var bright = new AugmentRunner(new ImageDataGenerator(brightnessRange: [0.8, 1.2])).Run(Path.Combine(_dir, "in"), Path.Combine(_dir, "out1"));
        Assert.Contains("8 bits", Assert.Single(bright.Warnings));
        var rotate = new AugmentRunner(new ImageDataGenerator(rotationRange: 20)).Run(Path.Combine(_dir, "in"), Path.Combine(_dir, "out2"));
        Assert.Empty(rotate.Warnings);
    }
}

public class AugmentRunnerItemKeyTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-runner-key-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Fact]
    public void Adding_a_file_never_changes_the_copies_of_the_others()
    {
        string input = Path.Combine(_dir, "in");
        Directory.CreateDirectory(input);
        for (int i = 0; i < 3; i++)
        {
            using var img = new ImageBuffer<byte>(20, 16, 3);
            for (int y = 0; y < 16; y++) for (int x = 0; x < 20; x++) for (int c = 0; c < 3; c++) img[y, x, c] = (byte)(x * 11 + y * 7 + c * 50 + i * 30);
            ImageCodec.Write(img, Path.Combine(input, $"b{i}.png"));
        }
        var runner = new AugmentRunner(new Compose([new Rotate { P = 1 }]), new AugmentOptions { Copies = 2, Seed = 5 });
        runner.Run(input, Path.Combine(_dir, "out1"));
        using (var extra = new ImageBuffer<byte>(20, 16, 3)) ImageCodec.Write(extra, Path.Combine(input, "a0.png"));
        runner.Run(input, Path.Combine(_dir, "out2"));
        foreach (var file in Directory.GetFiles(Path.Combine(_dir, "out1")))
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(_dir, "out2", Path.GetFileName(file))));
    }
}
