namespace AugSharp.Tests.Transforms.Mixing;

/// <summary>Mosaic: every target of every source lands where its pixels land; labels mixed by area; replay.</summary>
public class MosaicTests
{
    /// <summary>A dark square image with a bright square (value 250) and its box, mask and keypoint.</summary>
    private static AnnotatedImage Squares(int size, int x, int y, int side, string label)
    {
        var image = new ImageBuffer<byte>(size, size, 3);
        var mask = new ImageBuffer<byte>(size, size, 1);
        for (int j = y; j < y + side; j++)
        {
            for (int i = x; i < x + side; i++)
            {
                for (int c = 0; c < 3; c++) image[j, i, c] = 250;
                mask[j, i, 0] = 1;
            }
        }
        return new AnnotatedImage(image, [mask], [new BoundingBox(x, y, x + side, y + side, label)], [new Keypoint(x + side / 2.0, y + side / 2.0, Label: label)],
            classLabels: new Dictionary<string, double> { [label] = 1 });
    }

    private static AnnotatedImage Input()
    {
        var primary = Squares(40, 8, 10, 12, "p");
        var companions = new[] { Squares(40, 22, 4, 14, "c0"), Squares(40, 3, 24, 10, "c1"), Squares(40, 15, 15, 16, "c2") };
        return primary.WithMetadata("mosaic_metadata", companions);
    }

    [Theory]
    [InlineData(40, 40, MosaicFitMode.Cover, 0)]
    [InlineData(60, 60, MosaicFitMode.Cover, 1)]
    [InlineData(50, 36, MosaicFitMode.Contain, 1)]
    public void Every_box_mask_and_keypoint_stays_on_its_square(int cellH, int cellW, MosaicFitMode fit, int tolerance)
    {
        var input = Input();
        var mosaic = new Mosaic { P = 1, GridYx = [2, 2], TargetSize = [60, 64], CellShape = [cellH, cellW], FitMode = fit, CenterRange = new(0, 1) };
        var labelsSeen = new HashSet<string>();
        for (int copy = 0; copy < 12; copy++)
        {
            var (result, recipe) = new Compose([mosaic]).Run(input, RandomStream.For(7, 0, copy));
            Assert.IsType<MosaicOperation>(Assert.Single(recipe.Operations));
            var img = result.Image.As<byte>();
            var mask = result.Masks[0].As<byte>();
            Assert.Equal((64, 60), (img.Width, img.Height));
            foreach (var box in result.Boxes)
            {
                labelsSeen.Add(box.Label!);
                // Inside the box (less the interpolated rim) the square is bright and the mask set.
                for (int y = (int)Math.Ceiling(box.Y1) + tolerance; y < (int)box.Y2 - tolerance; y++)
                {
                    for (int x = (int)Math.Ceiling(box.X1) + tolerance; x < (int)box.X2 - tolerance; x++)
                    {
                        Assert.True(img[y, x, 0] >= 200, $"copy {copy}: box {box} has a dark pixel at ({x}, {y})");
                        Assert.Equal(1, mask[y, x, 0]);
                    }
                }
            }
            // Every bright pixel is inside a box: no square lost its box.
            for (int y = 0; y < 60; y++)
            {
                for (int x = 0; x < 64; x++)
                {
                    if (img[y, x, 0] < 200) continue;
                    Assert.True(result.Boxes.Any(b => x >= b.X1 - tolerance - 1 && x < b.X2 + tolerance + 1 && y >= b.Y1 - tolerance - 1 && y < b.Y2 + tolerance + 1),
                        $"copy {copy}: the bright pixel ({x}, {y}) is in no box");
                }
            }
            foreach (var k in result.Keypoints)
            {
                var box = Assert.Single(result.Boxes, b => b.Label == k.Label && k.X >= b.X1 - 1 && k.X <= b.X2 + 1 && k.Y >= b.Y1 - 1 && k.Y <= b.Y2 + 1);
                Assert.True(img[(int)k.Y, (int)k.X, 0] >= 200, $"copy {copy}: keypoint {k} is off its square {box}");
            }
            Assert.Equal(1, result.ClassLabels.Values.Sum(), 9);
        }
        Assert.Contains("p", labelsSeen);
        Assert.True(labelsSeen.Count >= 3, "companions' boxes came in: " + string.Join(",", labelsSeen));
    }

    [Fact]
    public void The_image_takes_the_largest_part_and_labels_mix_by_area()
    {
        var input = Input();
        var mosaic = new Mosaic { P = 1, TargetSize = [40, 40], CellShape = [40, 40], CenterRange = new(0.25, 0.25) };
        var (result, recipe) = new Compose([mosaic]).Run(input, RandomStream.For(1, 0, 0));
        var op = (MosaicOperation)recipe.Operations[0];
        Assert.Equal(4, op.Cells.Count);
        var own = Assert.Single(op.Cells, c => c.Item is null);
        long Area(MosaicCell c) => (long)(c.X2 - c.X1) * (c.Y2 - c.Y1);
        Assert.Equal(op.Cells.Max(Area), Area(own));
        Assert.Equal(Area(own) / 1600.0, result.ClassLabels["p"], 9);
        Assert.Equal(3, op.Cells.Where(c => c.Item is not null).Select(c => c.Item!.Index).Distinct().Count());
    }

    [Fact]
    public void Without_enough_companions_the_image_fills_the_other_parts()
    {
        var input = Squares(40, 8, 10, 12, "p");
        var (result, recipe) = new Compose([new Mosaic { P = 1, TargetSize = [40, 40], CellShape = [40, 40] }]).Run(input, RandomStream.For(3, 0, 0));
        var op = (MosaicOperation)recipe.Operations[0];
        Assert.All(op.Cells, c => Assert.Null(c.Item));
        Assert.Equal(1, result.ClassLabels["p"], 9);
    }

    [Fact]
    public void Contain_pads_with_the_fill()
    {
        using var image = MixUpCutMixTests.Flat(40, 20, 100);
        var mosaic = new Mosaic { P = 1, GridYx = [1, 1], TargetSize = [40, 40], CellShape = [40, 40], FitMode = MosaicFitMode.Contain, Fill = [7] };
        var result = new Compose([mosaic]).Apply(new AnnotatedImage(image, boxes: [new BoundingBox(0, 0, 40, 20, "all")]), seed: 2);
        var img = result.Image.As<byte>();
        Assert.Equal(7, img[2, 20, 0]);
        Assert.Equal(100, img[20, 20, 0]);
        Assert.Equal(7, img[37, 20, 0]);
        Assert.Equal(new BoundingBox(0, 10, 40, 30, "all"), Assert.Single(result.Boxes));
    }

    [Fact]
    public void A_recipe_replays_through_json_on_any_type()
    {
        foreach (var type in new[] { PixelType.UInt8, PixelType.UInt16, PixelType.Float32 })
        {
            using var image = TestImages.Make(type, 4);
            var input = new AnnotatedImage(image, boxes: [new BoundingBox(1, 1, 30, 20, "a")]).WithMetadata("mosaic_metadata", Input().CompanionsOf("mosaic_metadata"));
            var (result, recipe) = new Compose([new Mosaic { P = 1, TargetSize = [50, 50], CellShape = [40, 30] }]).Run(input, RandomStream.For(5, 0, 0));
            var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(input);
            Assert.Equal(TestImages.Values(result.Image), TestImages.Values(replayed.Image));
            Assert.Equal(result.Boxes, replayed.Boxes);
            Assert.Equal(type, result.Image.PixelType);
            Assert.Equal(4, result.Image.Channels);
        }
    }

    [Fact]
    public void A_grid_smaller_than_the_target_is_refused_by_name()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var e = Assert.Throws<ArgumentException>(() => new Compose([new Mosaic { P = 1, TargetSize = [100, 100], CellShape = [20, 20] }]).Apply(new AnnotatedImage(image), seed: 1));
        Assert.Contains("Mosaic", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Mosaic { GridYx = [2] });
    }
}

/// <summary>A Mosaic saved by Albumentations loads with its parameters.</summary>
public class MosaicFileTests
{
    [Fact]
    public void An_albumentations_file_with_mosaic_loads()
    {
        string text = "{\"__version__\": \"2.0.8\", \"transform\": {\"__class_fullname__\": \"Compose\", \"p\": 1.0, \"transforms\": [{\"__class_fullname__\": \"Mosaic\", \"grid_yx\": [2, 3], \"target_size\": [300, 400], \"cell_shape\": [200, 150], \"center_range\": [0.3, 0.7], \"fit_mode\": \"contain\", \"interpolation\": 1, \"mask_interpolation\": 0, \"fill\": 0, \"fill_mask\": 0, \"metadata_key\": \"mosaic_metadata\", \"p\": 0.5}]}}";
        var pipeline = (Compose)PipelineFile.Parse(text, "saved.json");
        var mosaic = Assert.IsType<Mosaic>(Assert.Single(pipeline.Transforms));
        Assert.Equal([2, 3], mosaic.GridYx);
        Assert.Equal([300, 400], mosaic.TargetSize);
        Assert.Equal([200, 150], mosaic.CellShape);
        Assert.Equal(MosaicFitMode.Contain, mosaic.FitMode);
        Assert.Equal(0.5, mosaic.P);
    }
}
