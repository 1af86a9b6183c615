using AugSharp.Keras;
using AugSharp.Pictures;

namespace AugSharp.Tests.Pictures;

public class PreviewGridTests
{
    private static ImageBuffer<byte> Solid(int w, int h, int channels, byte value)
    {
        var image = new ImageBuffer<byte>(w, h, channels);
        image.Fill(value);
        return image;
    }

    [Fact]
    public void NineCellsMakeAThreeByThreeGridWithMargins()
    {
        var cells = Enumerable.Range(0, 9).Select(i => Solid(10, 6, 3, (byte)(i * 20))).ToArray();
        using var grid = PreviewGrid.Compose(cells, options: new PreviewGridOptions { Margin = 2 });
        Assert.Equal(3 * 10 + 4 * 2, grid.Width);
        Assert.Equal(3 * 6 + 4 * 2, grid.Height);
        Assert.Equal(3, grid.Channels);
        Assert.Equal(255, grid[0, 0, 0]);
        for (int i = 0; i < 9; i++)
        {
            int x = 2 + (i % 3) * 12, y = 2 + (i / 3) * 8;
            Assert.Equal(i * 20, grid[y, x, 1]);
            Assert.Equal(i * 20, grid[y + 5, x + 9, 2]);
        }
    }

    [Fact]
    public void GrayAndAlphaCellsBecomeRgb()
    {
        using var gray = Solid(4, 4, 1, 100);
        using var rgba = new ImageBuffer<byte>(4, 4, 4); // transparent black over white background
        using var grid = PreviewGrid.Compose([gray, rgba], options: new PreviewGridOptions { Margin = 0, Columns = 2 });
        Assert.Equal(100, grid[0, 0, 2]);
        Assert.Equal(255, grid[0, 4, 0]);
    }

    [Fact]
    public void CaptionsAddABandWithDarkText()
    {
        var cells = Enumerable.Range(0, 4).Select(_ => Solid(60, 20, 3, 200)).ToArray();
        using var plain = PreviewGrid.Compose(cells, options: new PreviewGridOptions { Columns = 2 });
        using var captioned = PreviewGrid.Compose(cells, ["theta=1", "b", null, "flip_h"], new PreviewGridOptions { Columns = 2 });
        Assert.Equal(plain.Width, captioned.Width);
        Assert.True(captioned.Height > plain.Height);
        int dark = 0;
        for (int y = 4 + 20; y < 4 + 20 + CaptionFont.LineHeight(PreviewGrid.CaptionFontSizeFor(60)) + 4; y++)
            for (int x = 4; x < 64; x++)
                if (captioned[y, x, 0] < 100) dark++;
        Assert.True(dark > 10, "the caption of the first cell is drawn under it");
    }

    [Fact]
    public void CaptionsAreAntialiasedTextTallEnoughToRead()
    {
        var cells = new[] { Solid(300, 40, 3, 200) };
        using var plain = PreviewGrid.Compose(cells, options: new PreviewGridOptions { Margin = 0 });
        using var captioned = PreviewGrid.Compose(cells, ["theta=-37.2 zx=0.91 flip_h"], new PreviewGridOptions { Margin = 0 });
        var levels = new HashSet<byte>();
        int top = int.MaxValue, bottom = -1;
        for (int y = 40; y < captioned.Height; y++)
            for (int x = 0; x < 300; x++)
            {
                levels.Add(captioned[y, x, 0]);
                if (captioned[y, x, 0] < 128) { top = Math.Min(top, y); bottom = Math.Max(bottom, y); }
            }
        Assert.True(levels.Count > 8, $"{levels.Count} grey levels: the text is anti-aliased");
        Assert.True(bottom - top + 1 >= 11, $"the caption is {bottom - top + 1} pixels tall, readable at 100%");
    }

    [Fact]
    public void WrongCaptionCountIsRefused()
        => Assert.Throws<ArgumentException>(() => PreviewGrid.Compose([Solid(2, 2, 3, 0)], ["a", "b"]));

    [Fact]
    public void TheEmbeddedFontCoversPrintableAscii()
    {
        Assert.Equal(CaptionFont.FamilyName, CaptionFont.Typeface.FamilyName);
        for (char c = '!'; c <= '~'; c++)
        {
            using var image = new ImageBuffer<byte>(20, 20, 1);
            image.Fill(255);
            CaptionFont.DrawText(image, c.ToString(), 2, 0, 13, [0]);
            Assert.True(image.ToArray().Any(v => v < 128), $"glyph '{c}' draws nothing");
        }
        Assert.True(CaptionFont.MeasureWidth("abc", 13) > 10);
        Assert.True(CaptionFont.MeasureWidth("abcabc", 13) > CaptionFont.MeasureWidth("abc", 13));
        Assert.InRange(CaptionFont.LineHeight(13), 13, 18);
    }

    [Fact]
    public void WrapBreaksAtSpacesWithinTheWidth()
    {
        int width = CaptionFont.MeasureWidth("theta=1.0", 13);
        Assert.Equal(["theta=1.0", "zx=0.9"], CaptionFont.Wrap("theta=1.0 zx=0.9", 13, width));
        Assert.Equal(["theta=1.0 zx=0.9"], CaptionFont.Wrap("theta=1.0 zx=0.9", 13, 1000));
        var pieces = CaptionFont.Wrap("abcdefghijkl", 13, CaptionFont.MeasureWidth("abcd", 13));
        Assert.Equal("abcdefghijkl", string.Concat(pieces));
        Assert.All(pieces, p => Assert.True(CaptionFont.MeasureWidth(p, 13) <= CaptionFont.MeasureWidth("abcd", 13) + 1));
    }

    [Fact]
    public void ResizeKeepsTheAspectAndAverages()
    {
        Assert.Equal((64, 43), PictureResize.FitSize(451, 300, 64));
        Assert.Equal((20, 40), PictureResize.FitSize(50, 100, 40));
        using var image = Solid(8, 4, 3, 90);
        using var small = PictureResize.Fit(image, 4);
        Assert.Equal((4, 2), (small.Width, small.Height));
        Assert.Equal(90, small[1, 3, 2]);
        using var large = PictureResize.Resize(image, 16, 8);
        Assert.Equal(90, large[7, 15, 0]);
    }

    [Fact]
    public void CaptionsNameTheDrawnParameters()
    {
        Assert.Equal("identity", TransformCaption.Format(KerasTransformParameters.Identity));
        var p = new KerasTransformParameters { Theta = -37.24, Zx = 0.912, FlipHorizontal = true, Brightness = 0.5 };
        Assert.Equal("theta=-37.2 zx=0.91 flip_h brightness=0.50", TransformCaption.Format(p));
    }

    [Fact]
    public void StatisticsPerChannel()
    {
        using var image = new ImageBuffer<ushort>(2, 1, 2);
        image[0, 0, 0] = 10; image[0, 1, 0] = 30; image[0, 0, 1] = 65535;
        var stats = ImageStatistics.Compute(image);
        Assert.Equal(new ChannelStatistics(0, 10, 30, 20), stats[0]);
        Assert.Equal(new ChannelStatistics(1, 0, 65535, 32767.5), stats[1]);
    }

    [Fact]
    public void SixteenBitKerasFloatsRoundTrip()
    {
        using var image = new ImageBuffer<ushort>(1, 1, 1);
        image[0, 0, 0] = 51400;
        using var f = KerasPixels.ToKerasFloat(image);
        Assert.Equal(200f, f[0, 0, 0], 3);
        using var back = KerasPixels.FromKerasFloat(f, PixelType.UInt16);
        Assert.Equal((ushort)51400, back.As<ushort>()[0, 0, 0]);
    }

    [Fact]
    public void PreviewIsDeterministicAndShowsTheOriginalFirst()
    {
        using var source = new ImageBuffer<byte>(12, 8, 3);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 12; x++) source[y, x, 0] = (byte)(x * 20);
        var generator = new ImageDataGenerator(rotationRange: 30, horizontalFlip: true);
        var options = new PreviewOptions { Seed = 9, WithOriginal = true, Captions = true, Margin = 1 };
        var a = AugmentationPreview.Render(source, generator, options);
        var b = AugmentationPreview.Render(source, generator, options);
        Assert.Equal(8, a.Operations.Count);
        Assert.Equal(a.Operations.Select(OperationJson.Serialize), b.Operations.Select(OperationJson.Serialize));
        Assert.Equal(a.Image.ToArray(), b.Image.ToArray());
        Assert.Equal(source[3, 11, 0], a.Image[1 + 3, 1 + 11, 0]);
        var other = AugmentationPreview.Render(source, generator, options with { Seed = 10 });
        Assert.NotEqual(a.Operations.Select(OperationJson.Serialize), other.Operations.Select(OperationJson.Serialize));
    }

    [Fact]
    public void CellSizeResizesBeforeAugmenting()
    {
        using var source = new ImageBuffer<byte>(40, 20, 3);
        var picture = AugmentationPreview.Render(source, new ImageDataGenerator(), new PreviewOptions { CellSize = 10, Margin = 0 });
        Assert.Equal((10, 5), (picture.CellWidth, picture.CellHeight));
        Assert.Equal((30, 15), (picture.Image.Width, picture.Image.Height));
    }
}
