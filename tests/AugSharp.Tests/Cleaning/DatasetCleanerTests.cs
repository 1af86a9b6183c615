using System.Text.Json;
using AugSharp.Cleaning;
using Xunit.Abstractions;

namespace AugSharp.Tests.Cleaning;

/// <summary>A constructed data set: good photos and ordinary augmentations, and one of each bad kind.</summary>
public sealed class CleanDataset : IDisposable
{
    public string Root { get; }

    /// <summary>The files a person rejects, with the check that must name them.</summary>
    public Dictionary<string, CleanCheck> Bad { get; } = new(StringComparer.Ordinal);

    /// <summary>Files that must be kept.</summary>
    public List<string> Good { get; } = [];

    public CleanDataset()
    {
        Root = Path.Combine(Path.GetTempPath(), "augsharp-clean-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "a"));
        Directory.CreateDirectory(Path.Combine(Root, "b"));
        int n = 0;
        foreach (string name in ImageChecksTests.Photos)
        {
            string folder = n++ % 2 == 0 ? "a" : "b";
            string stem = Path.GetFileNameWithoutExtension(name);
            using var photo = ImageChecksTests.Read(name);
            Save(photo, $"{folder}/{stem}.png", good: true);
            for (int copy = 0; copy < 2; copy++)
            {
                using var augmented = ImageChecksTests.Ordinary().Apply(new AnnotatedImage(photo), 9, RandomStream.ItemKey(name), copy).Image;
                Save(augmented, $"{folder}/{stem}_aug{copy}.jpg", good: true);
            }
        }
        using var rocket = ImageChecksTests.Read("rocket.jpg");
        using (var fill = new Compose([ImageChecksTests.MostlyFill()]).Apply(new AnnotatedImage(rocket), 1).Image) Save(fill, "a/rocket_fill.png", CleanCheck.Fill);
        using (var black = new ImageBuffer<byte>(rocket.Width, rocket.Height, 3)) Save(black, "b/black.png", CleanCheck.Information);
        using (var blurred = new Compose([new GaussianBlur { SigmaLimit = [3, 3], BlurLimit = [0, 0], P = 1 }]).Apply(new AnnotatedImage(rocket), 1).Image)
            Save(blurred, "a/rocket_blurred.jpg", CleanCheck.Blur);
        // An exact copy of a kept image, and a near one (re-encoded, 2 levels brighter), in the other folder: the copies go, the first in path order stays.
        File.Copy(Path.Combine(Root, "b/coffee.png"), Path.Combine(Root, "b/zz_coffee_copy.png"));
        Bad["b/zz_coffee_copy.png"] = CleanCheck.Duplicate;
        using (var coffee = ImageChecksTests.Read("coffee.png"))
        {
            var s = coffee.GetSpan();
            for (int i = 0; i < s.Length; i++) s[i] = (byte)Math.Min(255, s[i] + 2);
            Save(coffee, "b/zz_coffee_near.jpg", CleanCheck.Duplicate);
        }
        File.WriteAllBytes(Path.Combine(Root, "b/broken.jpg"), [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        Bad["b/broken.jpg"] = CleanCheck.Corrupt;
        // A label file goes with its image.
        File.WriteAllText(Path.Combine(Root, "a/rocket_fill.txt"), "0 0.5 0.5 0.2 0.2\n");
    }

    private void Save(ImageBuffer image, string relative, bool good) { ImageCodec.Write(image, Path.Combine(Root, relative)); Good.Add(relative); }

    private void Save(ImageBuffer image, string relative, CleanCheck check) { ImageCodec.Write(image, Path.Combine(Root, relative)); Bad[relative] = check; }

    /// <summary>Every file under the root, relative, sorted, with its bytes' hash.</summary>
    public static SortedDictionary<string, string> Snapshot(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (string dir in new[] { Root, Root + "-clean-report", Root + "-quarantine" })
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}

public class DatasetCleanerTests(ITestOutputHelper output)
{
    [Fact]
    public void TheReportNamesEveryBadImageWithItsReasonAndChangesNothing()
    {
        using var set = new CleanDataset();
        var before = CleanDataset.Snapshot(set.Root);
        var summary = DatasetCleaner.Run(set.Root, new CleanOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(before, CleanDataset.Snapshot(set.Root));
        foreach (var image in summary.Images)
            output.WriteLine($"{image.Path,-28} {(image.Rejected ? "REJECT " + string.Join("; ", image.Reasons.Select(r => r.Text)) : "keep")}");

        var rejected = summary.Images.Where(i => i.Rejected).ToDictionary(i => i.Path, i => i.Reasons);
        Assert.Equal(set.Bad.Keys.Order(StringComparer.Ordinal), rejected.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, check) in set.Bad) Assert.Contains(rejected[path], r => r.Check == check);
        Assert.Equal("b/coffee.png", summary.Images.Single(i => i.Path == "b/zz_coffee_copy.png").DuplicateOf);
        // The blurred copy of rocket.png comes first in path order, but the sharp original is the one kept.
        Assert.Equal("b/rocket.png", summary.Images.Single(i => i.Path == "a/rocket_blurred.jpg").DuplicateOf);
        Assert.Equal(set.Good.Count + set.Bad.Count, summary.Images.Count);

        // report.json holds the same numbers; report.html every rejected image with its reason, and the histograms.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(summary.ReportDirectory, "report.json")));
        Assert.Equal(set.Bad.Count, json.RootElement.GetProperty("rejected").GetInt32());
        Assert.Equal(0.5, json.RootElement.GetProperty("thresholds").GetProperty("max_fill").GetDouble());
        var fill = json.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "a/rocket_fill.png");
        Assert.Equal("fill", fill.GetProperty("reasons")[0].GetProperty("check").GetString());
        string html = File.ReadAllText(Path.Combine(summary.ReportDirectory, "report.html"));
        foreach (string path in set.Bad.Keys) Assert.Contains(path, html);
        Assert.Contains("data:image/jpeg;base64,", html);
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Matches(html, "<svg ").Count);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void MovedFilesKeepTheirPathsAndLabelsAndMovingThemBackRestoresTheSet()
    {
        using var set = new CleanDataset();
        var before = CleanDataset.Snapshot(set.Root);
        string quarantine = set.Root + "-quarantine";
        var summary = DatasetCleaner.Run(set.Root, new CleanOptions { MoveTo = quarantine });
        Assert.Contains("a/rocket_fill.txt", summary.Moved);
        var left = CleanDataset.Snapshot(set.Root);
        var moved = CleanDataset.Snapshot(quarantine);
        Assert.Equal(set.Good.Order(StringComparer.Ordinal), left.Keys);
        Assert.Equal(set.Bad.Keys.Append("a/rocket_fill.txt").Order(StringComparer.Ordinal), moved.Keys);
        // A second run finds nothing more to reject.
        Assert.Equal(0, DatasetCleaner.Run(set.Root).Rejected);
        foreach (string relative in moved.Keys) File.Move(Path.Combine(quarantine, relative), Path.Combine(set.Root, relative));
        Assert.Equal(before, CleanDataset.Snapshot(set.Root));
    }

    [Fact]
    public void DeleteDeletesOnlyTheRejectedAndBothActionsAreRefused()
    {
        using var set = new CleanDataset();
        Assert.Throws<ArgumentException>(() => DatasetCleaner.Run(set.Root, new CleanOptions { Delete = true, MoveTo = set.Root + "-quarantine" }));
        Assert.Throws<ArgumentException>(() => DatasetCleaner.Run(set.Root, new CleanOptions { MoveTo = set.Root }));
        var summary = DatasetCleaner.Run(set.Root, new CleanOptions { Delete = true });
        Assert.Equal(set.Bad.Count + 1, summary.Deleted.Count);
        Assert.Equal(set.Good.Order(StringComparer.Ordinal), CleanDataset.Snapshot(set.Root).Keys);
    }

    [Fact]
    public void AThresholdsFileChangesOnlyWhatItNamesAndABadOneIsNamed()
    {
        string dir = Path.Combine(Path.GetTempPath(), "augsharp-thresholds-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "t.yaml"), "max_fill: 0.25\nmax_duplicate_distance: 6\n");
            var t = CleanThresholds.Load(Path.Combine(dir, "t.yaml"));
            Assert.Equal(new CleanThresholds { MaxFill = 0.25, MaxDuplicateDistance = 6 }, t);
            File.WriteAllText(Path.Combine(dir, "t.json"), "{\"min_entropy\": 2.5}");
            Assert.Equal(2.5, CleanThresholds.Load(Path.Combine(dir, "t.json")).MinEntropy);
            File.WriteAllText(Path.Combine(dir, "bad.yaml"), "max_fil: 0.3\n");
            var e = Assert.Throws<InvalidDataException>(() => CleanThresholds.Load(Path.Combine(dir, "bad.yaml")));
            Assert.Contains("bad.yaml", e.Message);
            Assert.Contains("max_fil", e.Message);
            File.WriteAllText(Path.Combine(dir, "range.yaml"), "max_fill: 1.5\n");
            Assert.Contains("max_fill must be between 0 and 1", Assert.Throws<InvalidDataException>(() => CleanThresholds.Load(Path.Combine(dir, "range.yaml"))).Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheDuplicateIndexFindsThePairsAllPairsFindAtEveryDistance()
    {
        var random = new Random(7);
        var hashes = new List<ulong>();
        for (int i = 0; i < 400; i++)
        {
            ulong h = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
            hashes.Add(h);
            // A few near copies at distances 0 to 12.
            if (i % 10 == 0)
            {
                ulong near = h;
                int flips = random.Next(0, 13);
                for (int f = 0; f < flips; f++) near ^= 1UL << random.Next(64);
                hashes.Add(near);
            }
        }
        foreach (int distance in new[] { 0, 3, 4, 7, 11 })
        {
            var index = new DuplicateIndex(distance);
            foreach (ulong h in hashes) index.Add(h);
            for (int i = 0; i < hashes.Count; i++)
            {
                var expected = Enumerable.Range(0, hashes.Count).Where(j => ImageMetrics.HammingDistance(hashes[i], hashes[j]) <= distance).ToList();
                Assert.Equal(expected, index.Near(hashes[i]));
            }
        }
    }

    [Fact]
    public void MasksOfAMaskLayoutAreNotJudgedAndTheirLabelsInParallelFoldersMoveWithTheirImages()
    {
        string root = Path.Combine(Path.GetTempPath(), "augsharp-clean-layouts-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (string dir in new[] { "images", "masks", "labelTxt", "labels" }) Directory.CreateDirectory(Path.Combine(root, dir));
            using (var photo = ImageChecksTests.Read("coffee.png")) ImageCodec.Write(photo, Path.Combine(root, "images", "a.jpg"));
            using (var black = new ImageBuffer<byte>(120, 90, 3)) ImageCodec.Write(black, Path.Combine(root, "images", "black.jpg"));
            // Masks are near-constant by nature: they are label files, not images to judge.
            using (var mask = new ImageBuffer<byte>(120, 90, 1))
            {
                ImageCodec.Write(mask, Path.Combine(root, "masks", "a.png"));
                ImageCodec.Write(mask, Path.Combine(root, "masks", "black.png"));
            }
            File.WriteAllText(Path.Combine(root, "labelTxt", "black.txt"), "1 1 9 1 9 9 1 9 plane 0\n");
            File.WriteAllText(Path.Combine(root, "labels", "black.txt"), "0 0.5 0.5 0.1 0.1\n");
            var summary = DatasetCleaner.Run(root, new CleanOptions { MoveTo = root + "-quarantine" });
            Assert.Equal(["images/a.jpg", "images/black.jpg"], summary.Images.Select(i => i.Path));
            Assert.Equal(["images/black.jpg", "labelTxt/black.txt", "labels/black.txt", "masks/black.png"], summary.Moved.Order(StringComparer.Ordinal));
            Assert.True(File.Exists(Path.Combine(root, "masks", "a.png")));
        }
        finally
        {
            foreach (string dir in new[] { root, root + "-quarantine", root + "-clean-report" })
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
