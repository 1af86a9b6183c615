using AugSharp.Datasets;

namespace AugSharp.Tests.Transforms.Mixing;

/// <summary>Companions from disk: a folder of images, or a COCO file with its boxes and masks, as companion_source or as a reader in the metadata.</summary>
public class CompanionSourceTests
{
    private static string Coco => TestPaths.TestData("Mixing", "coco.json");

    [Fact]
    public void A_coco_file_reads_each_image_with_its_objects()
    {
        var coco = new CocoCompanions(Coco);
        Assert.Equal(2, coco.Count);
        var rocket = coco.Read(0);
        Assert.Equal((48, 32), (rocket.Image.Width, rocket.Image.Height));
        Assert.Equal(new BoundingBox(20, 4, 28, 28, "rocket"), Assert.Single(rocket.Boxes));
        Assert.Single(rocket.Masks);
        foreach (var b in rocket.Buffers) b.Dispose();
    }

    [Fact]
    public void Mosaic_from_a_coco_source_brings_the_companions_boxes_into_place()
    {
        using var image = MixUpCutMixTests.Flat(40, 40, 0);
        var mosaic = TransformRegistry.Create("Mosaic", new Dictionary<string, object?>
        {
            ["p"] = 1.0, ["target_size"] = new List<object?> { 64L, 64L }, ["cell_shape"] = new List<object?> { 48L, 48L }, ["companion_source"] = Coco,
        });
        var labels = new HashSet<string?>();
        for (int copy = 0; copy < 6; copy++)
        {
            var (result, recipe) = new Compose([mosaic]).Run(new AnnotatedImage(image), RandomStream.For(2, 0, copy));
            var op = (MosaicOperation)recipe.Operations[0];
            Assert.Contains(op.Cells, c => c.Item?.File is "Companions/rocket.png" or "Companions/coffee.png");
            foreach (var box in result.Boxes)
            {
                labels.Add(box.Label);
                var cell = Assert.Single(op.Cells, c => box.X1 >= c.X1 && box.X2 <= c.X2 && box.Y1 >= c.Y1 && box.Y2 <= c.Y2);
                Assert.NotNull(cell.Item);
            }
            var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(new AnnotatedImage(image));
            Assert.Equal(result.Boxes, replayed.Boxes);
            Assert.Equal(TestImages.Values(result.Image), TestImages.Values(replayed.Image));
        }
        Assert.Contains("rocket", labels);
        Assert.Contains("cup", labels);
    }

    [Fact]
    public void CopyAndPaste_from_a_coco_reader_pastes_labelled_objects()
    {
        using var image = MixUpCutMixTests.Flat(60, 50, 0);
        var input = new AnnotatedImage(image).WithMetadata("copy_paste_metadata", new CocoCompanions(Coco));
        var seen = new HashSet<string?>();
        for (int copy = 0; copy < 6; copy++)
        {
            var result = new Compose([new CopyAndPaste { P = 1, Flip = false }]).Apply(input, seed: 3, copy: copy);
            var box = Assert.Single(result.Boxes);
            seen.Add(box.Label);
            Assert.Single(result.Masks);
            // The pasted pixels are the companion's (not the black ground) and lie inside the pasted box.
            var img = result.Image.As<byte>();
            for (int y = 0; y < 50; y++)
                for (int x = 0; x < 60; x++)
                    if (img[y, x, 0] + img[y, x, 1] + img[y, x, 2] > 0) Assert.True(x >= box.X1 && x < box.X2 && y >= box.Y1 && y < box.Y2);
        }
        Assert.Equal(["cup", "rocket"], seen.Order());
    }

    [Fact]
    public void An_unknown_source_is_refused_with_its_path()
    {
        using var image = MixUpCutMixTests.Flat(40, 30, 0);
        var e = Assert.Throws<FileNotFoundException>(() => new Compose([new MixUp { P = 1, CompanionSource = "/nowhere/at/all" }]).Apply(new AnnotatedImage(image), seed: 1));
        Assert.Contains("/nowhere/at/all", e.Message, StringComparison.Ordinal);
    }
}
