using AugSharp.Datasets;

namespace AugSharp.Tests.Datasets;

public class CocoDatasetTests
{
    [Theory]
    [InlineData("532", new long[] { 5, 3, 2 })]
    [InlineData("5321", new long[] { 5, 3, 2, 4 })]
    [InlineData("532N", new long[] { 5, 3, 2, 1 })]
    public void Compressed_run_lengths_decode_as_pycocotools_writes_them(string text, long[] counts)
        => Assert.Equal(counts, CocoMasks.DecodeCounts(text));

    [Theory]
    [InlineData("532", new long[] { 5, 3, 2 })]
    [InlineData("5321", new long[] { 5, 3, 2, 4 })]
    [InlineData("532N", new long[] { 5, 3, 2, 1 })]
    [InlineData("0P11O0", new long[] { 0, 32, 1, 31, 1 })]
    public void Run_lengths_encode_as_pycocotools_compresses_them(string text, long[] counts)
    {
        Assert.Equal(text, CocoMasks.EncodeCounts(counts));
        Assert.Equal(counts, CocoMasks.DecodeCounts(text));
    }

    [Fact]
    public void A_mask_gives_its_run_lengths_back()
    {
        using var mask = CocoMasks.FromRunLengths([1, 2, 3, 3], 3, 3);
        Assert.Equal([1L, 2, 3, 3], CocoMasks.ToRunLengths(mask));
        Assert.Equal(5, CocoMasks.PixelCount(mask));
        // A mask whose first pixel is set starts with an empty run of 0 pixels.
        mask[0, 0, 0] = 1;
        Assert.Equal([0L, 3, 3, 3], CocoMasks.ToRunLengths(mask));
        using var empty = new ImageBuffer<byte>(4, 2, 1);
        Assert.Equal([8L], CocoMasks.ToRunLengths(empty));
    }

    [Fact]
    public void Run_lengths_fill_the_mask_column_by_column()
    {
        using var mask = CocoMasks.FromRunLengths([1, 2, 3, 3], 3, 3);
        // Column-major: pixel 0 off, pixels 1-2 on (column 0 rows 1-2), pixels 3-5 off, 6-8 on (column 2).
        Assert.Equal(new byte[] { 0, 0, 1, 1, 0, 1, 1, 0, 1 }, mask.ToArray());
    }

    [Fact]
    public void Polygons_cover_the_pixels_whose_centres_are_inside()
    {
        using var mask = CocoMasks.FromPolygons([[2, 1, 6, 1, 6, 4, 2, 4]], 8, 6);
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 8; x++)
                Assert.Equal(x is >= 2 and < 6 && y is >= 1 and < 4 ? 1 : 0, mask[y, x, 0]);
    }

    [Fact]
    public void The_detection_example_gives_boxes_masks_and_named_keypoints()
    {
        var coco = CocoDataset.Load(Path.Combine(TestPaths.RepoRoot, "docs", "examples", "detection", "chelsea.json"));
        using var photo = ImageCodec.Read(TestPaths.Image("chelsea.png"));
        var image = Assert.IsType<CocoImage>(coco.FindImage("somewhere/chelsea.png"));
        var annotated = coco.Annotate(photo, image);
        Assert.Equal(4, annotated.Boxes.Count);
        Assert.Equal(["cat", "eye", "eye", "nose"], annotated.Boxes.Select(b => b.Label));
        Assert.Equal(new BoundingBox(30, 0, 380, 300, "cat"), annotated.Boxes[0]);
        Assert.Equal(3, annotated.Masks.Count);
        Assert.Equal(["left_eye", "right_eye", "nose"], annotated.Keypoints.Select(k => k.Label));
        Assert.Equal(1, annotated.Masks[2].As<byte>()[245, 262, 0]);
        Assert.Null(coco.FindImage("dog.png"));
    }

    [Fact]
    public void A_file_that_is_not_coco_is_a_clear_error()
    {
        string path = Path.Combine(Path.GetTempPath(), "augsharp-coco-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, "{\"images\": [{\"id\": 1}]}");
        try
        {
            var e = Assert.Throws<FormatException>(() => CocoDataset.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_rotated_box_without_five_numbers_is_a_clear_error()
    {
        string path = Path.Combine(Path.GetTempPath(), "augsharp-coco-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, """
            {"images": [{"id": 1, "file_name": "a.png", "width": 8, "height": 8}],
             "annotations": [{"id": 42, "image_id": 1, "category_id": 1, "bbox": [1, 1, 2, 2], "rbox": [2, 2, 2, 2]}],
             "categories": [{"id": 1, "name": "x"}]}
            """);
        try
        {
            var e = Assert.Throws<FormatException>(() => CocoDataset.Load(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("annotation 42: rbox is [cx, cy, w, h, angle in degrees]", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
