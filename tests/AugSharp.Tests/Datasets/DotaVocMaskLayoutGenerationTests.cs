using System.Globalization;
using System.Xml.Linq;
using AugSharp.Datasets;
using static AugSharp.Tests.Datasets.GenerationTestData;

namespace AugSharp.Tests.Datasets;

/// <summary>Shared set-up of the layout tests: a temporary folder and the options of a run.</summary>
public abstract class LayoutGenerationTestBase : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "augsharp-generate-layout-" + Guid.NewGuid().ToString("N")[..8]);

    protected LayoutGenerationTestBase() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    protected string P(string relative) => Path.Combine(_dir, relative);

    protected static DatasetGeneratorOptions Options(ITransform pipeline, int jobs = 2) => new()
    {
        Pipeline = pipeline,
        Seed = 9,
        MaxDegreeOfParallelism = jobs,
    };

    /// <summary>The same pipeline run with one job and with two gives the same files.</summary>
    protected void AssertJobsIndependent(string input)
    {
        new DatasetGenerator(Options(Pipeline(), jobs: 1) with { Copies = 2 }).Run(input, P("one"));
        new DatasetGenerator(Options(Pipeline(), jobs: 2) with { Copies = 2 }).Run(input, P("two"));
        AssertSameFiles(ComparableFiles(P("one")), ComparableFiles(P("two")));
    }
}

public sealed class DotaLayoutGenerationTests : LayoutGenerationTestBase
{
    private static readonly OrientedBox Ship = new(40, 40, 16, 8, Math.PI / 6, "ship");

    private static string Corners(OrientedBox b)
        => string.Join(' ', OrientedBoxFormats.ToValues(b, OrientedBoxFormat.Xyxyxyxy, 64, 64).Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private void WriteDota(string root)
    {
        WritePhoto(Path.Combine(root, "images/a.png"), 0);
        WritePhoto(Path.Combine(root, "images/b.png"), 5);
        Directory.CreateDirectory(Path.Combine(root, "labelTxt"));
        File.WriteAllText(Path.Combine(root, "labelTxt/a.txt"), $"imagesource:GoogleEarth\ngsd:0.146\n10 10 30 10 30 20 10 20 plane 0\n{Corners(Ship)} ship 1\n");
    }

    [Fact]
    public void Dota_is_written_back_with_the_oriented_boxes_moved_and_the_header_kept()
    {
        WriteDota(P("in"));
        Assert.Equal("dota", DatasetLayouts.Resolve(null, P("in")).Name);
        var summary = new DatasetGenerator(Options(YoloLayoutGenerationTests.Flip()) with { IncludeOriginals = true }).Run(P("in"), P("out"));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));
        var lines = File.ReadAllLines(P("out/labelTxt/a_aug0.txt"));
        Assert.Equal(4, lines.Length);
        Assert.Equal(["imagesource:GoogleEarth", "gsd:0.146", "34 10 54 10 54 20 34 20 plane 0"], lines[..3]);
        var fields = lines[3].Split(' ');
        Assert.Equal(["ship", "1"], fields[8..]);
        var moved = OrientedBoxFormats.FromValues(fields[..8].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray(), OrientedBoxFormat.Xyxyxyxy, 64, 64);
        var expected = new OrientedBox(64 - Ship.CX, Ship.CY, Ship.Width, Ship.Height, -Ship.Angle).Normalized();
        Assert.Equal((expected.CX, expected.CY, expected.Width, expected.Height, expected.Angle), (Math.Round(moved.CX, 3), Math.Round(moved.CY, 3), Math.Round(moved.Width, 3), Math.Round(moved.Height, 3), Math.Round(moved.Angle, 4)),
            new ToleranceComparer());
        Assert.Equal("10 10 30 10 30 20 10 20 plane 0", File.ReadAllLines(P("out/labelTxt/a.txt"))[2]);
        Assert.Equal("", File.ReadAllText(P("out/labelTxt/b_aug0.txt")));
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double, double, double, double)>
    {
        public bool Equals((double, double, double, double, double) a, (double, double, double, double, double) b)
            => Math.Abs(a.Item1 - b.Item1) < 1e-3 && Math.Abs(a.Item2 - b.Item2) < 1e-3 && Math.Abs(a.Item3 - b.Item3) < 1e-3 && Math.Abs(a.Item4 - b.Item4) < 1e-3 && Math.Abs(a.Item5 - b.Item5) < 1e-3;

        public int GetHashCode((double, double, double, double, double) obj) => 0;
    }

    [Fact]
    public void Dota_files_are_the_same_for_one_and_two_jobs()
    {
        WriteDota(P("in"));
        AssertJobsIndependent(P("in"));
    }

    [Fact]
    public void Dota_bad_labels_are_reported_and_skipped()
    {
        WriteDota(P("in"));
        WritePhoto(P("in/images/c.png"), 1);
        WritePhoto(P("in/images/d.png"), 1);
        File.WriteAllText(P("in/labelTxt/c.txt"), "gsd:1\n1 2 3 plane\n");
        File.WriteAllText(P("in/labelTxt/d.txt"), "10 10 20 10 20 20 10 20 plane 0\n100 100 120 100 120 110 100 110 plane 0\n");
        File.WriteAllText(P("in/labelTxt/ghost.txt"), "10 10 20 10 20 20 10 20 plane 0\n");
        var summary = new DatasetGenerator(Options(YoloLayoutGenerationTests.Flip())).Run(P("in"), P("out"));
        Assert.True(summary.Completed);
        Assert.Equal(3, summary.Errors.Count);
        Assert.Contains(summary.Errors, e => e.File.EndsWith("labelTxt/c.txt:2") && e.Reason.Contains("malformed line: 4 fields"));
        Assert.Contains(summary.Errors, e => e.File.EndsWith("images/d.png") && e.Reason.Contains("labelTxt/d.txt:2: the object lies outside the 64x64 image"));
        Assert.Contains(summary.Errors, e => e.File.EndsWith("labelTxt/ghost.txt") && e.Reason.Contains("names no image"));
        Assert.Equal(["images/a_aug0.png", "images/b_aug0.png"], File.ReadLines(P("out/manifest.jsonl")).Select(l => GenerationRecord.Parse(l).Output));
    }
}

public sealed class VocLayoutGenerationTests : LayoutGenerationTestBase
{
    private void WriteVoc(string root)
    {
        WritePhoto(Path.Combine(root, "VOC2012/JPEGImages/a.jpg"), 5);
        WritePhoto(Path.Combine(root, "VOC2012/JPEGImages/b.png"), 0);
        Directory.CreateDirectory(Path.Combine(root, "VOC2012/Annotations"));
        File.WriteAllText(Path.Combine(root, "VOC2012/Annotations/a.xml"), """
            <annotation>
            	<folder>VOC2012</folder>
            	<filename>a.jpg</filename>
            	<path>/home/someone/a.jpg</path>
            	<size><width>64</width><height>42</height><depth>3</depth></size>
            	<segmented>0</segmented>
            	<object>
            		<name>rocket</name>
            		<pose>Frontal</pose>
            		<truncated>1</truncated>
            		<difficult>0</difficult>
            		<bndbox><xmin>4</xmin><ymin>2</ymin><xmax>20</xmax><ymax>40</ymax></bndbox>
            		<part><name>head</name><bndbox><xmin>4</xmin><ymin>2</ymin><xmax>10</xmax><ymax>8</ymax></bndbox></part>
            	</object>
            	<object>
            		<name>tower</name>
            		<difficult>1</difficult>
            		<bndbox><xmin>30</xmin><ymin>10</ymin><xmax>40</xmax><ymax>30</ymax></bndbox>
            	</object>
            </annotation>
            """);
    }

    [Fact]
    public void Voc_is_written_back_with_the_boxes_moved_and_the_fields_kept()
    {
        WriteVoc(P("in"));
        Assert.Equal("voc", DatasetLayouts.Resolve(null, P("in")).Name);
        var summary = new DatasetGenerator(Options(YoloLayoutGenerationTests.Flip())).Run(P("in"), P("out"));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));
        var xml = XElement.Load(P("out/VOC2012/Annotations/a_aug0.xml"));
        Assert.Equal("a_aug0.jpg", xml.Element("filename")!.Value);
        Assert.Null(xml.Element("path"));
        Assert.Equal(("64", "42", "3"), (xml.Element("size")!.Element("width")!.Value, xml.Element("size")!.Element("height")!.Value, xml.Element("size")!.Element("depth")!.Value));
        var objects = xml.Elements("object").ToArray();
        Assert.Equal(2, objects.Length);
        string Box(XElement o) => string.Join(',', new[] { "xmin", "ymin", "xmax", "ymax" }.Select(e => o.Element("bndbox")!.Element(e)!.Value));
        Assert.Equal(("rocket", "Frontal", "1", "0", "44,2,60,40"), (objects[0].Element("name")!.Value, objects[0].Element("pose")!.Value, objects[0].Element("truncated")!.Value, objects[0].Element("difficult")!.Value, Box(objects[0])));
        Assert.Empty(objects[0].Elements("part"));
        Assert.Equal(("tower", "1", "24,10,34,30"), (objects[1].Element("name")!.Value, objects[1].Element("difficult")!.Value, Box(objects[1])));

        var empty = XElement.Load(P("out/VOC2012/Annotations/b_aug0.xml"));
        Assert.Equal("b_aug0.png", empty.Element("filename")!.Value);
        Assert.Empty(empty.Elements("object"));
        Assert.Equal("64", empty.Element("size")!.Element("width")!.Value);

        // The output reads back as VOC with the moved boxes.
        var reader = new VocLayout.Reader();
        var scan = reader.Scan(P("out"), null);
        Assert.Empty(scan.Errors);
        var item = scan.Items.Single(i => i.Key == "VOC2012/JPEGImages/a_aug0.jpg");
        var back = reader.Load(item, File.ReadAllBytes(item.SourcePath), null);
        Assert.Equal(new BoundingBox(44, 2, 60, 40), back.Boxes[0] with { Label = null });
    }

    [Fact]
    public void Voc_files_are_the_same_for_one_and_two_jobs()
    {
        WriteVoc(P("in"));
        AssertJobsIndependent(P("in"));
    }

    [Fact]
    public void Voc_bad_files_are_reported_and_skipped()
    {
        WriteVoc(P("in"));
        string ann = P("in/VOC2012/Annotations");
        WritePhoto(P("in/VOC2012/JPEGImages/c.png"), 1);
        WritePhoto(P("in/VOC2012/JPEGImages/d.png"), 1);
        WritePhoto(P("in/VOC2012/JPEGImages/e.png"), 1);
        File.WriteAllText(Path.Combine(ann, "c.xml"), "<annotation><object><name>x</name>\n<bndbox><xmin>1</xmin></annotation>");
        File.WriteAllText(Path.Combine(ann, "d.xml"), "<annotation><object><name>x</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>100</xmax><ymax>10</ymax></bndbox></object></annotation>");
        File.WriteAllText(Path.Combine(ann, "e.xml"), "<annotation>\n<object><name>x</name></object></annotation>");
        File.WriteAllText(Path.Combine(ann, "ghost.xml"), "<annotation><filename>ghost.jpg</filename></annotation>");
        File.WriteAllText(Path.Combine(ann, "escape.xml"), "<annotation><filename>../../../etc/passwd</filename></annotation>");
        var summary = new DatasetGenerator(Options(YoloLayoutGenerationTests.Flip())).Run(P("in"), P("out"));
        Assert.True(summary.Completed);
        var errors = summary.Errors;
        Assert.Contains(errors, e => e.File.EndsWith("c.xml:2") && e.Reason.StartsWith("malformed XML"));
        Assert.Contains(errors, e => e.File.EndsWith("d.png") && e.Reason.Contains("d.xml:1: the box of x (1, 1, 100, 10) leaves the 64x64 image"));
        Assert.Contains(errors, e => e.File.EndsWith("e.xml:2") && e.Reason.Contains("has no <bndbox>"));
        Assert.Contains(errors, e => e.File.EndsWith("ghost.xml") && e.Reason.Contains("names no image"));
        Assert.Contains(errors, e => e.File.EndsWith("escape.xml") && e.Reason.Contains("leaves the data set's folder"));
        Assert.Equal(5, errors.Count);
        Assert.Equal(["VOC2012/JPEGImages/a_aug0.jpg", "VOC2012/JPEGImages/b_aug0.png"], File.ReadLines(P("out/manifest.jsonl")).Select(l => GenerationRecord.Parse(l).Output));
    }
}

public sealed class MaskFolderLayoutGenerationTests : LayoutGenerationTestBase
{
    private void WriteMasks(string root)
    {
        WritePhoto(Path.Combine(root, "images/a.png"), 0);
        WritePhoto(Path.Combine(root, "images/b.jpg"), 5);
        using var classes = new ImageBuffer<byte>(64, 64, 1);
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
                classes[y, x, 0] = (byte)(x < 10 ? 0 : x < 40 ? 1 : 2);
        Directory.CreateDirectory(Path.Combine(root, "masks"));
        ImageCodec.Write(classes, Path.Combine(root, "masks/a.png"));
        using var instances = new ImageBuffer<ushort>(64, 42, 1);
        for (int y = 0; y < 42; y++)
            for (int x = 0; x < 64; x++)
                instances[y, x, 0] = (ushort)(x < 32 ? 1000 : 0);
        ImageCodec.Write(instances, Path.Combine(root, "masks/b.png"));
    }

    [Fact]
    public void Masks_are_moved_with_their_values_and_written_as_png()
    {
        WriteMasks(P("in"));
        Assert.Equal("masks", DatasetLayouts.Resolve(null, P("in")).Name);
        var summary = new DatasetGenerator(Options(YoloLayoutGenerationTests.Flip())).Run(P("in"), P("out"));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));
        using var a = (ImageBuffer<byte>)ImageCodec.Read(P("out/masks/a_aug0.png"));
        Assert.Equal((64, 64, 1), (a.Width, a.Height, a.Channels));
        for (int x = 0; x < 64; x++) Assert.Equal((byte)(63 - x < 10 ? 0 : 63 - x < 40 ? 1 : 2), a[5, x, 0]);
        using var b = (ImageBuffer<ushort>)ImageCodec.Read(P("out/masks/b_aug0.png"));
        Assert.Equal(0, b[3, 0, 0]);
        Assert.Equal(1000, b[3, 63, 0]);
        Assert.True(File.Exists(P("out/images/b_aug0.jpg")));
    }

    [Fact]
    public void Mask_files_are_the_same_for_one_and_two_jobs()
    {
        WriteMasks(P("in"));
        AssertJobsIndependent(P("in"));
    }

    [Fact]
    public void Mask_problems_are_reported_and_skipped()
    {
        WriteMasks(P("in"));
        WritePhoto(P("in/images/c.png"), 1);
        WritePhoto(P("in/images/d.png"), 1);
        using (var small = new ImageBuffer<byte>(10, 10, 1)) ImageCodec.Write(small, P("in/masks/d.png"));
        using (var ghost = new ImageBuffer<byte>(10, 10, 1)) ImageCodec.Write(ghost, P("in/masks/ghost.png"));
        var summary = new DatasetGenerator(Options(YoloLayoutGenerationTests.Flip())).Run(P("in"), P("out"));
        Assert.True(summary.Completed);
        Assert.Equal(3, summary.Errors.Count);
        Assert.Contains(summary.Errors, e => e.File.EndsWith("images/c.png") && e.Reason.Contains("has no mask"));
        Assert.Contains(summary.Errors, e => e.File.EndsWith("images/d.png") && e.Reason.Contains("is 10x10, its image 64x64"));
        Assert.Contains(summary.Errors, e => e.File.EndsWith("masks/ghost.png") && e.Reason.Contains("names no image"));
    }
}
