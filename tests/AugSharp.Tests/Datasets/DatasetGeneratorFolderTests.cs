using AugSharp.Datasets;
using AugSharp.Keras;

namespace AugSharp.Tests.Datasets;

/// <summary>The generator on a plain folder of images (what <c>augsharp augment</c> runs): links, a single file, interrupted runs, what it keeps of its inputs.</summary>
public class DatasetGeneratorFolderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-folder-" + Guid.NewGuid().ToString("N")[..8]);

    public DatasetGeneratorFolderTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    private static void WriteImage(string path, int seed = 0, int width = 12, int height = 10)
    {
        using var image = new ImageBuffer<byte>(width, height, 3);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                image[y, x, 0] = (byte)(x * 20);
                image[y, x, 1] = (byte)(y * 25);
                image[y, x, 2] = (byte)(seed * 50 + x + y);
            }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageCodec.Write(image, path);
    }

    private static DatasetGenerator Generator(int copies = 1, int jobs = 1, ITransform? pipeline = null) => new(new DatasetGeneratorOptions
    {
        Pipeline = pipeline ?? new ImageDataGenerator(rotationRange: 30, horizontalFlip: true),
        Layout = "folders",
        Copies = copies,
        Seed = 3,
        MaxDegreeOfParallelism = jobs,
    });

    private string[] ImagesUnder(string relative)
        => Directory.GetFiles(P(relative), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(P(relative), f).Replace('\\', '/'))
            .Where(ImageFolder.IsImageFile).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("cat.png", null, ".png")]
    [InlineData("dogs/rex.jpg", null, ".jpg")]
    [InlineData("anim.gif", null, ".png")]
    [InlineData("a.bmp", ImageFormat.Jpeg, ".jpg")]
    [InlineData("a.png", ImageFormat.Tiff, ".tif")]
    public void Outputs_take_the_format_s_extension_or_the_input_s(string input, ImageFormat? format, string expected)
        => Assert.Equal(expected, DatasetGenerator.OutputExtension(input, format));

    [Fact]
    public void A_single_image_is_a_data_set_of_one()
    {
        WriteImage(P("in/x.png"));
        byte[] before = File.ReadAllBytes(P("in/x.png"));
        var summary = Generator(copies: 2).Run(P("in/x.png"), P("out"));
        Assert.True(summary.Succeeded);
        Assert.Equal(["x_aug0.png", "x_aug1.png"], ImagesUnder("out"));
        Assert.Equal(before, File.ReadAllBytes(P("in/x.png")));
        // Its own folder would mix outputs and inputs.
        Assert.Throws<AugmentOutputConflictException>(() => Generator().Run(P("in/x.png"), P("in")));
        File.WriteAllText(P("notes.txt"), "not an image");
        Assert.Throws<ArgumentException>(() => Generator().Run(P("notes.txt"), P("out2")));
    }

    [Fact]
    public void An_output_folder_that_is_a_link_to_the_input_is_refused()
    {
        WriteImage(P("in/a.png"));
        Directory.CreateSymbolicLink(P("link"), P("in"));
        Assert.Throws<AugmentOutputConflictException>(() => Generator().Run(P("in"), P("link")));
        Assert.Throws<AugmentOutputConflictException>(() => Generator().Run(P("link"), P("in")));
        Assert.Equal(["a.png"], ImagesUnder("in"));
    }

    [Fact]
    public void Symbolic_link_cycles_are_not_followed()
    {
        WriteImage(P("in/a.png"));
        WriteImage(P("in/sub/b.png"), 1);
        Directory.CreateSymbolicLink(P("in/sub/loop"), P("in"));
        Assert.True(Generator().Run(P("in"), P("out")).Succeeded);
        Assert.Equal(["a_aug0.png", "sub/b_aug0.png"], ImagesUnder("out"));
    }

    [Fact]
    public void A_folder_that_cannot_be_listed_is_reported_and_skipped()
    {
        WriteImage(P("in/a.png"));
        WriteImage(P("in/locked/b.png"));
        WriteImage(P("in/z/c.png"));
        var listing = ImageFolder.List(P("in"), null, new LockedFolderFileSystem(P("in/locked")));
        Assert.Equal(["a.png", "z/c.png"], listing.Files);
        var error = Assert.Single(listing.Errors);
        Assert.Equal(P("in/locked"), error.Path);
        Assert.StartsWith("cannot list the folder: ", error.Message);
    }

    [Fact]
    public void Temporary_files_of_a_killed_run_are_removed_and_other_files_kept()
    {
        WriteImage(P("in/a.png"));
        Directory.CreateDirectory(P("out/cats"));
        File.WriteAllText(P("out/.a_aug0.png.augsharp-tmp-0123abcd"), "half a file");
        File.WriteAllText(P("out/cats/.b_aug3.jpg.augsharp-tmp-99ff0000"), "half a file");
        File.WriteAllText(P("out/keep.txt"), "not ours");
        var summary = new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = new HorizontalFlip(), Layout = "folders", Force = true }).Run(P("in"), P("out"));
        Assert.True(summary.Succeeded);
        Assert.Empty(Directory.GetFiles(P("out"), "*augsharp-tmp*", SearchOption.AllDirectories));
        Assert.Equal("not ours", File.ReadAllText(P("out/keep.txt")));
        Assert.Equal(["a_aug0.png"], ImagesUnder("out"));
    }

    [Fact]
    public void Cancelling_leaves_complete_files_only_and_the_same_run_resumes()
    {
        for (int i = 0; i < 6; i++) WriteImage(P($"in/img{i}.png"), i, 64, 48);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Done == 5) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => Generator(copies: 3).Run(P("in"), P("out"), progress, cancel.Token));
        Assert.Empty(Directory.GetFiles(P("out"), "*augsharp-tmp*", SearchOption.AllDirectories));
        foreach (string f in ImagesUnder("out")) using (ImageCodec.Read(P("out/" + f))) { }
        var resumed = Generator(copies: 3).Run(P("in"), P("out"));
        Assert.True(resumed.Succeeded);
        Assert.True(resumed.Resumed >= 5);
        Generator(copies: 3).Run(P("in"), P("fresh"));
        foreach (string f in ImagesUnder("fresh")) Assert.Equal(File.ReadAllBytes(P("fresh/" + f)), File.ReadAllBytes(P("out/" + f)));
        Assert.Equal(18, ImagesUnder("out").Length);
    }

    [Fact]
    public void A_lossless_webp_input_is_written_lossless()
    {
        using var image = new ImageBuffer<byte>(32, 24, 3);
        for (int y = 0; y < 24; y++) for (int x = 0; x < 32; x++) for (int c = 0; c < 3; c++) image[y, x, c] = (byte)((x * 53 + y * 97 + c * 31) % 256);
        Directory.CreateDirectory(P("in"));
        ImageCodec.Write(image, P("in/a.webp"), new ImageWriteOptions { Lossless = true });
        Assert.True(Generator(pipeline: new HorizontalFlip { P = 1 }).Run(P("in"), P("out")).Succeeded);
        Assert.True(ImageCodec.Identify(P("out/a_aug0.webp")).IsLossless);
        using var written = ImageCodec.Read(P("out/a_aug0.webp")).As<byte>();
        for (int y = 0; y < 24; y++) for (int x = 0; x < 32; x++) for (int c = 0; c < 3; c++) Assert.Equal(image[y, 31 - x, c], written[y, x, c]);
    }

    [Fact]
    public void Sixteen_bit_inputs_through_an_eight_bit_step_get_one_warning()
    {
        Directory.CreateDirectory(P("in"));
        for (int i = 0; i < 3; i++)
        {
            using var image = new ImageBuffer<ushort>(16, 12, 1);
            image.Fill((ushort)(1000 * (i + 1)));
            ImageCodec.Write(image, P($"in/m{i}.png"));
        }
        var bright = Generator(pipeline: new ImageDataGenerator(brightnessRange: [0.8, 1.2])).Run(P("in"), P("out1"));
        Assert.Contains("8 bits", Assert.Single(bright.Warnings));
        var rotate = Generator(pipeline: new ImageDataGenerator(rotationRange: 20)).Run(P("in"), P("out2"));
        Assert.Empty(rotate.Warnings);
    }

    [Fact]
    public void Adding_a_file_never_changes_the_outputs_of_the_others()
    {
        for (int i = 0; i < 3; i++) WriteImage(P($"in/b{i}.png"), i, 20, 16);
        var generator = Generator(copies: 2, pipeline: new Compose([new Rotate { P = 1 }]));
        generator.Run(P("in"), P("out1"));
        WriteImage(P("in/a0.png"), 7, 20, 16);
        generator.Run(P("in"), P("out2"));
        foreach (string f in ImagesUnder("out1")) Assert.Equal(File.ReadAllBytes(P("out1/" + f)), File.ReadAllBytes(P("out2/" + f)));
        Assert.Equal(8, ImagesUnder("out2").Length);
    }

    /// <summary>Listing one folder fails, as with a folder whose permissions deny reading (which root ignores).</summary>
    private sealed class LockedFolderFileSystem(string locked) : AugmentFileSystem
    {
        public override IReadOnlyList<FileSystemInfo> ListFolder(string directory)
            => string.Equals(Path.GetFullPath(directory), locked, StringComparison.Ordinal)
                ? throw new UnauthorizedAccessException($"Access to the path '{directory}' is denied.")
                : base.ListFolder(directory);
    }

    private sealed class SynchronousProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}
