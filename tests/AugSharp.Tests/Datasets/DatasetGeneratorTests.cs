using System.Text.Json.Nodes;
using AugSharp.Datasets;
using static AugSharp.Tests.Datasets.GenerationTestData;

namespace AugSharp.Tests.Datasets;

public sealed class DatasetGeneratorTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-generate-" + Guid.NewGuid().ToString("N")[..8]);

    public DatasetGeneratorTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    private static DatasetGeneratorOptions Options(int copies = 2, int jobs = 2) => new()
    {
        Pipeline = Pipeline(),
        Copies = copies,
        Seed = 7,
        MaxDegreeOfParallelism = jobs,
    };

    private static GenerationRecord[] Manifest(string output)
        => File.ReadAllLines(Path.Combine(output, "manifest.jsonl")).Select(GenerationRecord.Parse).ToArray();

    [Fact]
    public void Class_folders_are_written_back_as_class_folders_with_a_sorted_manifest()
    {
        WriteClassFolders(P("in"));
        var summary = new DatasetGenerator(Options()).Run(P("in"), P("out"));

        Assert.True(summary.Succeeded);
        Assert.Equal(10, summary.Written);
        var images = Files(P("out"), f => f.EndsWith(".png") || f.EndsWith(".jpg")).Keys;
        Assert.Equal(["cats/a_aug0.png", "cats/a_aug1.png", "cats/b_aug0.png", "cats/b_aug1.png", "cats/c_aug0.png", "cats/c_aug1.png",
            "dogs/d_aug0.jpg", "dogs/d_aug1.jpg", "dogs/e_aug0.png", "dogs/e_aug1.png"], images);
        var manifest = Manifest(P("out"));
        Assert.Equal(images, manifest.Select(r => r.Output));
        var first = manifest[0];
        Assert.Equal(("cats/a.png", "cats", 0, 7UL, RandomStream.ItemKey("cats/a.png")), (first.Source, first.Label, first.Copy!.Value, first.Seed, first.ItemKey));
        Assert.Equal(6, summary.Counts!.PerClass["cats"]);
        Assert.Equal(4, summary.Counts.PerClass["dogs"]);
        Assert.Equal("", File.ReadAllText(P("out/errors.jsonl")));
        Assert.False(Directory.Exists(P("out/.augsharp-run")));
        var summaryJson = JsonNode.Parse(File.ReadAllText(P("out/summary.json")))!;
        Assert.Equal(10, (int)summaryJson["counts"]!["outputs"]!);
        Assert.True(summaryJson["counts"]!["per_transform"]!.AsObject().Count > 0);
    }

    [Fact]
    public void The_files_are_the_same_for_one_and_two_jobs()
    {
        WriteClassFolders(P("in"));
        new DatasetGenerator(Options(jobs: 1)).Run(P("in"), P("one"));
        new DatasetGenerator(Options(jobs: 2)).Run(P("in"), P("two"));
        AssertSameFiles(ComparableFiles(P("one")), ComparableFiles(P("two")));
    }

    [Fact]
    public void Every_output_replays_byte_for_byte_from_its_manifest_line()
    {
        WriteClassFolders(P("in"));
        new DatasetGenerator(Options() with { Quality = 80 }).Run(P("in"), P("out"));
        foreach (var record in Manifest(P("out")))
        {
            byte[] replayed = DatasetReplay.Recreate(record, P("out"));
            Assert.Equal(File.ReadAllBytes(P("out/" + record.Output)), replayed);
        }
    }

    [Fact]
    public void Csv_is_written_back_as_a_csv_with_its_extra_columns()
    {
        string csv = WriteCsv(P("in"));
        // An absolute path inside the CSV's folder is the same image as its relative path.
        File.WriteAllText(csv, File.ReadAllText(csv).Replace("images/im3.png", P("in/images/im3.png")));
        var summary = new DatasetGenerator(Options(copies: 1) with { IncludeOriginals = true }).Run(csv, P("out"));
        Assert.True(summary.Succeeded, string.Join("\n", summary.Errors));
        string written = File.ReadAllText(P("out/labels.csv"));
        Assert.Equal(
            "path,label,weight\n" +
            "images/im0.png,cat,1.5\nimages/im0_aug0.png,cat,1.5\n" +
            "images/im1.png,dog,\"2,0\"\nimages/im1_aug0.png,dog,\"2,0\"\n" +
            "images/im2.png,cat,1\nimages/im2_aug0.png,cat,1\n" +
            "images/im3.png,dog,0.5\nimages/im3_aug0.png,dog,0.5\n", written.Replace("\r\n", "\n"));
        // Originals in their own format are copied byte for byte.
        Assert.Equal(File.ReadAllBytes(P("in/images/im2.png")), File.ReadAllBytes(P("out/images/im2.png")));
    }

    [Fact]
    public void Splits_keep_an_image_and_its_copies_together_and_depend_on_the_key_alone()
    {
        WriteClassFolders(P("in"));
        var splits = DatasetSplit.Parse("train=0.6,val=0.4");
        new DatasetGenerator(Options() with { Splits = splits }).Run(P("in"), P("a"));
        new DatasetGenerator(Options() with { Splits = splits, Seed = 99 }).Run(P("in"), P("b"));
        var a = Manifest(P("a"));
        Assert.All(a, r => Assert.StartsWith(r.Split + "/", r.Output));
        Assert.All(a.GroupBy(r => r.Source), g => Assert.Single(g.Select(r => r.Split).Distinct()));
        Assert.Equal(a.Select(r => (r.Source, r.Split)).Distinct(), Manifest(P("b")).Select(r => (r.Source, r.Split)).Distinct());
        Assert.Equal(2, a.Select(r => r.Split).Distinct().Count());
        foreach (var r in a) Assert.Equal(DatasetSplit.Choose(splits, r.Source), r.Split);
    }

    [Fact]
    public void Per_class_tops_each_class_up_to_n_deterministically()
    {
        WriteClassFolders(P("in"));
        var options = Options() with { PerClass = 5, IncludeOriginals = true };
        var summary = new DatasetGenerator(options).Run(P("in"), P("a"));
        Assert.Equal(5, summary.Counts!.PerClass["cats"]);
        Assert.Equal(5, summary.Counts.PerClass["dogs"]);
        Assert.Equal(5, summary.Counts.Originals);
        new DatasetGenerator(options with { MaxDegreeOfParallelism = 1 }).Run(P("in"), P("b"));
        Assert.Equal(File.ReadAllText(P("a/manifest.jsonl")), File.ReadAllText(P("b/manifest.jsonl")));

        var without = new DatasetGenerator(Options() with { PerClass = 7 }).Run(P("in"), P("c"));
        Assert.Equal(7, without.Counts!.PerClass["cats"]);
        Assert.Equal(7, without.Counts.PerClass["dogs"]);
        // 7 over 3 cats: copies 3, 2, 2 in some order.
        Assert.Equal([2, 2, 3], Manifest(P("c")).Where(r => r.Label == "cats").GroupBy(r => r.Source).Select(g => g.Count()).Order());
    }

    [Fact]
    public void Bad_inputs_are_reported_skipped_and_the_run_goes_on()
    {
        string csv = WriteCsv(P("in"), "images/missing.png,cat,1\n../../escape.png,cat,1\nimages/im0.png,../../x,1\nimages/bad.png,cat\n/etc/passwd,cat,1\nimages/corrupt.png,dog,1\n");
        File.WriteAllText(P("in/images/corrupt.png"), "not a png");
        var summary = new DatasetGenerator(Options(copies: 1)).Run(csv, P("out"));
        Assert.True(summary.Completed);
        Assert.False(summary.Succeeded);
        var errors = File.ReadAllLines(P("out/errors.jsonl")).Select(GenerationError.Parse).ToArray();
        Assert.Equal(6, errors.Length);
        Assert.Contains(errors, e => e.File.EndsWith("missing.png") && e.Reason == "file not found");
        Assert.Contains(errors, e => e.File.EndsWith("corrupt.png"));
        Assert.Contains(errors, e => e.Reason.Contains("../../escape.png leaves the data set's folder"));
        Assert.Contains(errors, e => e.Reason.Contains("the label ../../x would leave the output folder"));
        Assert.Contains(errors, e => e.Reason.Contains("it has 2 fields, the header has 3"));
        Assert.Contains(errors, e => e.Reason.Contains("/etc/passwd is outside the data set's folder"));
        Assert.Equal(4, Manifest(P("out")).Length);
        Assert.False(File.Exists(Path.Combine(_dir, "..", "escape_aug0.png")));
    }

    [Fact]
    public void Fail_fast_stops_at_the_first_bad_input_and_the_run_can_be_resumed()
    {
        WriteClassFolders(P("in"));
        File.WriteAllText(P("in/cats/0bad.png"), "broken");
        var stopped = new DatasetGenerator(Options() with { FailFast = true, MaxDegreeOfParallelism = 1 }).Run(P("in"), P("out"));
        Assert.False(stopped.Completed);
        Assert.Single(stopped.Errors);
        Assert.True(Directory.Exists(P("out/.augsharp-run")));
        File.Delete(P("in/cats/0bad.png"));
        var resumed = new DatasetGenerator(Options()).Run(P("in"), P("out"));
        Assert.True(resumed.Succeeded);
        new DatasetGenerator(Options()).Run(P("in"), P("fresh"));
        AssertSameFiles(ComparableFiles(P("fresh")), ComparableFiles(P("out")));
    }

    [Fact]
    public void A_resumed_run_skips_finished_outputs_and_ends_with_the_files_of_a_single_run()
    {
        WriteClassFolders(P("in"));
        new DatasetGenerator(Options()).Run(P("in"), P("single"));

        // Cancel after a few outputs: the outputs written so far are complete and journalled.
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress(p => { if (p.Done >= 3) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => new DatasetGenerator(Options(jobs: 1)).Run(P("in"), P("out"), progress, cancel.Token));
        Assert.True(File.Exists(P("out/.augsharp-run/journal.jsonl")));
        var resumed = new DatasetGenerator(Options()).Run(P("in"), P("out"));
        Assert.True(resumed.Resumed >= 3);
        Assert.Equal(10, resumed.Resumed + resumed.Written);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("out")));

        // Started again once finished: nothing to do, the same files.
        var again = new DatasetGenerator(Options()).Run(P("in"), P("out"));
        Assert.Equal(0, again.Written);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("out")));
    }

    [Fact]
    public void Two_shards_merged_are_the_single_run_byte_for_byte()
    {
        WriteClassFolders(P("in"));
        var options = Options() with { Splits = DatasetSplit.Parse("train=0.5,val=0.5"), IncludeOriginals = true };
        new DatasetGenerator(options).Run(P("in"), P("single"));
        var s0 = new DatasetGenerator(options with { Shard = new DatasetShard(0, 2) }).Run(P("in"), P("s0"));
        var s1 = new DatasetGenerator(options with { Shard = new DatasetShard(1, 2) }).Run(P("in"), P("s1"));
        Assert.True(s0.Planned > 0 && s1.Planned > 0);
        Assert.Equal(15, s0.Planned + s1.Planned);
        DatasetMerger.Merge(P("merged"), [P("s1"), P("s0")]);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("merged")));
    }

    [Fact]
    public void Csv_shards_merge_into_the_single_csv()
    {
        string csv = WriteCsv(P("in"), "../up.png,cat,1\n");
        var options = Options() with { Splits = DatasetSplit.Parse("train=0.7,val=0.3") };
        new DatasetGenerator(options).Run(csv, P("single"));
        new DatasetGenerator(options with { Shard = new DatasetShard(0, 2) }).Run(csv, P("s0"));
        new DatasetGenerator(options with { Shard = new DatasetShard(1, 2) }).Run(csv, P("s1"));
        DatasetMerger.Merge(P("merged"), [P("s0"), P("s1")]);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("merged")));
        Assert.Single(File.ReadAllLines(P("merged/errors.jsonl")));
    }

    [Fact]
    public void The_output_folder_is_checked_before_any_work()
    {
        WriteClassFolders(P("in"));
        Directory.CreateDirectory(P("other"));
        File.WriteAllText(P("other/notes.txt"), "mine");
        Assert.Throws<AugmentOutputConflictException>(() => new DatasetGenerator(Options()).Run(P("in"), P("other")));
        Assert.True(new DatasetGenerator(Options() with { Force = true }).Run(P("in"), P("other")).Succeeded);
        Assert.Equal("mine", File.ReadAllText(P("other/notes.txt")));

        Assert.Throws<AugmentOutputConflictException>(() => new DatasetGenerator(Options()).Run(P("in"), P("in")));
        Assert.Throws<AugmentOutputConflictException>(() => new DatasetGenerator(Options()).Run(P("in/cats"), P("in")));

        // Another seed into a finished run's folder: refused, unless --overwrite.
        new DatasetGenerator(Options()).Run(P("in"), P("out"));
        var e = Assert.Throws<AugmentOutputConflictException>(() => new DatasetGenerator(Options() with { Seed = 8 }).Run(P("in"), P("out")));
        Assert.Contains("seed", e.Message);
        new DatasetGenerator(Options(copies: 1) with { Seed = 8, Overwrite = true }).Run(P("in"), P("out"));
        Assert.False(File.Exists(P("out/cats/a_aug1.png")));
        Assert.Equal(5, Manifest(P("out")).Length);

        // An output folder inside the input is not read back as input.
        var inside = new DatasetGenerator(Options(copies: 1)).Run(P("in"), P("in/generated"));
        Assert.Equal(5, inside.Written);
        Assert.Equal(5, new DatasetGenerator(Options(copies: 1)).Run(P("in"), P("in/generated")).Resumed);
    }

    [Fact]
    public void An_input_whose_output_another_input_writes_is_reported_and_the_first_one_kept()
    {
        WritePhoto(P("in/c/a.png"), 0);
        WritePhoto(P("in/c/a.jpg"), 1);
        WritePhoto(P("in/c/b.png"), 2);
        var summary = new DatasetGenerator(Options(copies: 1) with { OutputFormat = ImageFormat.Jpeg }).Run(P("in"), P("out"));
        var error = Assert.Single(summary.Errors);
        Assert.Equal(P("in/c/a.png"), error.File);
        Assert.Contains("c/a_aug0.jpg would also be written for another input", error.Reason);
        Assert.Equal(["c/a.jpg", "c/b.png"], Manifest(P("out")).Select(r => r.Source));
    }

    [Fact]
    public void Two_runs_never_write_into_one_folder_at_the_same_time()
    {
        WriteClassFolders(P("in"));
        Directory.CreateDirectory(P("out/.augsharp-run"));
        using (new FileStream(P("out/.augsharp-run/lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var e = Assert.Throws<IOException>(() => new DatasetGenerator(Options()).Run(P("in"), P("out")));
            Assert.StartsWith($"another run is writing into {P("out")}", e.Message);
        }
        // The lock of a run that ended (or was killed) is free: the run goes ahead.
        Assert.True(new DatasetGenerator(Options()).Run(P("in"), P("out")).Succeeded);
        Assert.False(Directory.Exists(P("out/.augsharp-run")));
    }

    [Fact]
    public void A_file_as_output_folder_is_one_clear_error()
    {
        WriteClassFolders(P("in"));
        File.WriteAllText(P("file"), "x");
        var e = Assert.Throws<IOException>(() => new DatasetGenerator(Options()).Run(P("in"), P("file")));
        Assert.Contains("is a file", e.Message);
        e = Assert.Throws<IOException>(() => new DatasetGenerator(Options()).Run(P("in"), P("file/out")));
        Assert.StartsWith($"cannot create the output folder {P("file/out")}", e.Message);
        Assert.Empty(Directory.GetFiles(_dir, "*aug*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("0/2", 0, 2)]
    [InlineData("3/4", 3, 4)]
    public void Shards_parse(string text, int index, int count) => Assert.Equal(new DatasetShard(index, count), DatasetShard.Parse(text));

    [Fact]
    public void Shards_come_from_kubernetes_or_slurm()
    {
        Assert.Equal(new DatasetShard(2, 4), DatasetShard.FromEnvironment(n => n switch { "JOB_COMPLETION_INDEX" => "2", DatasetShard.CountVariable => "4", _ => null }));
        Assert.Equal(new DatasetShard(1, 3), DatasetShard.FromEnvironment(n => n == "JOB_COMPLETION_INDEX" ? "1" : null, 3));
        Assert.Equal(new DatasetShard(1, 3), DatasetShard.FromEnvironment(n => n switch { "SLURM_ARRAY_TASK_ID" => "2", "SLURM_ARRAY_TASK_MIN" => "1", "SLURM_ARRAY_TASK_COUNT" => "3", _ => null }));
        Assert.Throws<FormatException>(() => DatasetShard.FromEnvironment(_ => null));
        Assert.Throws<FormatException>(() => DatasetShard.FromEnvironment(n => n == "JOB_COMPLETION_INDEX" ? "1" : null));
        Assert.Throws<FormatException>(() => DatasetShard.Parse("2/2"));
        var items = Enumerable.Range(0, 200).Select(i => $"c/{i}.png").ToArray();
        var shards = Enumerable.Range(0, 3).Select(i => new DatasetShard(i, 3)).ToArray();
        Assert.All(items, key => Assert.Single(shards, s => s.Contains(key)));
    }

    [Fact]
    public void Splits_parse_and_refuse_bad_names()
    {
        var splits = DatasetSplit.Parse("train=8,val=2");
        Assert.Equal([new DatasetSplit("train", 0.8), new DatasetSplit("val", 0.2)], splits);
        Assert.Throws<FormatException>(() => DatasetSplit.Parse("../x=1"));
        Assert.Throws<FormatException>(() => DatasetSplit.Parse("train=0"));
        Assert.Throws<FormatException>(() => DatasetSplit.Parse("train"));
    }

    private sealed class SyncProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }
}

public sealed class CocoLayoutGenerationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-generate-coco-" + Guid.NewGuid().ToString("N")[..8]);

    public CocoLayoutGenerationTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    private string WriteCoco()
    {
        for (int i = 0; i < 3; i++) WritePhoto(P($"in/images/{i}.png"), i);
        int h0 = ImageCodec.Identify(P("in/images/0.png")).Height;
        string json = P("in/instances.json");
        File.WriteAllText(json, $$"""
            {"images": [
              {"id": 10, "file_name": "images/0.png", "width": 64, "height": {{h0}}},
              {"id": 11, "file_name": "images/1.png", "width": 64, "height": 48},
              {"id": 12, "file_name": "images/2.png", "width": 64, "height": 42},
              {"id": 13, "file_name": "../outside.png", "width": 64, "height": 42}],
             "annotations": [
              {"id": 1, "image_id": 10, "category_id": 3, "bbox": [4, 6, 20, 10], "iscrowd": 0},
              {"id": 2, "image_id": 10, "category_id": 5, "bbox": [30, 20, 10, 8], "iscrowd": 0},
              {"id": 3, "image_id": 12, "category_id": 3, "bbox": [10, 10, 30, 20], "iscrowd": 0}],
             "categories": [{"id": 3, "name": "rocket"}, {"id": 5, "name": "cat"}]}
            """);
        return json;
    }

    [Fact]
    public void Coco_is_written_back_with_the_boxes_moved_with_the_pixels()
    {
        string json = WriteCoco();
        var flip = (Compose)PipelineFile.Parse("transforms:\n  - HorizontalFlip: {p: 1}\n", "flip.yaml");
        var summary = new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = flip, MaxDegreeOfParallelism = 2, IncludeOriginals = true }).Run(json, P("out"));
        Assert.True(summary.Completed);
        Assert.Single(summary.Errors); // ../outside.png
        var coco = CocoDataset.Load(P("out/instances.json"));
        Assert.Equal(["images/0.png", "images/0_aug0.png", "images/1.png", "images/1_aug0.png", "images/2.png", "images/2_aug0.png"], coco.Images.Select(i => i.FileName));
        Assert.Equal(["rocket", "cat"], coco.Categories.Select(c => c.Name));
        var flipped = coco.Images.Single(i => i.FileName == "images/0_aug0.png");
        var boxes = coco.Objects.Where(o => o.ImageId == flipped.Id).Select(o => (o.CategoryId, o.Box.ToArray())).ToArray();
        Assert.Equal(2, boxes.Length);
        Assert.Equal(3L, boxes[0].CategoryId);
        Assert.Equal([64 - 4 - 20, 6, 20, 10], boxes[0].Item2);
        Assert.Equal(5L, boxes[1].CategoryId);
        Assert.Equal([64 - 30 - 10, 20, 10, 8], boxes[1].Item2);
        var original = coco.Images.Single(i => i.FileName == "images/0.png");
        Assert.Equal([4.0, 6, 20, 10], coco.Objects.First(o => o.ImageId == original.Id).Box);
        long unannotated = coco.Images.Single(i => i.FileName == "images/1_aug0.png").Id;
        Assert.DoesNotContain(coco.Objects, o => o.ImageId == unannotated);
    }

    [Fact]
    public void Coco_shards_merge_into_the_single_run()
    {
        string json = WriteCoco();
        var options = new DatasetGeneratorOptions { Pipeline = Pipeline(), Copies = 2, Seed = 4, Splits = DatasetSplit.Parse("train=0.5,val=0.5") };
        new DatasetGenerator(options).Run(json, P("single"));
        new DatasetGenerator(options with { Shard = new DatasetShard(0, 2) }).Run(json, P("s0"));
        new DatasetGenerator(options with { Shard = new DatasetShard(1, 2) }).Run(json, P("s1"));
        DatasetMerger.Merge(P("merged"), [P("s0"), P("s1")]);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("merged")));
    }
}

/// <summary>A layout plugged in from outside: class folders with a text file beside each image, as YOLO or VOC layouts do.</summary>
public sealed class PluggedLayoutGenerationTests : IDisposable
{
    private static readonly Lazy<DatasetLayout> Sidecar = new(() =>
    {
        var layout = new DatasetLayout("test-sidecar", "class folders with a size file beside each image", _ => false, () => new ClassFolderLayout.Reader(), _ => new SidecarWriter());
        DatasetLayouts.Register(layout, first: false);
        return layout;
    });

    private sealed class SidecarWriter : DatasetWriter
    {
        public override IReadOnlyList<(string RelativePath, byte[] Content)> ItemFiles(DatasetItem item, AnnotatedImage output, GenerationRecord record)
            => [(Path.ChangeExtension(record.Output, ".txt"), System.Text.Encoding.UTF8.GetBytes($"{output.Image.Width}x{output.Image.Height} {record.Copy}"))];
    }

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-generate-plug-" + Guid.NewGuid().ToString("N")[..8]);

    public PluggedLayoutGenerationTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    [Fact]
    public void A_registered_layout_writes_its_files_beside_each_image_and_merges()
    {
        WriteClassFolders(P("in"));
        var options = new DatasetGeneratorOptions { Pipeline = Pipeline(), Layout = Sidecar.Value.Name, Seed = 2, IncludeOriginals = true };
        new DatasetGenerator(options).Run(P("in"), P("single"));
        int height = ImageCodec.Identify(P("in/cats/a.png")).Height;
        Assert.Equal($"64x{height} 0", File.ReadAllText(P("single/cats/a_aug0.txt")));
        Assert.Equal($"64x{height} ", File.ReadAllText(P("single/cats/a.txt")));
        var record = File.ReadLines(P("single/manifest.jsonl")).Select(GenerationRecord.Parse).First();
        Assert.Equal(["cats/a.txt"], record.Files);

        // A deleted side file makes its output count as not done: it is written again on resume.
        File.Delete(P("single/dogs/e_aug0.txt"));
        Assert.Equal(1, new DatasetGenerator(options).Run(P("in"), P("single")).Written);

        new DatasetGenerator(options with { Shard = new DatasetShard(0, 2) }).Run(P("in"), P("s0"));
        new DatasetGenerator(options with { Shard = new DatasetShard(1, 2) }).Run(P("in"), P("s1"));
        DatasetMerger.Merge(P("merged"), [P("s0"), P("s1")]);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("merged")));
    }
}

/// <summary>The stages are joined by bounded channels: decoding never runs far ahead of writing.</summary>
public sealed class BoundedGenerationTests : IDisposable
{
    private static int _loaded;

    private static readonly Lazy<DatasetLayout> Counting = new(() =>
    {
        var layout = new DatasetLayout("test-counting", "class folders, counting the images decoded", _ => false, () => new CountingReader(), _ => new ClassFolderLayout.Writer());
        DatasetLayouts.Register(layout, first: false);
        return layout;
    });

    private sealed class CountingReader : DatasetReader
    {
        private readonly ClassFolderLayout.Reader _inner = new();

        public override DatasetScan Scan(string input, string? excludedFolder) => _inner.Scan(input, excludedFolder);

        public override AnnotatedImage Load(DatasetItem item, ReadOnlyMemory<byte> encoded, ImageReadOptions? options)
        {
            Interlocked.Increment(ref _loaded);
            return base.Load(item, encoded, options);
        }
    }

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-generate-bounded-" + Guid.NewGuid().ToString("N")[..8]);

    public BoundedGenerationTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void Images_decoded_but_not_written_stay_within_the_channels_capacity()
    {
        const int items = 150, jobs = 2;
        for (int i = 0; i < items; i++)
        {
            using var image = new ImageBuffer<byte>(16, 12, 3);
            image.GetRow(0)[0] = (byte)i;
            string path = Path.Combine(_dir, "in", $"c{i % 3}", $"{i:000}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            ImageCodec.Write(image, path);
        }
        _loaded = 0;
        int ahead = 0;
        var progress = new MaxAhead(() => Volatile.Read(ref _loaded), v => ahead = Math.Max(ahead, v));
        var summary = new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = Pipeline(), Layout = Counting.Value.Name, MaxDegreeOfParallelism = jobs })
            .Run(Path.Combine(_dir, "in"), Path.Combine(_dir, "out"), progress);
        Assert.Equal(items, summary.Written);
        Assert.Equal(items, _loaded);
        // Workers (2) + the encoded channel (4) + the writers (2), with a little slack for the counters' timing.
        Assert.InRange(ahead, 1, 3 * jobs + 4 + 2);
    }

    private sealed class MaxAhead(Func<int> loaded, Action<int> record) : IProgress<GenerationProgress>
    {
        private readonly Lock _lock = new();

        public void Report(GenerationProgress value)
        {
            lock (_lock) record(loaded() - value.Done);
        }
    }
}

public sealed class MaskFolderGenerationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-generate-masks-" + Guid.NewGuid().ToString("N")[..8]);

    public MaskFolderGenerationTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    private void WriteMaskData()
    {
        string[] names = ["a.png", "b.jpg", "sub/c.png", "d.png"];
        for (int i = 0; i < names.Length; i++)
        {
            string image = P("in/images/" + names[i]);
            WritePhoto(image, i);
            if (i == 3) continue; // d has no mask
            var info = ImageCodec.Identify(image);
            using var mask = new ImageBuffer<byte>(info.Width, info.Height, 1);
            for (int y = 5; y < 20; y++)
                for (int x = 3 + i; x < 30; x++) mask[y, x, 0] = (byte)(1 + i);
            string maskPath = P("in/masks/" + Path.ChangeExtension(names[i], ".png"));
            Directory.CreateDirectory(Path.GetDirectoryName(maskPath)!);
            ImageCodec.Write(mask, maskPath);
        }
    }

    [Fact]
    public void Masks_are_moved_with_the_pixels_and_written_beside_the_images()
    {
        WriteMaskData();
        var flip = (Compose)PipelineFile.Parse("transforms:\n  - HorizontalFlip: {p: 1}\n", "flip.yaml");
        var summary = new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = flip }).Run(P("in"), P("out"));
        Assert.StartsWith("the image has no mask: no masks/d.", Assert.Single(summary.Errors).Reason);
        Assert.Equal(["images/a_aug0.png", "images/b_aug0.jpg", "images/sub/c_aug0.png", "masks/a_aug0.png", "masks/b_aug0.png", "masks/sub/c_aug0.png"],
            Files(P("out"), f => f.StartsWith("images/") || f.StartsWith("masks/")).Keys);
        using var input = (ImageBuffer<byte>)ImageCodec.Read(P("in/masks/sub/c.png"));
        using var output = (ImageBuffer<byte>)ImageCodec.Read(P("out/masks/sub/c_aug0.png"));
        Assert.Equal((input.Width, input.Height), (output.Width, output.Height));
        for (int y = 0; y < input.Height; y++)
            for (int x = 0; x < input.Width; x++) Assert.Equal(input[y, input.Width - 1 - x, 0], output[y, x, 0]);
    }

    [Fact]
    public void Mask_shards_merge_into_the_single_run()
    {
        WriteMaskData();
        var options = new DatasetGeneratorOptions { Pipeline = Pipeline(), Copies = 2, Seed = 9, Splits = DatasetSplit.Parse("train=0.5,val=0.5") };
        new DatasetGenerator(options).Run(P("in"), P("single"));
        Assert.Equal("masks", DatasetLayouts.Resolve(null, P("in")).Name);
        new DatasetGenerator(options with { Shard = new DatasetShard(0, 2) }).Run(P("in"), P("s0"));
        new DatasetGenerator(options with { Shard = new DatasetShard(1, 2) }).Run(P("in"), P("s1"));
        DatasetMerger.Merge(P("merged"), [P("s0"), P("s1")]);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("merged")));
        Assert.Equal(6, Files(P("single"), f => f.Contains("/masks/")).Count);
    }
}

public sealed class YoloGenerationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-generate-yolo-" + Guid.NewGuid().ToString("N")[..8]);

    public YoloGenerationTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    private void WriteYolo()
    {
        WritePhoto(P("in/images/a.png"), 0);
        WritePhoto(P("in/images/b.jpg"), 1);
        WritePhoto(P("in/images/c.png"), 2);
        WritePhoto(P("in/images/d.png"), 3);
        Directory.CreateDirectory(P("in/labels"));
        File.WriteAllText(P("in/labels/a.txt"), "0 0.25 0.5 0.25 0.5\n1 0.75 0.25 0.125 0.25\n");
        File.WriteAllText(P("in/labels/c.txt"), "0 0.5 0.5 0.2\n");
        File.WriteAllText(P("in/labels/d.txt"), "1 0.9 0.5 0.5 0.5\n");
        File.WriteAllText(P("in/data.yaml"), "path: .\ntrain: images\nval: images\nnames:\n  0: rocket\n  1: \"cat: grey\"\n");
    }

    [Fact]
    public void Yolo_boxes_are_moved_with_the_pixels_and_bad_labels_reported()
    {
        WriteYolo();
        var flip = (Compose)PipelineFile.Parse("transforms:\n  - HorizontalFlip: {p: 1}\n", "flip.yaml");
        var summary = new DatasetGenerator(new DatasetGeneratorOptions { Pipeline = flip }).Run(P("in"), P("out"));
        Assert.Equal(2, summary.Errors.Count);
        Assert.Contains(summary.Errors, e => e.File.EndsWith("c.txt:1", StringComparison.Ordinal) && e.Reason.Contains("a line is class cx cy w h"));
        Assert.Contains(summary.Errors, e => e.File.EndsWith("d.txt:1", StringComparison.Ordinal) && e.Reason.Contains("the box leaves the image"));
        Assert.Equal("0 0.75 0.5 0.25 0.5\n1 0.25 0.25 0.125 0.25\n", File.ReadAllText(P("out/labels/a_aug0.txt")));
        Assert.Equal("", File.ReadAllText(P("out/labels/b_aug0.txt")));
        // data.yaml keeps the class names, a name with a colon too.
        var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(P("out/data.yaml")));
        var names = yaml["names"] switch
        {
            List<object> list => list.Select(o => o.ToString()).ToList(),
            Dictionary<object, object> map => map.OrderBy(kv => int.Parse(kv.Key.ToString()!, System.Globalization.CultureInfo.InvariantCulture)).Select(kv => kv.Value.ToString()).ToList(),
            _ => [],
        };
        Assert.Equal(["rocket", "cat: grey"], names);
        Assert.Equal(["images/a_aug0.png", "images/b_aug0.jpg"], File.ReadAllLines(P("out/manifest.jsonl")).Select(l => GenerationRecord.Parse(l).Output));
    }

    [Fact]
    public void Yolo_shards_merge_into_the_single_run()
    {
        WriteYolo();
        File.WriteAllText(P("in/labels/c.txt"), "1 0.5 0.5 0.2 0.2\n");
        var options = new DatasetGeneratorOptions { Pipeline = Pipeline(), Copies = 2, Seed = 3, Splits = DatasetSplit.Parse("train=0.5,val=0.5") };
        new DatasetGenerator(options).Run(P("in"), P("single"));
        Assert.Equal("yolo", DatasetLayouts.Resolve(null, P("in")).Name);
        new DatasetGenerator(options with { Shard = new DatasetShard(0, 2) }).Run(P("in"), P("s0"));
        new DatasetGenerator(options with { Shard = new DatasetShard(1, 2) }).Run(P("in"), P("s1"));
        DatasetMerger.Merge(P("merged"), [P("s0"), P("s1")]);
        AssertSameFiles(ComparableFiles(P("single")), ComparableFiles(P("merged")));
        Assert.Equal(6, Files(P("single"), f => f.Contains("/labels/")).Count);
    }
}
