using AugSharp.Pictures;

namespace AugSharp.Tests.Pictures;

public class OrientedBoxOverlayTests
{
    [Fact]
    public void An_oriented_box_is_drawn_as_its_polygon_outline()
    {
        using var image = new ImageBuffer<byte>(40, 30, 3);
        var box = new OrientedBox(20, 15, 20, 10, Math.PI / 6, "x");
        using var picture = AnnotationOverlay.Draw(new AnnotatedImage(image, orientedBoxes: [box]));
        var corners = box.GetCorners();
        bool Lit(int x, int y) => picture[y, x, 0] + picture[y, x, 1] + picture[y, x, 2] > 0;
        int lit = 0;
        for (int y = 0; y < 30; y++)
        {
            for (int x = 0; x < 40; x++)
            {
                if (!Lit(x, y)) continue;
                lit++;
                // Every lit pixel lies on the outline: the line is drawn up to 1.25 px inside a side, and a pixel's centre is at most √½ from any point of it.
                double distance = Enumerable.Range(0, 4).Min(i => DistanceToSegment(x + 0.5, y + 0.5, corners[i], corners[(i + 1) % 4]));
                Assert.True(distance <= 1.25 + Math.Sqrt(0.5) + 1e-9, $"pixel ({x}, {y}) is {distance:F2} from the outline");
            }
        }
        // Every side is drawn along its whole length, and the inside is left alone.
        for (int i = 0; i < 4; i++)
        {
            var (a, b) = (corners[i], corners[(i + 1) % 4]);
            for (double t = 0.05; t < 1; t += 0.05)
            {
                double px = a.X + t * (b.X - a.X), py = a.Y + t * (b.Y - a.Y);
                // The pixel just inside the side.
                double ix = px + (box.CX - px) * 0.05, iy = py + (box.CY - py) * 0.05;
                Assert.True(Lit((int)Math.Floor(ix), (int)Math.Floor(iy)), $"side {i} at t = {t:F2} is not drawn");
            }
        }
        Assert.False(Lit(20, 15));
        Assert.InRange(lit, 2 * 55, 4 * 65);
    }

    [Fact]
    public void Preview_cells_draw_the_moved_oriented_boxes()
    {
        using var source = new ImageBuffer<byte>(40, 30, 3);
        var input = new AnnotatedImage(source, orientedBoxes: [new OrientedBox(12, 10, 12, 6, 0.4, "x")]);
        var picture = AugmentationPreview.Render(input, new HorizontalFlip { P = 1 }, new PreviewOptions { Rows = 1, Columns = 2, WithOriginal = true, Margin = 0 });
        int LitIn(int x0, int x1) => Enumerable.Range(0, 30).Sum(y => Enumerable.Range(x0, x1 - x0).Count(x => picture.Image[y, x, 0] + picture.Image[y, x, 1] + picture.Image[y, x, 2] > 0));
        // The original cell shows the box on its left, the flipped cell on its right (cells are 40 wide).
        Assert.True(LitIn(0, 20) > 40);
        Assert.Equal(0, LitIn(22, 40));
        Assert.Equal(0, LitIn(40, 58));
        Assert.True(LitIn(60, 80) > 40);
    }

    [Fact]
    public void Preview_cells_give_their_place_in_the_grid_and_the_moved_oriented_boxes()
    {
        using var source = new ImageBuffer<byte>(40, 30, 3);
        var box = new OrientedBox(12, 10, 12, 6, 0.4, "x");
        var input = new AnnotatedImage(source, orientedBoxes: [box]);
        var pipeline = new Compose([new Rotate { Limit = new(-30, 30), P = 1 }], orientedBoxParams: new OrientedBoxParams());
        var picture = AugmentationPreview.Render(input, pipeline, new PreviewOptions { Rows = 2, Columns = 2, WithOriginal = true, Seed = 5, Margin = 3 });
        Assert.Equal(4, picture.Cells.Count);
        Assert.Equal(new PreviewCell(3, 3, 40, 30, picture.Cells[0].OrientedBoxes), picture.Cells[0]);
        Assert.Equal((46, 36), (picture.Cells[3].X, picture.Cells[3].Y));
        Assert.Equal(box, Assert.Single(picture.Cells[0].OrientedBoxes));
        for (int i = 1; i < 4; i++)
        {
            // The same cell made again from its random stream: the boxes the picture gives are the ones the pipeline moved.
            var (result, _) = pipeline.Run(input, RandomStream.For(5, 0, i - 1));
            Assert.Equal(result.OrientedBoxes, picture.Cells[i].OrientedBoxes);
            Assert.NotEqual(box, Assert.Single(picture.Cells[i].OrientedBoxes));
            result.DisposeExcept(input);
        }
        picture.Image.Dispose();
    }

    private static double DistanceToSegment(double x, double y, (double X, double Y) a, (double X, double Y) b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        double t = Math.Clamp(((x - a.X) * dx + (y - a.Y) * dy) / (dx * dx + dy * dy), 0, 1);
        double ex = a.X + t * dx - x, ey = a.Y + t * dy - y;
        return Math.Sqrt(ex * ex + ey * ey);
    }

    [Fact]
    public void Objects_of_one_class_share_its_colour_whatever_their_tag()
    {
        Assert.Equal(AnnotationOverlay.ColourOf("plane"), AnnotationOverlay.ColourOf("plane\u001F3"));
        Assert.Equal(AnnotationOverlay.ColourOf("plane\u001F0"), AnnotationOverlay.ColourOf("plane\u001F7"));
        Assert.Contains(new[] { "ship", "car", "tree", "road" }, name => AnnotationOverlay.ColourOf(name) != AnnotationOverlay.ColourOf("plane"));
    }
}
