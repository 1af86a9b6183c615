namespace AugSharp.Tests.Transforms.Mixing;

/// <summary>CopyAndPaste: objects cut by their masks, pasted with their boxes and masks; the image's instances occluded.</summary>
public class CopyAndPasteTests
{
    private static (ImageBuffer<byte> Image, ImageBuffer<byte> Mask) Square(int width, int height, int x, int y, int side, byte value, byte ground)
    {
        var image = new ImageBuffer<byte>(width, height, 3);
        image.Fill(ground);
        var mask = new ImageBuffer<byte>(width, height, 1);
        for (int j = y; j < y + side; j++)
        {
            for (int i = x; i < x + side; i++)
            {
                for (int c = 0; c < 3; c++) image[j, i, c] = value;
                mask[j, i, 0] = 1;
            }
        }
        return (image, mask);
    }

    /// <summary>A 40x30 image with one instance (a square at 4..14) and a companion with two objects: a 6x6 square and a 10x4 bar.</summary>
    private static AnnotatedImage Input()
    {
        var (image, mask) = Square(40, 30, 4, 4, 10, 100, 20);
        var (other, first) = Square(20, 20, 2, 2, 6, 250, 0);
        var second = new ImageBuffer<byte>(20, 20, 1);
        for (int y = 12; y < 16; y++)
        {
            for (int x = 5; x < 15; x++)
            {
                second[y, x, 0] = 1;
                for (int c = 0; c < 3; c++) other[y, x, c] = 180;
            }
        }
        var companion = new AnnotatedImage(other, [first, second], [new BoundingBox(2, 2, 8, 8, "box"), new BoundingBox(5, 12, 15, 16, "bar")]);
        return new AnnotatedImage(image, [mask], [new BoundingBox(4, 4, 14, 14, "mine")]).WithMetadata("copy_paste_metadata", new[] { companion });
    }

    private static CopyAndPasteOperation Op(params PastedObject[] objects)
        => new() { Transform = "CopyAndPaste", MetadataKey = "copy_paste_metadata", Companion = CompanionRef.Companion(0), Objects = objects };

    [Fact]
    public void An_object_is_pasted_with_its_pixels_mask_and_box_only_where_its_mask_is()
    {
        var input = Input();
        // The 6x6 square at the image's top-left corner: over part of the image's own square.
        var result = new ComposeOperation([Op(new PastedObject(0, 0, 1, false, 0, 0))]).Apply(input);
        var img = result.Image.As<byte>();
        Assert.Equal(250, img[0, 0, 0]);
        Assert.Equal(250, img[5, 5, 1]);
        Assert.Equal(100, img[6, 6, 0]);
        Assert.Equal(20, img[20, 30, 0]);
        Assert.Equal(2, result.Masks.Count);
        var own = result.Masks[0].As<byte>();
        var pasted = result.Masks[1].As<byte>();
        Assert.Equal(0, own[5, 5, 0]);
        Assert.Equal(1, own[6, 6, 0]);
        Assert.Equal(1, pasted[5, 5, 0]);
        Assert.Equal(0, pasted[6, 6, 0]);
        Assert.Contains(new BoundingBox(0, 0, 6, 6, "box"), result.Boxes);
        Assert.Contains(new BoundingBox(4, 4, 14, 14, "mine"), result.Boxes);
    }

    [Fact]
    public void A_hidden_instance_loses_its_box_by_min_visibility_and_shrinks_to_what_shows()
    {
        var input = Input();
        // The bar scaled x2 (20x8) over the top of the image's square: rows 0..8 hidden.
        var op = Op(new PastedObject(1, 0, 2, false, 0, 0));
        var lenient = new ComposeOperation([op]).Apply(input);
        Assert.Contains(new BoundingBox(4, 8, 14, 14, "mine"), lenient.Boxes);
        Assert.Contains(new BoundingBox(0, 0, 20, 8, "bar"), lenient.Boxes);
        var strict = new ComposeOperation([op]) { BoxParams = new BoxParams { MinVisibility = 0.7 } }.Apply(input);
        Assert.DoesNotContain(strict.Boxes, b => b.Label == "mine");
        Assert.Contains(strict.Boxes, b => b.Label == "bar");
    }

    [Fact]
    public void Flip_mirrors_the_object()
    {
        var (image, _) = Square(40, 30, 0, 0, 1, 20, 20);
        var other = new ImageBuffer<byte>(4, 2, 3);
        var mask = new ImageBuffer<byte>(4, 2, 1);
        mask.Fill(1);
        for (int x = 0; x < 4; x++) for (int c = 0; c < 3; c++) { other[0, x, c] = (byte)(50 * (x + 1)); other[1, x, c] = (byte)(50 * (x + 1)); }
        var input = new AnnotatedImage(image).WithMetadata("copy_paste_metadata", new[] { new AnnotatedImage(other, [mask]) });
        var plain = new ComposeOperation([Op(new PastedObject(0, 0, 1, false, 0, 0))]).Apply(input).Image.As<byte>();
        var mirrored = new ComposeOperation([Op(new PastedObject(0, 0, 1, true, 0, 0))]).Apply(input).Image.As<byte>();
        Assert.Equal([50, 100, 150, 200], Enumerable.Range(0, 4).Select(x => (int)plain[0, x, 0]));
        Assert.Equal([200, 150, 100, 50], Enumerable.Range(0, 4).Select(x => (int)mirrored[0, x, 0]));
    }

    [Fact]
    public void Sampled_objects_stay_inside_and_replay_through_json()
    {
        var input = Input();
        var pipeline = new Compose([new CopyAndPaste { P = 1, NumObjectsRange = new(2, 2), ScaleRange = new(0.5, 3) }]);
        for (int copy = 0; copy < 10; copy++)
        {
            var (result, recipe) = pipeline.Run(input, RandomStream.For(9, 1, copy));
            var op = Assert.IsType<CopyAndPasteOperation>(Assert.Single(recipe.Operations));
            Assert.Equal(2, op.Objects.Count);
            Assert.Equal(3, result.Masks.Count);
            Assert.All(result.Boxes, b => Assert.True(b.X1 >= 0 && b.Y1 >= 0 && b.X2 <= 40 && b.Y2 <= 30));
            var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(input);
            Assert.Equal(TestImages.Values(result.Image), TestImages.Values(replayed.Image));
            Assert.Equal(result.Boxes, replayed.Boxes);
        }
    }

    [Fact]
    public void A_companion_without_masks_pastes_nothing()
    {
        using var image = MixUpCutMixTests.Flat(40, 30, 9);
        using var other = MixUpCutMixTests.Flat(40, 30, 200);
        var input = new AnnotatedImage(image).WithMetadata("copy_paste_metadata", new[] { new AnnotatedImage(other) });
        var result = new Compose([new CopyAndPaste { P = 1 }]).Apply(input, seed: 3);
        Assert.Equal(image.ToArray(), result.Image.As<byte>().ToArray());
    }
}
