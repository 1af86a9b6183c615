using AugSharp.Training;

namespace AugSharp.Tests.Training;

/// <summary>A class-folder set of the six sample photos, 48 px wide, in two classes, plus ten more copies to make 16 items.</summary>
public sealed class SmallClassFolders : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "augsharp-training-" + Guid.NewGuid().ToString("N"));

    public SmallClassFolders()
    {
        string[] photos = ["astronaut.png", "camera.png", "chelsea.png", "coffee.png", "retina.jpg", "rocket.jpg"];
        for (int i = 0; i < 16; i++)
        {
            string name = photos[i % photos.Length];
            string cls = name is "chelsea.png" or "coffee.png" ? "cats" : "dogs";
            Directory.CreateDirectory(Path.Combine(Root, cls));
            using var image = ImageCodec.Read(TestPaths.Image(name));
            using var bytes = PixelConversion.ToBytes(image);
            using var rgb = PixelConversion.ToRgb(bytes);
            using var small = AugSharp.Pictures.PictureResize.Resize(rgb, 48, 36);
            ImageCodec.Write(small, Path.Combine(Root, cls, $"{i:00}_{Path.GetFileNameWithoutExtension(name)}.png"));
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public class BatchLoaderTests
{
    private static Compose Pipeline() => new([new HorizontalFlip(), new Affine { Rotate = new(-20, 20), P = 1 }, new RandomBrightnessContrast { P = 1 }]);

    private static async Task<List<T>> All<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }

    [Fact]
    public void ClassFoldersAreNumberedInOrdinalOrderAsKerasDoes()
    {
        using var folders = new SmallClassFolders();
        var set = TrainingSet.FromClassFolders(folders.Root);
        Assert.Equal(["cats", "dogs"], set.ClassNames);
        Assert.Equal(16, set.Count);
        for (int i = 0; i < set.Count; i++) Assert.Equal(set.Keys[i].StartsWith("cats/", StringComparison.Ordinal) ? 0 : 1, set.Labels[i]);
    }

    [Fact]
    public async Task AnEpochIsTheSameForAnyNumberOfWorkersAndEveryItemComesOnce()
    {
        using var folders = new SmallClassFolders();
        var set = TrainingSet.FromClassFolders(folders.Root);
        var one = await All(AugmentedStream.Epoch(set, Pipeline(), epoch: 3, new TrainingStreamOptions { Seed = 5, Workers = 1 }));
        var three = await All(AugmentedStream.Epoch(set, Pipeline(), epoch: 3, new TrainingStreamOptions { Seed = 5, Workers = 3, Prefetch = 2 }));
        Assert.Equal(one.Select(s => s.Key), three.Select(s => s.Key));
        for (int i = 0; i < one.Count; i++) Assert.Equal(one[i].Image.Image.As<byte>().ToArray(), three[i].Image.Image.As<byte>().ToArray());
        Assert.Equal(set.Keys.Order(StringComparer.Ordinal), one.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.NotEqual(set.Keys, one.Select(s => s.Key));

        // Another epoch: another order and other draws; each sample replays from its recipe.
        var next = await All(AugmentedStream.Epoch(set, Pipeline(), epoch: 4, new TrainingStreamOptions { Seed = 5 }));
        Assert.NotEqual(one.Select(s => s.Key), next.Select(s => s.Key));
        var sample = next[0];
        using var original = set.Read(sample.Index).Image;
        Assert.Equal(sample.Image.Image.As<byte>().ToArray(), sample.Recipe.Apply(new AnnotatedImage(original)).Image.As<byte>().ToArray());
    }

    [Fact]
    public async Task BatchesAreNormalisedTensorsInEitherOrder()
    {
        using var folders = new SmallClassFolders();
        var set = TrainingSet.FromClassFolders(folders.Root);
        var mean = new[] { 0.485, 0.456, 0.406 };
        var std = new[] { 0.229, 0.224, 0.225 };
        var nchw = new BatchLoader(set, new Compose([new NoOp()]), new BatchLoaderOptions { BatchSize = 5, Mean = mean, Std = std, Stream = new() { Shuffle = false } });
        Assert.Equal(4, nchw.BatchCount);
        var batches = await All(nchw.Epoch(0));
        Assert.Equal([5, 3, 36, 48], batches[0].Shape);
        Assert.Equal([1, 3, 36, 48], batches[3].Shape);
        Assert.Equal(set.Labels, batches.SelectMany(b => b.Labels));

        // Element [n, c, y, x] of NCHW and [n, y, x, c] of NHWC are (pixel / 255 - mean[c]) / std[c].
        var nhwc = new BatchLoader(set, new Compose([new NoOp()]), new BatchLoaderOptions { BatchSize = 5, Mean = mean, Std = std, Order = TensorOrder.Nhwc, Stream = new() { Shuffle = false } });
        var first = await All(nhwc.Epoch(0));
        Assert.Equal([5, 36, 48, 3], first[0].Shape);
        using var image = set.Read(1).Image;
        var pixels = image.As<byte>();
        foreach (var (y, x, c) in new[] { (0, 0, 0), (10, 20, 1), (35, 47, 2) })
        {
            float expected = (float)((pixels[y, x, c] / 255.0 - mean[c]) / std[c]);
            Assert.Equal(expected, batches[0].Data[((1 * 3 + c) * 36 + y) * 48 + x], 5);
            Assert.Equal(expected, first[0].Data[((1 * 36 + y) * 48 + x) * 3 + c], 5);
        }

        var dropLast = new BatchLoader(set, Pipeline(), new BatchLoaderOptions { BatchSize = 5, DropLast = true });
        Assert.Equal(3, (await All(dropLast.Epoch(0))).Count);
    }

    [Fact]
    public async Task ImagesOfAnotherSizeAndUnreadableItemsAreNamed()
    {
        using var folders = new SmallClassFolders();
        File.WriteAllText(Path.Combine(folders.Root, "cats", "zz_broken.png"), "not an image");
        var set = TrainingSet.FromClassFolders(folders.Root);
        var loader = new BatchLoader(set, Pipeline(), new BatchLoaderOptions { BatchSize = 4, Stream = new() { Shuffle = false } });
        var e = await Assert.ThrowsAnyAsync<IOException>(() => All(loader.Epoch(0)));
        Assert.Contains("zz_broken.png", e.Message);

        using var mixed = new SmallClassFolders();
        using (var big = new ImageBuffer<byte>(60, 40, 3)) ImageCodec.Write(big, Path.Combine(mixed.Root, "cats", "00_big.png"));
        var sizes = new BatchLoader(TrainingSet.FromClassFolders(mixed.Root), new Compose([new NoOp()]), new BatchLoaderOptions { BatchSize = 4, Stream = new() { Shuffle = false } });
        var wrong = await Assert.ThrowsAsync<InvalidDataException>(() => All(sizes.Epoch(0)));
        Assert.Contains("end the pipeline with a resize or a crop", wrong.Message);
    }

    [Fact]
    public async Task WorkIsBoundedAheadOfTheConsumerAndStopsWhenItLeaves()
    {
        using var folders = new SmallClassFolders();
        var files = TrainingSet.FromClassFolders(folders.Root);
        int reads = 0;
        // 160 items, read through a counter.
        var keys = Enumerable.Range(0, 160).Select(i => $"k{i}").ToArray();
        var set = new TrainingSet(keys, null, [], i => { Interlocked.Increment(ref reads); return files.Read(i % files.Count); });
        var options = new TrainingStreamOptions { Workers = 2, Prefetch = 3 };
        await foreach (var sample in AugmentedStream.Epoch(set, Pipeline(), 0, options))
        {
            foreach (var b in sample.Image.Buffers) b.Dispose();
            await Task.Delay(400);
            // The consumer holds one item; at most Prefetch are waiting and Workers being made.
            Assert.InRange(Volatile.Read(ref reads), 1, 1 + 3 + 2);
            break;
        }
        int afterBreak = Volatile.Read(ref reads);
        await Task.Delay(300);
        Assert.Equal(afterBreak, Volatile.Read(ref reads));
    }

    [Fact]
    public async Task TheReadmeExampleRunsOnAPipelineFile()
    {
        using var folders = new SmallClassFolders();
        string file = Path.Combine(folders.Root, "..", Path.GetFileName(folders.Root) + "-pipeline.yaml");
        File.WriteAllText(file, "transforms:\n  - HorizontalFlip: {p: 0.5}\n  - RandomResizedCrop: {size: [32, 32], scale: [0.5, 1.0]}\n");
        try
        {
            var set = TrainingSet.FromClassFolders(folders.Root);
            var pipeline = PipelineFile.Load(file);
            var loader = new BatchLoader(set, pipeline, new BatchLoaderOptions
            {
                BatchSize = 8,
                Mean = [0.485, 0.456, 0.406],
                Std = [0.229, 0.224, 0.225],
                Stream = new() { Seed = 42, Workers = 2 },
            });
            int batches = 0;
            await foreach (var batch in loader.Epoch(0))
            {
                Assert.Equal([8, 3, 32, 32], batch.Shape);
                Assert.Equal(8 * 3 * 32 * 32, batch.Data.Length);
                Assert.All(batch.Data, v => Assert.InRange(v, -2.2f, 2.7f));
                batches++;
            }
            Assert.Equal(2, batches);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
