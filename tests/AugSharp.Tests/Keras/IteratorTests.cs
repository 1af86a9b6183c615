using AugSharp.Keras;

namespace AugSharp.Tests.Keras;

/// <summary>Iterator semantics recorded from Keras in flow_semantics.json.</summary>
public class IteratorTests
{
    private static NdArray Images(int n) => new(Enumerable.Range(0, n * 2 * 2).Select(i => (float)(i / 4)).ToArray(), n, 2, 2, 1);

    private static NdArray Labels(params float[] y) => new(y, y.Length);

    [Fact]
    public void Next_walks_batches_and_wraps_after_the_short_one()
    {
        var it = new ImageDataGenerator().Flow(Images(10), Labels([.. Enumerable.Range(0, 10).Select(i => (float)i)]), batchSize: 4, shuffle: false);
        var seen = Enumerable.Range(0, 7).Select(_ => it.Next().Y!.Data.Select(v => (int)v).ToArray()).ToArray();
        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9], [0, 1, 2, 3], [4, 5, 6, 7], [8, 9], [0, 1, 2, 3]], seen);
        Assert.Equal(3, it.Length);
    }

    [Fact]
    public void Indexer_gives_batches_and_refuses_past_the_end()
    {
        var it = new ImageDataGenerator().Flow(Images(10), batchSize: 4, shuffle: false);
        Assert.Equal(3, it.Length);
        Assert.Equal(2, it[2].X.Shape[0]);
        Assert.Null(it[0].Y); // y=None: images only
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => it[3]);
        Assert.Contains("Asked to retrieve element 3, but the Sequence has length 3", e.Message);
    }

    [Fact]
    public void Shuffled_epochs_are_permutations_and_seeded_runs_repeat()
    {
        var y = Labels([.. Enumerable.Range(0, 10).Select(i => (float)i)]);
        int[][] Run()
        {
            var it = new ImageDataGenerator().Flow(Images(10), y, batchSize: 4, shuffle: true, seed: 7);
            return Enumerable.Range(0, 6).Select(_ => it.Next().Y!.Data.Select(v => (int)v).ToArray()).ToArray();
        }
        var a = Run();
        Assert.Equal(a, Run());
        Assert.Equal(Enumerable.Range(0, 10), a.Take(3).SelectMany(b => b).Order());
        Assert.Equal(Enumerable.Range(0, 10), a.Skip(3).SelectMany(b => b).Order());
        Assert.NotEqual(a.Take(3).SelectMany(b => b), a.Skip(3).SelectMany(b => b));
    }

    [Fact]
    public void Subset_takes_validation_from_the_front()
    {
        var y = Labels(0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        var g = new ImageDataGenerator(validationSplit: 0.3);
        var validation = g.Flow(Images(10), y, batchSize: 32, shuffle: false, subset: "validation");
        var training = g.Flow(Images(10), y, batchSize: 32, shuffle: false, subset: "training");
        Assert.Equal([0f, 1, 2], validation.X.Data.Where((_, i) => i % 4 == 0));
        Assert.Equal([3f, 4, 5, 6, 7, 8, 9], training.X.Data.Where((_, i) => i % 4 == 0));
    }

    [Fact]
    public void Subset_refuses_label_sorted_data()
    {
        var y = Labels(0, 0, 0, 1, 1, 1, 1, 1, 1, 1);
        var g = new ImageDataGenerator(validationSplit: 0.3);
        var e = Assert.Throws<ArgumentException>(() => g.Flow(Images(10), y, subset: "training"));
        Assert.Contains("Training and validation subsets have different number of classes after the split", e.Message);
        g.Flow(Images(10), y, subset: "training", ignoreClassSplit: true);
    }

    [Fact]
    public void Misc_arrays_and_sample_weights_follow_the_batch()
    {
        var it = new ImageDataGenerator().Flow(Images(3), Labels(0, 1, 2), batchSize: 3, shuffle: false,
            sampleWeight: Labels(0, 0.1f, 0.2f), misc: [Labels(0, 10, 20)]);
        var batch = it[0];
        Assert.Equal([0f, 10, 20], batch.Misc[0].Data);
        Assert.Equal([0f, 1, 2], batch.Y!.Data);
        Assert.Equal([0f, 0.1f, 0.2f], batch.SampleWeight!.Data);
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ImageDataGenerator().Flow(Images(3), Labels(0, 1)));
        Assert.Contains("`x` (images tensor) and `y` (labels) should have the same length", e.Message);
        var r = Assert.Throws<ArgumentException>(() => new ImageDataGenerator().Flow(new NdArray(3, 2, 2)));
        Assert.Contains("should have rank 4", r.Message);
    }

    [Fact]
    public void Seeded_augmented_batches_do_not_depend_on_access_order()
    {
        var g = new ImageDataGenerator(rotationRange: 45, widthShiftRange: 0.3);
        var x = new NdArray(Enumerable.Range(0, 6 * 8 * 8 * 3).Select(i => (float)(i * 13 % 256)).ToArray(), 6, 8, 8, 3);
        var forward = g.Flow(x, batchSize: 2, shuffle: true, seed: 5);
        var backward = g.Flow(x, batchSize: 2, shuffle: true, seed: 5);
        var f = Enumerable.Range(0, 3).Select(i => forward[i].X.Data).ToArray();
        var b = Enumerable.Range(0, 3).Reverse().Select(i => backward[i].X.Data).Reverse().ToArray();
        Assert.Equal(f, b);
    }

    [Fact]
    public void Directory_iterator_lists_like_keras_and_refuses_bad_arguments()
    {
        string dir = Path.Combine(TestPaths.KerasPublic, "dirtree");
        var g = new ImageDataGenerator();
        var it = g.FlowFromDirectory(dir, targetSize: (6, 8), classes: ["dogs", "cats"], shuffle: false);
        Assert.Equal("dogs/v.jpeg", it.Filenames[0]);
        Assert.Equal(0, it.Classes[0]);
        Assert.Equal("Found 13 images belonging to 2 classes.", it.Summary);
        Assert.Throws<ArgumentException>(() => g.FlowFromDirectory(dir, classMode: "multi"));
        Assert.Throws<ArgumentException>(() => g.FlowFromDirectory(dir, colorMode: "cmyk"));
        Assert.Throws<ArgumentException>(() => g.FlowFromDirectory(dir, subset: "test"));
        Assert.Throws<DirectoryNotFoundException>(() => g.FlowFromDirectory(Path.Combine(dir, "missing")));
    }
}

/// <summary>Saving, preprocessing and link handling of the iterators, on files made in a temporary folder.</summary>
public sealed class IteratorFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("augsharp-iter-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string WritePng(string relative, byte value)
    {
        string path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = new ImageBuffer<byte>(5, 4, 3);
        image.Fill(value);
        image[0, 0, 0] = 0; // not constant, so that array_to_img's stretch is visible
        ImageCodec.Write(image, path);
        return path;
    }

    [Fact]
    public void Save_to_dir_writes_one_stretched_file_per_image_with_keras_names()
    {
        string outDir = Path.Combine(_root, "saved");
        Directory.CreateDirectory(outDir);
        var x = new NdArray(Enumerable.Range(0, 3 * 2 * 2 * 1).Select(i => (float)(i * 10)).ToArray(), 3, 2, 2, 1);
        var it = new ImageDataGenerator().Flow(x, batchSize: 3, shuffle: false, seed: 1, saveToDir: outDir, savePrefix: "aug", saveFormat: "png");
        _ = it[0];
        var files = Directory.GetFiles(outDir).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.Matches(@"^aug_[0-2]_\d{1,4}\.png$", f));
        using var first = ImageCodec.Read(Path.Combine(outDir, files[0]!));
        var pixels = first.As<byte>().ToArray();
        Assert.Equal(0, pixels.Min());
        Assert.Equal(255, pixels.Max()); // scale=True: min-max stretched
    }

    [Fact]
    public void Preprocessing_function_sees_the_augmented_image_before_rescale()
    {
        var seen = new List<float>();
        var g = new ImageDataGenerator(rescale: 0.5, preprocessingFunction: a =>
        {
            seen.Add(a.Data.Max());
            for (int i = 0; i < a.Length; i++) a.Data[i] += 1;
            return a;
        });
        var x = new NdArray([10f, 20, 30, 40], 1, 2, 2, 1);
        var batch = g.Flow(x, batchSize: 1, shuffle: false)[0];
        Assert.Equal([40f], seen);
        Assert.Equal([5.5f, 10.5f, 15.5f, 20.5f], batch.X.Data);
    }

    [Fact]
    public void Follow_links_decides_only_for_linked_subdirectories()
    {
        WritePng("data/cats/a.png", 50);
        WritePng("elsewhere/deep/b.png", 60);
        WritePng("elsewhere/c.png", 70);
        WritePng("outside/d.png", 80);
        Directory.CreateSymbolicLink(Path.Combine(_root, "data/cats/linked"), Path.Combine(_root, "elsewhere/deep"));
        File.CreateSymbolicLink(Path.Combine(_root, "data/cats/e.png"), Path.Combine(_root, "elsewhere/c.png"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "data/dogs"), Path.Combine(_root, "outside"));
        var g = new ImageDataGenerator();
        string data = Path.Combine(_root, "data");

        var plain = g.FlowFromDirectory(data, targetSize: (4, 5), shuffle: false);
        Assert.Equal(["cats/a.png", "cats/e.png", "dogs/d.png"], plain.Filenames);

        var following = g.FlowFromDirectory(data, targetSize: (4, 5), shuffle: false, followLinks: true);
        Assert.Equal(["cats/a.png", "cats/e.png", "cats/linked/b.png", "dogs/d.png"], following.Filenames);
        Assert.Equal([0, 0, 0, 1], following.Classes);
        Assert.Equal(4, following[0].X.Shape[0]);
    }

    [Fact]
    public void Directory_batches_follow_the_data_format_and_class_mode()
    {
        WritePng("d/a/x.png", 10);
        WritePng("d/b/y.png", 20);
        var g = new ImageDataGenerator(dataFormat: DataFormat.ChannelsFirst);
        var it = g.FlowFromDirectory(Path.Combine(_root, "d"), targetSize: (4, 5), classMode: "binary", shuffle: false, colorMode: "grayscale");
        var batch = it[0];
        Assert.Equal([2, 1, 4, 5], batch.X.Shape);
        Assert.Equal([0f, 1f], batch.Y!.Data);
        var none = new ImageDataGenerator().FlowFromDirectory(Path.Combine(_root, "d"), targetSize: (4, 5), classMode: null, shuffle: false);
        Assert.Null(none[0].Y);
    }

    [Fact]
    public void A_file_that_is_not_an_image_fails_at_load_time_naming_it()
    {
        WritePng("bad/a/ok.png", 10);
        File.WriteAllText(Path.Combine(_root, "bad/a/notes.png"), "not an image");
        var it = new ImageDataGenerator().FlowFromDirectory(Path.Combine(_root, "bad"), targetSize: (4, 5), shuffle: false);
        Assert.Equal(2, it.Samples); // the whitelist goes by name, as in Keras
        var e = Assert.Throws<ImageFormatException>(() => it[0]);
        Assert.Contains("notes.png", e.Message);
    }
}
