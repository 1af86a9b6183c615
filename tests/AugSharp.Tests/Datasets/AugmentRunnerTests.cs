using AugSharp.Datasets;

namespace AugSharp.Tests.Datasets;

public class AugmentRunnerTests
{
    [Theory]
    [InlineData("cat.png", 0, "cat_aug0.png")]
    [InlineData("dogs/rex.jpg", 2, "dogs/rex_aug2.jpg")]
    [InlineData("anim.gif", 1, "anim_aug1.png")]
    public void OutputNamesAreDeterministic(string input, int copy, string expected)
        => Assert.Equal(expected, AugmentRunner.OutputName(input, copy));

    [Fact]
    public void InputsAreImageFilesSortedOrdinally()
    {
        string dir = Path.Combine(Path.GetTempPath(), "augsharp-runner-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "b"));
            foreach (string f in new[] { "b/z.png", "a.JPG", "B.png", "notes.txt", "b/a.webp" }) File.WriteAllText(Path.Combine(dir, f), "");
            Assert.Equal(["B.png", "a.JPG", "b/a.webp", "b/z.png"], AugmentRunner.FindInputs(dir));
            Assert.Throws<FileNotFoundException>(() => AugmentRunner.FindInputs(Path.Combine(dir, "missing")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CopiesMustBePositive()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentRunner(new AugSharp.Keras.ImageDataGenerator(), new AugmentOptions { Copies = 0 }));
}

public class AugmentRunnerFolderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-runner-" + Guid.NewGuid().ToString("N")[..8]);

    public AugmentRunnerFolderTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string P(string relative) => Path.Combine(_dir, relative);

    internal static void WriteImage(string path, int seed = 0, int width = 12, int height = 10)
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

    private static AugmentRunner Runner(int copies = 1, int jobs = 1)
        => new(new AugSharp.Keras.ImageDataGenerator(rotationRange: 30, horizontalFlip: true), new AugmentOptions { Copies = copies, Seed = 3, MaxDegreeOfParallelism = jobs });

    private string[] FilesUnder(string relative)
        => Directory.GetFiles(P(relative), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(P(relative), f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void AnOutputFolderInsideTheInputIsNeverReadBack()
    {
        WriteImage(P("in/a.png"), 0);
        WriteImage(P("in/cats/b.png"), 1);
        var first = Runner(copies: 2).Run(P("in"), P("in/aug"));
        var second = Runner(copies: 2).Run(P("in"), P("in/aug"));
        Assert.Equal(2, first.FilesFound);
        Assert.Equal(2, second.FilesFound);
        Assert.Equal(["a_aug0.png", "a_aug1.png", "cats/b_aug0.png", "cats/b_aug1.png"], FilesUnder("in/aug"));
    }

    [Fact]
    public void AnOutputFolderEqualToTheInputIsRefusedBeforeAnyWrite()
    {
        WriteImage(P("in/a.png"));
        byte[] before = File.ReadAllBytes(P("in/a.png"));
        var e = Assert.ThrowsAny<ArgumentException>(() => Runner().Run(P("in"), P("in/.")));
        Assert.Contains(P("in"), e.Message);
        Assert.Equal(["a.png"], FilesUnder("in"));
        Assert.Equal(before, File.ReadAllBytes(P("in/a.png")));
    }

    [Fact]
    public void TwoInputsWritingTheSameOutputAreRefusedBeforeAnyWrite()
    {
        WriteImage(P("in/x.png"), 0);
        WriteImage(P("in/x.bmp"), 1);
        var runner = new AugmentRunner(new AugSharp.Keras.ImageDataGenerator(), new AugmentOptions { OutputFormat = ImageFormat.Jpeg });
        var e = Assert.ThrowsAny<ArgumentException>(() => runner.Run(P("in"), P("out")));
        Assert.Contains("x_aug0.jpg would be written twice", e.Message);
        Assert.False(Directory.Exists(P("out")));
    }

    [Fact]
    public void ASingleImageCanBeAugmentedIntoItsOwnFolderWithoutTouchingIt()
    {
        WriteImage(P("in/x.png"));
        byte[] before = File.ReadAllBytes(P("in/x.png"));
        Assert.True(Runner(copies: 2).Run(P("in/x.png"), P("in")).Succeeded);
        Assert.Equal(["x.png", "x_aug0.png", "x_aug1.png"], FilesUnder("in"));
        Assert.Equal(before, File.ReadAllBytes(P("in/x.png")));
    }

    [Fact]
    public void AnOutputFolderThatIsALinkToTheInputIsRefused()
    {
        WriteImage(P("in/a.png"));
        Directory.CreateSymbolicLink(P("link"), P("in"));
        Assert.Throws<AugmentOutputConflictException>(() => Runner().Run(P("in"), P("link")));
        Assert.Throws<AugmentOutputConflictException>(() => Runner().Run(P("link"), P("in")));
        Assert.Equal(["a.png"], FilesUnder("in"));
    }

    [Fact]
    public void SymbolicLinkCyclesAreNotFollowed()
    {
        WriteImage(P("in/a.png"));
        WriteImage(P("in/sub/b.png"));
        Directory.CreateSymbolicLink(P("in/sub/loop"), P("in"));
        Assert.Equal(["a.png", "sub/b.png"], AugmentRunner.FindInputs(P("in")));
        var summary = Runner().Run(P("in"), P("out"));
        Assert.True(summary.Succeeded);
        Assert.Equal(["a_aug0.png", "sub/b_aug0.png"], FilesUnder("out"));
    }

    [Fact]
    public void AnOutputPathThatIsAFileIsOneClearErrorBeforeAnyWork()
    {
        WriteImage(P("in/a.png"));
        File.WriteAllText(P("out"), "a file");
        var e = Assert.Throws<IOException>(() => Runner().Run(P("in"), P("out")));
        Assert.Contains(P("out"), e.Message);
        Assert.Contains("is a file", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal("a file", File.ReadAllText(P("out")));
    }

    [Fact]
    public void AnOutputFolderThatCannotBeCreatedIsOneClearError()
    {
        WriteImage(P("in/a.png"));
        File.WriteAllText(P("blocker"), "a file");
        var e = Assert.Throws<IOException>(() => Runner().Run(P("in"), P("blocker/out")));
        Assert.Contains(P("blocker/out"), e.Message);
        Assert.StartsWith("cannot create the output folder", e.Message);
    }

    [Fact]
    public void TemporaryFilesOfAKilledRunAreRemovedByTheNextRun()
    {
        WriteImage(P("in/a.png"));
        Directory.CreateDirectory(P("out/cats"));
        File.WriteAllText(P("out/.a_aug0.png.augsharp-tmp-0123abcd"), "half a file");
        File.WriteAllText(P("out/cats/.b_aug3.jpg.augsharp-tmp-99ff0000"), "half a file");
        File.WriteAllText(P("out/keep.txt"), "not ours");
        var summary = Runner().Run(P("in"), P("out"));
        Assert.True(summary.Succeeded);
        Assert.Equal(["a_aug0.png", "keep.txt"], FilesUnder("out"));
    }

    [Fact]
    public void CancellationStopsTheRunAndLeavesNoTemporaryFile()
    {
        for (int i = 0; i < 6; i++) WriteImage(P($"in/img{i}.png"), i, 64, 48);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.FilesDone == 2) cancel.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => Runner(copies: 3).Run(P("in"), P("out"), progress, cancel.Token));
        var files = FilesUnder("out");
        Assert.DoesNotContain(files, f => f.Contains("augsharp-tmp", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.InRange(files.Length, 6, 17);
        foreach (string f in files) using (ImageCodec.Read(P("out/" + f))) { }
    }

    [Fact]
    public void ProgressGivesTheTotalFirstThenEachFinishedFile()
    {
        for (int i = 0; i < 3; i++) WriteImage(P($"in/img{i}.png"), i);
        var reports = new List<AugmentProgress>();
        Runner().Run(P("in"), P("out"), new SynchronousProgress(reports.Add));
        Assert.Equal([0, 1, 2, 3], reports.Select(r => r.FilesDone));
        Assert.All(reports, r => Assert.Equal(3, r.FilesTotal));
    }

    [Fact]
    public void ResultsDoNotDependOnTheNumberOfJobs()
    {
        for (int i = 0; i < 5; i++) WriteImage(P($"in/img{i}.png"), i, 20, 16);
        Runner(copies: 2, jobs: 1).Run(P("in"), P("one"));
        Runner(copies: 2, jobs: 4).Run(P("in"), P("four"));
        var files = FilesUnder("one");
        Assert.Equal(10, files.Length);
        Assert.Equal(files, FilesUnder("four"));
        foreach (string f in files) Assert.Equal(File.ReadAllBytes(P("one/" + f)), File.ReadAllBytes(P("four/" + f)));
    }

    [Fact]
    public void AFolderThatCannotBeListedIsReportedAndSkipped()
    {
        WriteImage(P("in/a.png"));
        WriteImage(P("in/locked/b.png"));
        WriteImage(P("in/z/c.png"));
        var fileSystem = new LockedFolderFileSystem(P("in/locked"));
        var summary = new AugmentRunner(new AugSharp.Keras.ImageDataGenerator(), new AugmentOptions { MaxDegreeOfParallelism = 1 }, fileSystem).Run(P("in"), P("out"));
        Assert.Equal(2, summary.FilesFound);
        Assert.Equal(2, summary.FilesAugmented);
        Assert.Equal(1, summary.FoldersSkipped);
        var error = Assert.Single(summary.Errors);
        Assert.Equal(P("in/locked"), error.Path);
        Assert.StartsWith("cannot list the folder: ", error.Message);
        Assert.Equal(["a_aug0.png", "z/c_aug0.png"], FilesUnder("out"));
    }

    [Fact]
    public void TheSummaryMatchesTheDiskAfterADiskFullError()
    {
        WriteImage(P("in/a.png"), 0);
        WriteImage(P("in/b.png"), 1);
        var fileSystem = new DiskFullFileSystem(failingWrite: 2);
        var summary = new AugmentRunner(new AugSharp.Keras.ImageDataGenerator(rotationRange: 20), new AugmentOptions { Copies = 3, MaxDegreeOfParallelism = 1 }, fileSystem)
            .Run(P("in"), P("out"));

        string[] onDisk = FilesUnder("out");
        Assert.Equal(["a_aug0.png", "a_aug2.png", "b_aug0.png", "b_aug1.png", "b_aug2.png"], onDisk);
        Assert.Equal(onDisk.Select(f => P("out/" + f)), summary.Outputs);
        Assert.Equal(2, summary.FilesFound);
        Assert.Equal(1, summary.FilesAugmented);
        Assert.Equal(1, summary.CopiesFailed);
        var error = Assert.Single(summary.Errors);
        Assert.Equal(P("in/a.png"), error.Path);
        Assert.Equal(1, error.Copy);
        Assert.Contains("No space left on device", error.Message);
    }

    [Fact]
    public void CancellingDuringAWriteRemovesTheFileBeingWritten()
    {
        WriteImage(P("in/a.png"), 0);
        WriteImage(P("in/b.png"), 1);
        using var cancel = new CancellationTokenSource();
        var fileSystem = new DiskFullFileSystem(failingWrite: int.MaxValue) { OnWrite = n => { if (n == 3) cancel.Cancel(); } };
        var runner = new AugmentRunner(new AugSharp.Keras.ImageDataGenerator(), new AugmentOptions { Copies = 2, MaxDegreeOfParallelism = 1 }, fileSystem);
        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(P("in"), P("out"), cancellationToken: cancel.Token));
        Assert.Equal(["a_aug0.png", "a_aug1.png"], FilesUnder("out"));
    }

    /// <summary>Listing one folder fails, as with a folder whose permissions deny reading (which root ignores).</summary>
    private sealed class LockedFolderFileSystem(string locked) : AugmentFileSystem
    {
        public override IReadOnlyList<FileSystemInfo> ListFolder(string directory)
            => string.Equals(Path.GetFullPath(directory), locked, StringComparison.Ordinal)
                ? throw new UnauthorizedAccessException($"Access to the path '{directory}' is denied.")
                : base.ListFolder(directory);
    }

    /// <summary>Counts the files created (the write probe included); the Nth one fails half-way, as on a full disk.</summary>
    private sealed class DiskFullFileSystem(int failingWrite) : AugmentFileSystem
    {
        private int _writes;

        public Action<int>? OnWrite { get; init; }

        public override Stream CreateNewFile(string path)
        {
            var stream = base.CreateNewFile(path);
            if (path.Contains("write-test", StringComparison.Ordinal)) return stream;
            int n = Interlocked.Increment(ref _writes);
            OnWrite?.Invoke(n);
            return n == failingWrite ? new FullStream(stream) : stream;
        }

        private sealed class FullStream(Stream inner) : Stream
        {
            private long _written;

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => _written;
            public override long Position { get => _written; set => throw new NotSupportedException(); }
            public override void Flush() => inner.Flush();
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count)
            {
                int room = (int)Math.Max(0, 10 - _written);
                inner.Write(buffer, offset, Math.Min(count, room));
                _written += Math.Min(count, room);
                if (count > room) throw new IOException("No space left on device");
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }

    private sealed class SynchronousProgress(Action<AugmentProgress> report) : IProgress<AugmentProgress>
    {
        public void Report(AugmentProgress value) => report(value);
    }
}
