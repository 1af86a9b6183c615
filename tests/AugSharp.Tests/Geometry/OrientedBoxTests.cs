namespace AugSharp.Tests.Geometry;

public class OrientedBoxTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<double, double, double, double, double> CanonicalBoxes() => new()
    {
        { 50, 40, 30, 10, 0 },
        { 50, 40, 30, 10, 17.5 },
        { 12.25, 80.5, 4, 22, 45 },
        { 100, 3, 60, 9.5, 89 },
        { 64, 64, 20, 20, 33.3 },
        { 7, 9, 0.5, 1.5, 1e-3 },
    };

    [Theory]
    [MemberData(nameof(CanonicalBoxes))]
    public void Xywha_in_degrees_and_radians_round_trips_exactly(double cx, double cy, double w, double h, double degrees)
    {
        foreach (var unit in new[] { AngleUnit.Degrees, AngleUnit.Radians })
        {
            double angle = unit == AngleUnit.Degrees ? degrees : degrees * Math.PI / 180;
            double[] values = [cx, cy, w, h, angle];
            var box = OrientedBoxFormats.FromValues(values, OrientedBoxFormat.Xywha, 200, 100, unit, label: "ship");
            Assert.Equal("ship", box.Label);
            Assert.Equal(degrees * Math.PI / 180, box.Angle, Tolerance);
            var back = OrientedBoxFormats.ToValues(box, OrientedBoxFormat.Xywha, 200, 100, unit);
            for (int i = 0; i < 5; i++) Assert.Equal(values[i], back[i], Tolerance);
        }
    }

    [Theory]
    [MemberData(nameof(CanonicalBoxes))]
    public void Corner_formats_round_trip_exactly_in_pixels_normalised_and_yolo_obb(double cx, double cy, double w, double h, double degrees)
    {
        var box = new OrientedBox(cx, cy, w, h, degrees * Math.PI / 180, "car");
        foreach (var (format, normalized) in new[] { (OrientedBoxFormat.Xyxyxyxy, false), (OrientedBoxFormat.Xyxyxyxy, true), (OrientedBoxFormat.YoloObb, false) })
        {
            var values = OrientedBoxFormats.ToValues(box, format, 200, 100, normalized: normalized);
            Assert.Equal(8, values.Length);
            var back = OrientedBoxFormats.FromValues(values, format, 200, 100, normalized: normalized, label: "car");
            AssertSameBox(box, back);
            var again = OrientedBoxFormats.ToValues(back, format, 200, 100, normalized: normalized);
            for (int i = 0; i < 8; i++) Assert.Equal(values[i], again[i], Tolerance);
        }
    }

    [Fact]
    public void Corners_follow_the_ultralytics_order()
    {
        // xywhr2xyxyxyxy of (0, 0, 4, 2, 0): ctr + vec1 + vec2, ctr + vec1 - vec2, ctr - vec1 - vec2, ctr - vec1 + vec2.
        var corners = new OrientedBox(10, 20, 4, 2, 0).GetCorners();
        Assert.Equal([(12.0, 21.0), (12.0, 19.0), (8.0, 19.0), (8.0, 21.0)], corners);
        var yolo = OrientedBoxFormats.ToValues(new OrientedBox(10, 20, 4, 2, 0), OrientedBoxFormat.YoloObb, 100, 40);
        Assert.Equal([0.12, 21 / 40.0, 0.12, 19 / 40.0, 0.08, 19 / 40.0, 0.08, 21 / 40.0], yolo);
    }

    [Fact]
    public void Any_angle_is_brought_into_zero_to_ninety_degrees_with_the_same_corners()
    {
        for (double degrees = -720; degrees <= 720; degrees += 7.3)
        {
            var raw = new OrientedBox(30, 20, 16, 6, degrees * Math.PI / 180);
            var canonical = raw.Normalized();
            Assert.InRange(canonical.Angle, 0, Math.PI / 2);
            Assert.True(canonical.Angle < Math.PI / 2);
            AssertSameCorners(raw.GetCorners(), canonical.GetCorners());
        }
        // A quarter turn reads as the axis-aligned box with its sides swapped.
        var turned = OrientedBoxFormats.FromValues([30, 20, 16, 6, 90], OrientedBoxFormat.Xywha, 100, 100);
        Assert.Equal(0, turned.Angle);
        Assert.Equal((6.0, 16.0), (turned.Width, turned.Height), new TupleComparer());
    }

    [Fact]
    public void Any_four_points_read_as_their_minimum_area_rectangle()
    {
        // A parallelogram: the minimum-area rectangle has a side along one of its edges and holds every corner.
        double[] values = [0, 0, 10, 0, 14, 5, 4, 5];
        var box = OrientedBoxFormats.FromValues(values, OrientedBoxFormat.Xyxyxyxy, 100, 100);
        Assert.True(box.IsValid);
        Assert.Equal(70, box.Area, 1e-9);
        var hull = box.GetCorners();
        for (int i = 0; i < 4; i++) Assert.True(Inside(hull, values[2 * i], values[2 * i + 1], 1e-9));
    }

    [Fact]
    public void The_minimum_area_rectangle_is_no_larger_than_any_other_direction_gives()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 20; trial++)
        {
            var points = Enumerable.Range(0, 3 + trial).Select(_ => (rng.NextDouble() * 50, rng.NextDouble() * 30)).ToArray();
            var box = Polygons.MinimumAreaRectangle(points);
            var corners = box.GetCorners();
            Assert.All(points, p => Assert.True(Inside(corners, p.Item1, p.Item2, 1e-7)));
            for (int step = 0; step < 1800; step++)
            {
                double t = step * Math.PI / 1800, ux = Math.Cos(t), uy = Math.Sin(t);
                double minU = points.Min(p => p.Item1 * ux + p.Item2 * uy), maxU = points.Max(p => p.Item1 * ux + p.Item2 * uy);
                double minV = points.Min(p => -p.Item1 * uy + p.Item2 * ux), maxV = points.Max(p => -p.Item1 * uy + p.Item2 * ux);
                Assert.True(box.Area <= (maxU - minU) * (maxV - minV) + 1e-9, $"trial {trial}: direction {t} gives a smaller rectangle");
            }
        }
    }

    [Fact]
    public void Clipping_to_a_rectangle_is_a_polygon_intersection()
    {
        // A diamond (a square turned by 45°) with its centre on the clip edge: half of it stays.
        var diamond = new OrientedBox(10, 10, 8, 8, Math.PI / 4).GetCorners();
        var clipped = Polygons.ClipToRectangle(diamond, 10, 0, 30, 30);
        Assert.Equal(32, Polygons.Area(clipped), 1e-9);
        Assert.All(clipped, p => Assert.InRange(p.X, 10, 30));
        Assert.Empty(Polygons.ClipToRectangle(diamond, 20, 0, 30, 30));
        Assert.Equal(64, Polygons.Area(Polygons.ClipToRectangle(diamond, 0, 0, 30, 30)), 1e-9);
    }

    [Fact]
    public void Parameters_clip_and_judge_by_the_clipped_polygon()
    {
        var rules = new OrientedBoxParams { MinVisibility = 0.4 };
        // Half of an axis-aligned oriented box hangs out of a 20-wide image: it is cut to the visible half.
        var kept = Assert.Single(rules.Filter([new OrientedBox(20, 10, 10, 6, 0, "a")], 20, 20));
        AssertSameBox(new OrientedBox(17.5, 10, 5, 6, 0, "a"), kept);
        Assert.Empty((rules with { MinVisibility = 0.6 }).Filter([new OrientedBox(20, 10, 10, 6, 0, "a")], 20, 20));
        Assert.Empty((rules with { MinArea = 31 }).Filter([new OrientedBox(20, 10, 10, 6, 0, "a")], 20, 20));
        Assert.Single((rules with { MinArea = 29 }).Filter([new OrientedBox(20, 10, 10, 6, 0, "a")], 20, 20));
        Assert.Throws<ArgumentException>(() => OrientedBoxParams.Default.Prepare([new OrientedBox(5, 5, 0, 3, 0)], 20, 20));
        Assert.Empty((OrientedBoxParams.Default with { FilterInvalidBoxes = true }).Prepare([new OrientedBox(5, 5, 0, 3, 0)], 20, 20));
    }

    [Fact]
    public void Formats_refuse_wrong_counts_and_normalised_xywha()
    {
        Assert.Throws<ArgumentException>(() => OrientedBoxFormats.FromValues([1, 2, 3, 4], OrientedBoxFormat.Xywha, 10, 10));
        Assert.Throws<ArgumentException>(() => OrientedBoxFormats.FromValues([1, 2, 3, 4, 5], OrientedBoxFormat.YoloObb, 10, 10));
        Assert.Throws<ArgumentException>(() => OrientedBoxFormats.FromValues([1, 2, 3, 4, 5], OrientedBoxFormat.Xywha, 10, 10, normalized: true));
        Assert.Equal(OrientedBoxFormat.YoloObb, OrientedBoxFormats.Parse("YOLO-OBB"));
        Assert.Null(OrientedBoxFormats.Parse("coco"));
    }

    internal static void AssertSameBox(OrientedBox expected, OrientedBox actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Label, actual.Label);
        Assert.Equal(expected.CX, actual.CX, tolerance);
        Assert.Equal(expected.CY, actual.CY, tolerance);
        Assert.Equal(expected.Width, actual.Width, tolerance);
        Assert.Equal(expected.Height, actual.Height, tolerance);
        Assert.Equal(expected.Angle, actual.Angle, tolerance);
    }

    private static void AssertSameCorners((double X, double Y)[] expected, (double X, double Y)[] actual)
    {
        foreach (var e in expected)
            Assert.Contains(actual, a => Math.Abs(a.X - e.X) < 1e-9 && Math.Abs(a.Y - e.Y) < 1e-9);
    }

    internal static bool Inside((double X, double Y)[] convex, double x, double y, double tolerance)
    {
        // Inside or within tolerance of every edge's line, whichever way the corners run.
        double sign = 0;
        for (int i = 0; i < convex.Length; i++)
        {
            var a = convex[i];
            var b = convex[(i + 1) % convex.Length];
            double len = Math.Sqrt((b.X - a.X) * (b.X - a.X) + (b.Y - a.Y) * (b.Y - a.Y));
            double c = ((b.X - a.X) * (y - a.Y) - (b.Y - a.Y) * (x - a.X)) / len;
            if (Math.Abs(c) <= tolerance) continue;
            if (sign == 0) sign = Math.Sign(c);
            else if (Math.Sign(c) != sign) return false;
        }
        return true;
    }

    private sealed class TupleComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < 1e-9 && Math.Abs(a.Item2 - b.Item2) < 1e-9;

        public int GetHashCode((double, double) obj) => 0;
    }
}
