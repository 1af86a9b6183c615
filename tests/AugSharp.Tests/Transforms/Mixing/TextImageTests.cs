namespace AugSharp.Tests.Transforms.Mixing;

/// <summary>TextImage: texts from the metadata written in their boxes, at their size and colour; replay; refusals.</summary>
public class TextImageTests
{
    private static AnnotatedImage Page(ImageBuffer image, params TextElement[] texts) => new AnnotatedImage(image).WithMetadata("textimage_metadata", texts);

    private static int Inked(ImageBuffer<byte> image, int x1, int y1, int x2, int y2, int below = 128)
    {
        int n = 0;
        for (int y = y1; y < y2; y++) for (int x = x1; x < x2; x++) if (image[y, x, 0] < below) n++;
        return n;
    }

    [Fact]
    public void The_text_is_written_in_its_box_and_nowhere_else()
    {
        using var image = MixUpCutMixTests.Flat(120, 60, 255);
        var input = Page(image, new TextElement(new BoundingBox(0.1, 0.2, 0.9, 0.6), "HELLO"));
        var (result, recipe) = new Compose([new TextImage { P = 1 }]).Run(input, RandomStream.For(1, 0, 0));
        var op = (TextImageOperation)recipe.Operations[0];
        var text = Assert.Single(op.Texts);
        Assert.Equal(("HELLO", 12, 12, 108, 36), (text.Text, text.X1, text.Y1, text.X2, text.Y2));
        Assert.InRange(text.FontSize, (int)(0.8 * 24), (int)(0.9 * 24));
        var img = result.Image.As<byte>();
        Assert.True(Inked(img, 12, 12, 108, 40) > 40, "the text's ink is in its box");
        Assert.Equal(0, Inked(img, 0, 0, 120, 10, below: 255));
        Assert.Equal(0, Inked(img, 0, 45, 120, 60, below: 255));
        Assert.Equal(255, image[20, 20, 0]);
    }

    [Fact]
    public void A_larger_font_fraction_writes_more_ink_in_the_colour_given()
    {
        using var image = MixUpCutMixTests.Flat(200, 80, 255);
        int Ink(double fraction)
        {
            var input = Page(image, new TextElement(new BoundingBox(0, 0, 1, 0.5), "Ink"));
            var result = new Compose([new TextImage { P = 1, FontSizeFractionRange = new(fraction, fraction), FontColor = [255, 0, 0] }]).Apply(input, seed: 2);
            var img = result.Image.As<byte>();
            Assert.All(Enumerable.Range(0, 80).SelectMany(y => Enumerable.Range(0, 200).Select(x => img[y, x, 0])), v => Assert.Equal(255, v));
            int n = 0;
            for (int y = 0; y < 80; y++) for (int x = 0; x < 200; x++) if (img[y, x, 1] < 128) n++;
            return n;
        }
        int small = Ink(0.3), large = Ink(0.9);
        Assert.True(small > 0);
        Assert.True(large > 3 * small, $"ink at 0.3: {small}, at 0.9: {large}");
    }

    [Fact]
    public void Fraction_range_chooses_how_many_texts_are_written()
    {
        using var image = MixUpCutMixTests.Flat(100, 100, 255);
        var texts = Enumerable.Range(0, 10).Select(i => new TextElement(new BoundingBox(0, i / 10.0, 1, (i + 1) / 10.0), $"line {i}")).ToArray();
        var input = Page(image, texts);
        var half = (TextImageOperation)new Compose([new TextImage { P = 1, FractionRange = new(0.5, 0.5) }]).Run(input, RandomStream.For(3, 0, 0)).Recipe.Operations[0];
        Assert.Equal(5, half.Texts.Count);
        Assert.Equal(5, half.Texts.Select(t => t.Y1).Distinct().Count());
        var none = (TextImageOperation)new Compose([new TextImage { P = 1, FractionRange = new(0, 0) }]).Run(input, RandomStream.For(3, 0, 0)).Recipe.Operations[0];
        Assert.Empty(none.Texts);
    }

    [Fact]
    public void Augmentations_change_the_words_and_the_recipe_records_the_result()
    {
        using var image = MixUpCutMixTests.Flat(100, 40, 255);
        var input = Page(image, new TextElement(new BoundingBox(0, 0, 1, 1), "one two three four"));
        string Drawn(string change, int copy) => ((TextImageOperation)new Compose([new TextImage { P = 1, Augmentations = [change] }]).Run(input, RandomStream.For(5, 0, copy)).Recipe.Operations[0]).Texts[0].Text;
        Assert.Equal(2, Drawn("deletion", 0).Split(' ').Length);
        Assert.Equal(6, Drawn("insertion", 0).Split(' ').Length);
        Assert.Contains(Drawn("insertion", 1).Split(' '), w => new[] { "the", "is", "in", "at", "of" }.Contains(w));
        Assert.Equal(["four", "one", "three", "two"], Drawn("swap", 2).Split(' ').Order());
        Assert.Equal("one two three four", Drawn("none", 0));
        Assert.Throws<ArgumentException>(() => new TextImage { Augmentations = ["shuffle"] });
    }

    [Theory]
    [InlineData(PixelType.UInt8, 1)]
    [InlineData(PixelType.UInt16, 3)]
    [InlineData(PixelType.Float32, 4)]
    public void Every_type_is_written_in_its_own_range_and_replays_through_json(PixelType type, int channels)
    {
        using var image = TestImages.Make(type, channels, 80, 40);
        var input = Page(image, new TextElement(new BoundingBox(0, 0, 1, 1), "Wg"));
        var (result, recipe) = new Compose([new TextImage { P = 1, ClearBg = true, FontColor = [0, 0, 0] }]).Run(input, RandomStream.For(8, 0, 0));
        Assert.Equal(type, result.Image.PixelType);
        Assert.Equal(channels, result.Image.Channels);
        var values = TestImages.Values(result.Image);
        Assert.Contains(0.0, values);
        var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(input);
        Assert.Equal(values, TestImages.Values(replayed.Image));
        if (channels == 4)
        {
            // The fourth channel has no colour value: without clear_bg it is left alone.
            var plain = new Compose([new TextImage { P = 1 }]).Apply(input, seed: 8).Image.As<float>();
            var source = image.As<float>();
            Assert.All(Enumerable.Range(0, 40).SelectMany(y => Enumerable.Range(0, 80).Select(x => (y, x))), p => Assert.Equal(source[p.y, p.x, 3], plain[p.y, p.x, 3]));
            Assert.Contains(Enumerable.Range(0, 40).SelectMany(y => Enumerable.Range(0, 80).Select(x => (y, x))), p => plain[p.y, p.x, 0] != source[p.y, p.x, 0]);
        }
    }

    [Fact]
    public void A_missing_font_file_is_refused_by_name()
    {
        using var image = MixUpCutMixTests.Flat(40, 30, 255);
        var input = Page(image, new TextElement(new BoundingBox(0, 0, 1, 1), "x"));
        var e = Assert.Throws<FileNotFoundException>(() => new Compose([new TextImage { P = 1, FontPath = "/nonexistent/font.ttf" }]).Apply(input, seed: 1));
        Assert.Contains("TextImage", e.Message, StringComparison.Ordinal);
    }
}
