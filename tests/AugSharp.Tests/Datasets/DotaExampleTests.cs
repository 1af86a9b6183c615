using System.Globalization;
using System.Text;
using AugSharp.Datasets;
using AugSharp.Kernels;
using AugSharp.Pictures;

namespace AugSharp.Tests.Datasets;

/// <summary>
/// The DOTA example of the README (<c>docs/examples/dota/</c>): a sample made from rocket.jpg with
/// oriented boxes, generated with a rotate-and-crop pipeline. Run with
/// <c>AUGSHARP_UPDATE_EXAMPLES=1</c> to make the sample and the before/after picture again.
/// </summary>
public sealed class DotaExampleTests : LayoutGenerationTestBase
{
    private static string Example(params string[] parts) => Path.Combine([TestPaths.RepoRoot, "docs", "examples", "dota", .. parts]);

    /// <summary>Placed by hand on rocket.jpg (640 x 427): the two inner launch towers and the rocket.</summary>
    private static readonly BoundingBox[] Placed =
    [
        new(170, 122, 208, 410, "tower"),
        new(303, 126, 338, 406, "rocket"),
        new(437, 122, 472, 410, "tower"),
    ];

    /// <summary>
    /// The sample: rocket.jpg padded with black to 800 x 800, turned by 25 degrees and cut to its
    /// central 500 x 500, as an aerial tile turned against north looks; the boxes turn with it.
    /// </summary>
    private static void MakeSample(string folder)
    {
        using var photo = ImageCodec.Read(TestPaths.Image("rocket.jpg"));
        var boxes = Placed.Select(b => new OrientedBox((b.X1 + b.X2) / 2, (b.Y1 + b.Y2) / 2, b.Width, b.Height, 0, b.Label)).ToArray();
        var make = new Compose(
            [new PadIfNeeded { MinHeight = 800, MinWidth = 800, P = 1 }, new Rotate { Limit = new(25, 25), P = 1 }, new CenterCrop { Height = 500, Width = 500, P = 1 }],
            orientedBoxParams: new OrientedBoxParams());
        var sample = make.Apply(new AnnotatedImage(photo, orientedBoxes: boxes), seed: 1);
        Assert.Equal(3, sample.OrientedBoxes.Count);
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        Directory.CreateDirectory(Path.Combine(folder, "labelTxt"));
        ImageCodec.Write(sample.Image, Path.Combine(folder, "images", "towers.jpg"), new ImageWriteOptions { Quality = 88 });
        var text = new StringBuilder("imagesource:rocket.jpg\ngsd:null\n");
        foreach (var box in sample.OrientedBoxes)
        {
            var c = box.GetCorners();
            foreach (var (x, y) in new[] { c[2], c[1], c[0], c[3] })
                text.Append(Math.Round(x, 1).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Math.Round(y, 1).ToString(CultureInfo.InvariantCulture)).Append(' ');
            text.Append(box.Label).Append(" 0\n");
        }
        File.WriteAllText(Path.Combine(folder, "labelTxt", "towers.txt"), text.ToString());
    }

    private static readonly bool Update = Environment.GetEnvironmentVariable("AUGSHARP_UPDATE_EXAMPLES") == "1";

    [Fact]
    public void The_dota_example_runs_through_generate_with_its_oriented_boxes()
    {
        if (Update) MakeSample(Example());
        var pipeline = PipelineFile.Load(Example("pipeline.yaml"));
        var options = new DatasetGeneratorOptions { Pipeline = pipeline, Layout = "dota", Copies = 3, Seed = 3, MaxDegreeOfParallelism = 2 };
        var summary = new DatasetGenerator(options).Run(Example(), P("out"));
        Assert.True(summary.Succeeded, string.Join("; ", summary.Errors));
        Assert.Equal(3, summary.Written);

        // Every output reads back as DOTA, with its moved boxes (the minimum-area rectangles of what shows) centred in the image.
        var reader = new DotaLayout.Reader();
        var scan = reader.Scan(P("out"), null);
        Assert.Empty(scan.Errors);
        Assert.Equal(["images/towers_aug0.jpg", "images/towers_aug1.jpg", "images/towers_aug2.jpg"], scan.Items.Select(i => i.Key));
        var cells = new List<ImageBuffer<byte>>();
        var captions = new List<string?>();
        var original = reader.Scan(Example(), null).Items.Single();
        foreach (var item in scan.Items.Prepend(original))
        {
            var annotated = reader.Load(item, File.ReadAllBytes(item.SourcePath), null);
            Assert.NotEmpty(annotated.OrientedBoxes);
            foreach (var box in annotated.OrientedBoxes)
                Assert.True(box.CX > 0 && box.CY > 0 && box.CX < annotated.Image.Width && box.CY < annotated.Image.Height, $"{item.Key}: {box}");
            if (Update)
            {
                var untagged = annotated.With(orientedBoxes: annotated.OrientedBoxes.Select(b => b with { Label = LabelFiles.Untag(b.Label).Name }).ToArray());
                using var drawn = AnnotationOverlay.Draw(untagged);
                var cell = new ImageBuffer<byte>(300, 300 * drawn.Height / drawn.Width, drawn.Channels);
                ResizeKernel.Apply(drawn, cell, Interpolation.Area);
                cells.Add(cell);
                captions.Add(item == original ? "before: towers.jpg" : "after: " + Path.GetFileName(item.Key));
            }
            annotated.Image.Dispose();
        }
        if (Update)
        {
            using var grid = PreviewGrid.Compose(cells, captions, new PreviewGridOptions { Columns = 2 });
            ImageCodec.Write(grid, Example("before-after.jpg"), new ImageWriteOptions { Quality = 85 });
            foreach (var cell in cells) cell.Dispose();
        }
        Assert.True(File.Exists(Example("before-after.jpg")));
    }
}
