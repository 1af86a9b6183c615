namespace AugSharp.Tests.Transforms.Mixing;

/// <summary>OverlayElements: pictures laid at their boxes or at random places, through their masks, with mask ids.</summary>
public class OverlayElementsTests
{
    [Fact]
    public void An_element_with_a_box_is_resized_to_it_and_laid_through_its_mask()
    {
        using var image = MixUpCutMixTests.Flat(40, 30, 10);
        using var mask = MixUpCutMixTests.Flat(40, 30, 0, 1);
        using var sticker = MixUpCutMixTests.Flat(10, 10, 200);
        using var shape = new ImageBuffer<byte>(10, 10, 1);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 5; x++) shape[y, x, 0] = 255; // the left half
        var element = new OverlayElement(sticker) { Mask = shape, Box = new BoundingBox(0.5, 0.2, 1.0, 0.8), MaskId = 3 };
        var input = new AnnotatedImage(image, [mask], [new BoundingBox(1, 1, 5, 5, "kept")]).WithMetadata("overlay_metadata", new[] { element });
        var (result, recipe) = new Compose([new OverlayElements { P = 1 }]).Run(input, RandomStream.For(1, 0, 0));
        var place = Assert.Single(((OverlayElementsOperation)recipe.Operations[0]).Placements);
        Assert.Equal(new OverlayPlacement(0, 20, 6, 20, 18), place);
        var img = result.Image.As<byte>();
        var m = result.Masks[0].As<byte>();
        Assert.Equal(200, img[10, 25, 0]);   // left half of the place
        Assert.Equal(3, m[10, 25, 0]);
        Assert.Equal(10, img[10, 35, 0]);    // right half: outside the element's mask
        Assert.Equal(0, m[10, 35, 0]);
        Assert.Equal(10, img[2, 25, 0]);     // above the place
        Assert.Equal(input.Boxes, result.Boxes);
        Assert.Equal(10, image[10, 25, 0]);
    }

    [Fact]
    public void An_element_without_a_box_lands_inside_at_its_own_size_and_replays()
    {
        using var image = TestImages.Make(PixelType.Float32, 1);
        using var sticker = MixUpCutMixTests.Flat(8, 6, 255);
        var input = new AnnotatedImage(image).WithMetadata("overlay_metadata", new[] { new OverlayElement(sticker) });
        var places = new HashSet<(int, int)>();
        for (int copy = 0; copy < 12; copy++)
        {
            var (result, recipe) = new Compose([new OverlayElements { P = 1 }]).Run(input, RandomStream.For(4, 0, copy));
            var place = Assert.Single(((OverlayElementsOperation)recipe.Operations[0]).Placements);
            Assert.Equal((8, 6), (place.Width, place.Height));
            Assert.InRange(place.X, 0, 32);
            Assert.InRange(place.Y, 0, 24);
            places.Add((place.X, place.Y));
            var img = result.Image.As<float>();
            Assert.Equal(1f, img[place.Y + 5, place.X + 7, 0]);
            var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(input);
            Assert.Equal(TestImages.Values(result.Image), TestImages.Values(replayed.Image));
        }
        Assert.True(places.Count > 3);
    }

    [Fact]
    public void A_box_outside_zero_to_one_is_refused_by_name()
    {
        using var image = MixUpCutMixTests.Flat(40, 30, 10);
        using var sticker = MixUpCutMixTests.Flat(4, 4, 200);
        var input = new AnnotatedImage(image).WithMetadata("overlay_metadata", new[] { new OverlayElement(sticker) { Box = new BoundingBox(5, 5, 20, 20) } });
        var e = Assert.Throws<ArgumentException>(() => new Compose([new OverlayElements { P = 1 }]).Apply(input, seed: 1));
        Assert.Contains("OverlayElements", e.Message, StringComparison.Ordinal);
    }
}
