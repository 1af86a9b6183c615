using System.Reflection;
using AugSharp.Tests.Geometry;

namespace AugSharp.Tests.Transforms;

/// <summary>Oriented boxes through every operation kind: exact maps, affine and projective matrices, coordinate maps, crops, dropouts, mosaic, and pipelines that cannot carry them.</summary>
public class OrientedBoxTransformTests
{
    private const int W = TransformTestParameters.Width;
    private const int H = TransformTestParameters.Height;

    private static readonly OrientedBox[] Boxes =
    [
        new(20, 15, 16, 9, 25 * Math.PI / 180, "a"),
        new(12.5, 9, 7, 4, 0, "b"),
        new(28, 20, 6, 10, 60 * Math.PI / 180, "c"),
        new(9, 21, 5, 5, Math.PI / 4, "d"),
    ];

    /// <summary>The exact operations and their maps of edge coordinates, written out by hand for a W x H source.</summary>
    public static TheoryData<string> ExactNames() => new(["hflip", "vflip", "transpose", "rot1", "rot2", "rot3", "d4-0t", "d4-1t", "d4-2t", "d4-3t", "d4-1"]);

    private static (GeometricOperation Op, Func<double, double, (double, double)> Map) Exact(string name) => name switch
    {
        "hflip" => (new HorizontalFlipOperation(), (x, y) => (W - x, y)),
        "vflip" => (new VerticalFlipOperation(), (x, y) => (x, H - y)),
        "transpose" => (new TransposeOperation(), (x, y) => (y, x)),
        "rot1" => (new Rotate90Operation(1), (x, y) => (y, W - x)),
        "rot2" => (new Rotate90Operation(2), (x, y) => (W - x, H - y)),
        "rot3" => (new Rotate90Operation(3), (x, y) => (H - y, x)),
        // D4 with transposition: transpose first (the image becomes H x W), then the quarter turns of that image.
        "d4-0t" => (new D4Operation(0, true), (x, y) => (y, x)),
        "d4-1t" => (new D4Operation(1, true), (x, y) => (x, H - y)),
        "d4-2t" => (new D4Operation(2, true), (x, y) => (H - y, W - x)),
        "d4-3t" => (new D4Operation(3, true), (x, y) => (W - x, y)),
        _ => (new D4Operation(1, false), (x, y) => (y, W - x)),
    };

    [Theory]
    [MemberData(nameof(ExactNames))]
    public void Flips_transpose_quarter_turns_and_d4_give_the_exact_box(string name)
    {
        var (op, map) = Exact(name);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var input = new AnnotatedImage(image, orientedBoxes: Boxes);
        var expected = Boxes.Select(b => Expected(b, map)).ToArray();
        var direct = op.Apply(input);
        var piped = new ComposeOperation([op]).Apply(input);
        Assert.Equal(expected.Length, direct.OrientedBoxes.Count);
        Assert.Equal(expected.Length, piped.OrientedBoxes.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            OrientedBoxTests.AssertSameBox(expected[i], direct.OrientedBoxes[i]);
            OrientedBoxTests.AssertSameBox(expected[i], piped.OrientedBoxes[i]);
        }
    }

    [Fact]
    public void A_chain_of_exact_steps_fused_into_one_matrix_gives_the_exact_box()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var input = new AnnotatedImage(image, orientedBoxes: Boxes);
        // Flip (40 x 30), quarter turn (to 30 x 40), transpose (back to 40 x 30), vertical flip.
        var chain = new ComposeOperation([new HorizontalFlipOperation(), new Rotate90Operation(1), new TransposeOperation(), new VerticalFlipOperation()]);
        Func<double, double, (double, double)> map = (x, y) =>
        {
            x = W - x;
            (x, y) = (y, W - x);
            (x, y) = (y, x);
            return (x, H - y);
        };
        var result = chain.Apply(input);
        for (int i = 0; i < Boxes.Length; i++) OrientedBoxTests.AssertSameBox(Expected(Boxes[i], map), result.OrientedBoxes[i]);
    }

    [Fact]
    public void MixUp_keeps_the_oriented_boxes_of_both_images()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        using var other = TestImages.Make(PixelType.UInt8, 3, W * 2, H * 2, salt: 3);
        var companion = new AnnotatedImage(other, orientedBoxes: [new OrientedBox(40, 30, 20, 10, 0.5, "far")]);
        var input = new AnnotatedImage(image, orientedBoxes: [Boxes[0]]).WithMetadata("mixup_metadata", new[] { companion });
        var op = new MixUpOperation { MetadataKey = "mixup_metadata", Companion = CompanionRef.Companion(0), Lambda = 0.6 };
        var result = new ComposeOperation([op]) { OrientedBoxParams = new OrientedBoxParams() }.Apply(input);
        Assert.Equal(["a", "far"], result.OrientedBoxes.Select(b => b.Label));
        OrientedBoxTests.AssertSameBox(Boxes[0], result.OrientedBoxes[0]);
        // The companion is scaled by one half to the image's size: its box too, about the image's origin.
        var far = result.OrientedBoxes[1];
        Assert.Equal((20.0, 15.0), (Math.Round(far.CX, 9), Math.Round(far.CY, 9)));
        Assert.Equal(50, far.Area, 1e-9);
    }

    /// <summary>The box under a map that keeps right angles, computed from its centre and its axis direction.</summary>
    private static OrientedBox Expected(OrientedBox box, Func<double, double, (double, double)> map)
    {
        var (cx, cy) = map(box.CX, box.CY);
        var (ox, oy) = map(0, 0);
        var (dx, dy) = map(Math.Cos(box.Angle), Math.Sin(box.Angle));
        return new OrientedBox(cx, cy, box.Width, box.Height, Math.Atan2(dy - oy, dx - ox), box.Label).Normalized();
    }

    [Theory]
    [InlineData("Affine")]
    [InlineData("Rotate")]
    [InlineData("ShiftScaleRotate")]
    [InlineData("Perspective")]
    public void Under_a_matrix_the_corners_are_the_matrix_applied_to_the_input_corners(string name)
    {
        var transform = TransformTestParameters.Create(name);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var small = new OrientedBox(20, 15, 8, 5, 0.4, "s");
        int checkedCopies = 0;
        for (int copy = 0; copy < 10; copy++)
        {
            var (result, recipe) = new Compose([transform]).Run(new AnnotatedImage(image, orientedBoxes: [small]), RandomStream.For(3, 1, copy));
            var op = Assert.IsAssignableFrom<GeometricOperation>(Assert.Single(recipe.Operations));
            var m = op.GetMatrix(image.Shape);
            // The matrix maps pixel-index coordinates: an edge coordinate is half a pixel further.
            var expectedCorners = small.GetCorners().Select(c =>
            {
                double x = c.X - 0.5, y = c.Y - 0.5, w = m.M31 * x + m.M32 * y + m.M33;
                return ((m.M11 * x + m.M12 * y + m.M13) / w + 0.5, (m.M21 * x + m.M22 * y + m.M23) / w + 0.5);
            }).ToArray();
            var moved = small.TransformCorners(m);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(expectedCorners[i].Item1, moved[i].X, 1e-4);
                Assert.Equal(expectedCorners[i].Item2, moved[i].Y, 1e-4);
            }
            var box = Assert.Single(result.OrientedBoxes);
            var (ow, oh) = op.GetOutputSize(image.Shape);
            if (!expectedCorners.All(c => c.Item1 >= 0 && c.Item1 <= ow && c.Item2 >= 0 && c.Item2 <= oh)) continue;
            checkedCopies++;
            // Wholly inside the image: the result is a minimum-area rectangle around those corners (its area is; when two
            // hull edges give nearly the same area, rounding may pick either rectangle).
            Assert.Equal(Polygons.MinimumAreaRectangle(expectedCorners.Select(c => (c.Item1, c.Item2))).Area, box.Area, 1e-6);
            var corners = box.GetCorners();
            Assert.All(expectedCorners, c => Assert.True(OrientedBoxTests.Inside(corners, c.Item1, c.Item2, 1e-6)));
            double envelope = (expectedCorners.Max(c => c.Item1) - expectedCorners.Min(c => c.Item1)) * (expectedCorners.Max(c => c.Item2) - expectedCorners.Min(c => c.Item2));
            Assert.True(box.Area <= envelope + 1e-9);
            Assert.True(box.Area >= Polygons.Area(expectedCorners.Select(c => (c.Item1, c.Item2)).ToArray()) - 1e-9);
        }
        Assert.True(checkedCopies >= 5, $"only {checkedCopies} copies kept the box inside the image");
    }

    [Fact]
    public void A_rotation_turns_the_box_without_growing_it()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var box = new OrientedBox(20, 15, 10, 4, 0.2, "r");
        var rotate = new AffineOperation { Angle = 30 };
        var result = Assert.Single(new ComposeOperation([rotate]).Apply(new AnnotatedImage(image, orientedBoxes: [box])).OrientedBoxes);
        Assert.Equal(10 * 4, result.Area, 1e-9);
        // The sides keep their lengths (which one is the width depends on where the angle lands in [0°, 90°)).
        Assert.Equal([4.0, 10.0], new[] { result.Width, result.Height }.Order().Select(v => Math.Round(v, 9)));
        // The long side turned by the rotation (Affine's angle turns the image counter-clockwise on screen).
        var longSide = result.Width > result.Height ? result.Angle : result.Angle + Math.PI / 2;
        Assert.Equal(0, Math.Sin(longSide - (0.2 - Math.PI / 6)), 1e-9);
    }

    /// <summary>
    /// For every geometric transform of the registry: a box drawn as a mask (the pixels lying
    /// wholly inside it) stays inside the moved box on 99% of the mask's pixels, and a box is
    /// dropped only when its mask is gone.
    /// </summary>
    [Theory]
    [MemberData(nameof(TransformTestParameters.Names), MemberType = typeof(TransformTestParameters))]
    public void A_box_drawn_as_a_mask_stays_inside_its_moved_box(string name)
    {
        if (!TransformRegistry.Find(name).IsGeometric) return;
        var transform = TransformTestParameters.Create(name);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var box = new OrientedBox(20, 15, 16, 9, 25 * Math.PI / 180, "o");
        using var mask = Draw(box, W, H);
        var pipeline = new Compose([transform], orientedBoxParams: new OrientedBoxParams());
        for (int copy = 0; copy < 6; copy++)
        {
            var result = pipeline.Apply(new AnnotatedImage(image, [mask], orientedBoxes: [box]), seed: 11, item: 0, copy);
            var m = result.Masks[0].As<byte>();
            int total = 0, inside = 0;
            var moved = result.OrientedBoxes.Count == 1 ? result.OrientedBoxes[0].GetCorners() : null;
            for (int y = 0; y < m.Height; y++)
            {
                for (int x = 0; x < m.Width; x++)
                {
                    if (m[y, x, 0] == 0) continue;
                    total++;
                    if (moved is not null && OrientedBoxTests.Inside(moved, x + 0.5, y + 0.5, 1e-6)) inside++;
                }
            }
            Assert.True(result.OrientedBoxes.Count <= 1);
            if (moved is null)
            {
                Assert.True(total == 0, $"{name} copy {copy}: the box was dropped but {total} mask pixels remain");
                continue;
            }
            Assert.Equal("o", result.OrientedBoxes[0].Label);
            Assert.True(result.OrientedBoxes[0].IsValid);
            Assert.InRange(result.OrientedBoxes[0].Angle, 0, Math.PI / 2);
            Assert.True(inside >= 0.99 * total, $"{name} copy {copy}: {inside} of {total} mask pixels inside the moved box {result.OrientedBoxes[0]}");
            if (!ReferenceEquals(result.Image, image)) result.Image.Dispose();
        }
    }

    /// <summary>A mask of the pixels whose square lies wholly inside <paramref name="box"/>.</summary>
    private static ImageBuffer<byte> Draw(OrientedBox box, int width, int height)
    {
        var corners = box.GetCorners();
        var mask = new ImageBuffer<byte>(width, height, 1);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (new[] { (x, y), (x + 1, y), (x, y + 1), (x + 1, y + 1) }.All(p => Polygons.ContainsConvex(corners, p.Item1, p.Item2))) mask[y, x, 0] = 1;
        return mask;
    }

    [Fact]
    public void Every_operation_that_moves_boxes_moves_oriented_boxes_or_its_transform_refuses_them()
    {
        var assembly = typeof(Operation).Assembly;
        var operations = assembly.GetTypes().Where(t => !t.IsAbstract && typeof(Operation).IsAssignableFrom(t)).ToArray();
        var refusedOperations = new HashSet<Type>();
        foreach (var d in TransformRegistry.All)
        {
            if (!d.Type.IsDefined(typeof(NoOrientedBoxesAttribute), false)) continue;
            for (var t = d.Type; t is not null; t = t.BaseType)
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Transform<>)) refusedOperations.Add(t.GetGenericArguments()[0]);
        }
        Assert.NotEmpty(refusedOperations);
        var missing = new List<string>();
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public;
        foreach (var type in operations)
        {
            if (refusedOperations.Contains(type)) continue;
            var boxes = type.GetMethod("ApplyToBoxes", flags)!.DeclaringType;
            var oriented = type.GetMethod("ApplyToOrientedBoxes", flags)!.DeclaringType;
            if (boxes != typeof(Operation) && oriented == typeof(Operation)) missing.Add(type.Name);
            if (typeof(MixingOperation).IsAssignableFrom(type)
                && type.GetMethod("Apply", [typeof(AnnotatedImage), typeof(BoxParams), typeof(KeypointParams), typeof(OrientedBoxParams)])!.DeclaringType == typeof(MixingOperation))
                missing.Add(type.Name);
        }
        Assert.True(missing.Count == 0, "Operations that move boxes but not oriented boxes: " + string.Join(", ", missing));
    }

    [Fact]
    public void A_pipeline_with_a_transform_that_cannot_carry_oriented_boxes_is_refused_naming_it()
    {
        var cutMix = TransformTestParameters.Create("CutMix");
        var built = Assert.Throws<NotSupportedException>(() => new Compose([new HorizontalFlip(), new OneOf([new VerticalFlip(), cutMix])], orientedBoxParams: new OrientedBoxParams()));
        Assert.Contains("CutMix", built.Message, StringComparison.Ordinal);
        var copyPaste = Assert.Throws<NotSupportedException>(() => new Compose([TransformTestParameters.Create("CopyAndPaste")], orientedBoxParams: new OrientedBoxParams()));
        Assert.Contains("CopyAndPaste", copyPaste.Message, StringComparison.Ordinal);

        // Without oriented-box rules the pipeline is built, and refused when it is given oriented boxes.
        var pipeline = new Compose([cutMix]);
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var run = Assert.Throws<NotSupportedException>(() => pipeline.Apply(new AnnotatedImage(image, orientedBoxes: Boxes), seed: 1));
        Assert.Contains("CutMix", run.Message, StringComparison.Ordinal);
        var (plain, _) = pipeline.Run(new AnnotatedImage(image), RandomStream.For(1, 0, 0));
        Assert.Empty(plain.OrientedBoxes);

        var file = Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse("obb_params: {format: yolo_obb}\ntransforms:\n  - HorizontalFlip\n  - CutMix\n", "test.yaml"));
        Assert.Contains("CutMix", file.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lambda_that_moves_boxes_without_an_oriented_box_function_is_refused()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var lambda = new Lambda { Functions = new LambdaFunctions { Boxes = (b, _) => b } };
        var e = Assert.Throws<NotSupportedException>(() => new Compose([lambda]).Apply(new AnnotatedImage(image, orientedBoxes: Boxes), seed: 1));
        Assert.Contains("Lambda", e.Message, StringComparison.Ordinal);
        var moving = new Lambda { Functions = new LambdaFunctions { Boxes = (b, _) => b, OrientedBoxes = (b, _) => b.Select(x => x with { CX = x.CX + 1 }).ToArray() } };
        var result = new Compose([moving]).Apply(new AnnotatedImage(image, orientedBoxes: Boxes), seed: 1);
        Assert.Equal(Boxes.Select(b => b.CX + 1), result.OrientedBoxes.Select(b => b.CX));
    }

    [Fact]
    public void A_crop_clips_the_box_as_a_polygon_and_judges_its_visible_share()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        // A diamond whose centre lies on the crop's left edge: half of it stays, a triangle of area 50.
        var diamond = new OrientedBox(20, 15, 10, 10, Math.PI / 4, "d");
        var crop = TransformRegistry.Create("Crop", new Dictionary<string, object?> { ["x_min"] = 20L, ["y_min"] = 0L, ["x_max"] = 40L, ["y_max"] = 30L, ["p"] = 1.0 });
        var kept = new Compose([crop], orientedBoxParams: new OrientedBoxParams { MinVisibility = 0.45 }).Apply(new AnnotatedImage(image, orientedBoxes: [diamond]), seed: 1);
        var box = Assert.Single(kept.OrientedBoxes);
        // The triangle (0, 7.93), (7.07, 15), (0, 22.07) in the crop's frame: its tightest rectangle holds it
        // and, as for any triangle, has twice its area.
        double r = 5 * Math.Sqrt(2);
        (double, double)[] triangle = [(0, 15 - r), (r, 15), (0, 15 + r)];
        var corners = box.GetCorners();
        Assert.All(triangle, p => Assert.True(OrientedBoxTests.Inside(corners, p.Item1, p.Item2, 1e-9)));
        Assert.Equal(100, box.Area, 1e-9);
        Assert.Empty(new Compose([crop], orientedBoxParams: new OrientedBoxParams { MinVisibility = 0.55 }).Apply(new AnnotatedImage(image, orientedBoxes: [diamond]), seed: 1).OrientedBoxes);
        Assert.Empty(new Compose([crop], orientedBoxParams: new OrientedBoxParams { MinArea = 51 }).Apply(new AnnotatedImage(image, orientedBoxes: [diamond]), seed: 1).OrientedBoxes);
        // A box wholly inside the crop keeps its size and turn, shifted.
        var inside = new OrientedBox(30, 15, 6, 3, 0.5, "i");
        var shifted = Assert.Single(new Compose([crop], orientedBoxParams: new OrientedBoxParams()).Apply(new AnnotatedImage(image, orientedBoxes: [inside]), seed: 1).OrientedBoxes);
        OrientedBoxTests.AssertSameBox(inside with { CX = 10 }, shifted);
    }

    [Fact]
    public void Box_safe_crops_keep_oriented_boxes()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        // A box near the top-left corner: a crop that did not know of it would often cut it away.
        var box = new OrientedBox(7, 6, 10, 4, 0.6, "s");
        var crop = TransformRegistry.Create("BBoxSafeRandomCrop", new Dictionary<string, object?> { ["erosion_rate"] = 0.3, ["p"] = 1.0 });
        var pipeline = new Compose([crop], orientedBoxParams: new OrientedBoxParams());
        for (int copy = 0; copy < 16; copy++)
        {
            var result = pipeline.Apply(new AnnotatedImage(image, orientedBoxes: [box]), seed: 3, item: 0, copy);
            // The crop holds the box's envelope less the erosion (15% of its size on each side): most of the box stays.
            var kept = Assert.Single(result.OrientedBoxes);
            Assert.True(kept.Area >= 0.6 * box.Area, $"copy {copy}: {kept.Area:F1} of {box.Area} left");
            if (!ReferenceEquals(result.Image, image)) result.Image.Dispose();
        }
    }

    [Fact]
    public void A_pad_keeps_the_box_and_shifts_it()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var pad = TransformRegistry.Create("Pad", new Dictionary<string, object?> { ["padding"] = new List<object?> { 3L, 2L, 5L, 1L }, ["p"] = 1.0 });
        var box = new OrientedBox(20, 15, 6, 3, 0.5, "p");
        var result = Assert.Single(new Compose([pad]).Apply(new AnnotatedImage(image, orientedBoxes: [box]), seed: 1).OrientedBoxes);
        OrientedBoxTests.AssertSameBox(box with { CX = 23, CY = 17 }, result);
    }

    [Fact]
    public void A_dropout_hole_over_a_box_drops_it_by_its_visible_share()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var box = new OrientedBox(20, 15, 10, 6, 0.3, "h");
        var covering = new HoleDropoutOperation([new DropoutHole(10, 5, 30, 25)], [0], null);
        var aside = new HoleDropoutOperation([new DropoutHole(0, 0, 5, 5)], [0], null);
        var rules = new OrientedBoxParams { MinVisibility = 0.5 };
        Assert.Empty(new ComposeOperation([covering]) { OrientedBoxParams = rules }.Apply(new AnnotatedImage(image, orientedBoxes: [box])).OrientedBoxes);
        Assert.Equal([box], new ComposeOperation([aside]) { OrientedBoxParams = rules }.Apply(new AnnotatedImage(image, orientedBoxes: [box])).OrientedBoxes);
        // With the default rules every box stays, as for axis-aligned boxes.
        Assert.Equal([box], new ComposeOperation([covering]).Apply(new AnnotatedImage(image, orientedBoxes: [box])).OrientedBoxes);
    }

    [Fact]
    public void Mosaic_moves_oriented_boxes_with_their_squares_and_clips_them_to_their_cells()
    {
        static AnnotatedImage Square(int x, int y, int side, string label)
        {
            var image = new ImageBuffer<byte>(40, 40, 3);
            return new AnnotatedImage(image, boxes: [new BoundingBox(x, y, x + side, y + side, label)],
                orientedBoxes: [new OrientedBox(x + side / 2.0, y + side / 2.0, side, side, 0, label)]);
        }
        var input = Square(8, 10, 12, "p").WithMetadata("mosaic_metadata", new[] { Square(22, 4, 14, "c0"), Square(3, 24, 10, "c1"), Square(15, 15, 16, "c2") });
        var mosaic = new Mosaic { P = 1, GridYx = [2, 2], TargetSize = [60, 64], CellShape = [60, 60], FitMode = MosaicFitMode.Cover, CenterRange = new(0, 1) };
        int seen = 0;
        for (int copy = 0; copy < 8; copy++)
        {
            var result = new Compose([mosaic], orientedBoxParams: new OrientedBoxParams()).Apply(input, seed: 7, item: 0, copy);
            Assert.Equal(result.Boxes.Select(b => b.Label).Order(), result.OrientedBoxes.Select(b => b.Label).Order());
            foreach (var oriented in result.OrientedBoxes)
            {
                // An axis-aligned square stays axis-aligned: its envelope is the box the axis-aligned rules give.
                var box = Assert.Single(result.Boxes, b => b.Label == oriented.Label);
                var envelope = oriented.Envelope;
                Assert.Equal(box.X1, envelope.X1, 1e-6);
                Assert.Equal(box.Y1, envelope.Y1, 1e-6);
                Assert.Equal(box.X2, envelope.X2, 1e-6);
                Assert.Equal(box.Y2, envelope.Y2, 1e-6);
                seen++;
            }
        }
        Assert.True(seen > 8);
    }

    [Fact]
    public void A_recipe_with_oriented_boxes_replays_through_json()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var pipeline = new Compose([TransformTestParameters.Create("Affine"), TransformTestParameters.Create("RandomCrop"), TransformTestParameters.Create("GridDistortion")],
            orientedBoxParams: new OrientedBoxParams { MinVisibility = 0.2 });
        var input = new AnnotatedImage(image, orientedBoxes: Boxes);
        var (result, recipe) = pipeline.Run(input, RandomStream.For(4, 2, 1));
        Assert.NotEmpty(result.OrientedBoxes);
        var json = OperationJson.Serialize(recipe);
        Assert.Contains("oriented_box_params", json, StringComparison.Ordinal);
        var replayed = OperationJson.Deserialize(json).Apply(input);
        Assert.Equal(result.OrientedBoxes, replayed.OrientedBoxes);
    }

    [Fact]
    public void The_readme_example_turns_a_box_by_the_drawn_angle()
    {
        using var image = new ImageBuffer<byte>(240, 160, 3);
        var rules = new OrientedBoxParams { Format = OrientedBoxFormat.Xywha, AngleUnit = AngleUnit.Degrees, MinVisibility = 0.3 };
        var ship = rules.FromValues([120, 80, 60, 18, 35], image.Width, image.Height, label: "ship");
        var pipeline = new Compose([new Rotate { Limit = new(-30, 30), P = 1 }], orientedBoxParams: rules);
        var (result, recipe) = pipeline.Run(new AnnotatedImage(image, orientedBoxes: [ship]), RandomStream.For(7, 0, 0));
        double[] moved = rules.ToValues(result.OrientedBoxes[0], result.Image.Width, result.Image.Height);
        double angle = ((AffineOperation)recipe.Operations[0]).Angle;
        // Rotate turns about the image's centre, where the ship is: the same size, turned by the drawn angle (Rotate's angle turns counter-clockwise on screen).
        Assert.Equal(120, moved[0], 1e-6);
        Assert.Equal(80, moved[1], 1e-6);
        Assert.Equal(60 * 18, moved[2] * moved[3], 1e-6);
        double longSide = moved[2] > moved[3] ? moved[4] : moved[4] + 90;
        Assert.Equal(0, Math.Sin((longSide - (35 - angle)) * Math.PI / 180), 1e-9);
        result.Image.Dispose();
    }

    [Fact]
    public void Pipeline_files_read_and_write_obb_params()
    {
        const string yaml = "obb_params: {format: yolo_obb, min_area: 4, min_visibility: 0.3, clip: true, label_fields: [labels]}\ntransforms:\n  - Rotate: {limit: 30, p: 1}\n";
        var pipeline = (Compose)PipelineFile.Parse(yaml, "obb.yaml");
        var rules = Assert.IsType<OrientedBoxParams>(pipeline.OrientedBoxParams);
        Assert.Equal(new OrientedBoxParams { Format = OrientedBoxFormat.YoloObb, MinArea = 4, MinVisibility = 0.3, Clip = true }, rules);
        foreach (var text in new[] { PipelineFile.ToYaml(pipeline), PipelineFile.ToJson(pipeline) })
            Assert.Equal(rules, ((Compose)PipelineFile.Parse(text, "again")).OrientedBoxParams);
        var radians = (Compose)PipelineFile.Parse("obb_params: {format: xywha, angle_unit: radians}\ntransforms: [HorizontalFlip]\n", "r.yaml");
        Assert.Equal(AngleUnit.Radians, radians.OrientedBoxParams!.AngleUnit);
        Assert.Contains("min_visibility", Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse("obb_params: {min_visiblity: 0.3}\ntransforms: [HorizontalFlip]\n", "bad.yaml")).Message, StringComparison.Ordinal);
        Assert.Contains("yolo_obb", Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse("obb_params: {format: coco}\ntransforms: [HorizontalFlip]\n", "bad.yaml")).Message, StringComparison.Ordinal);
    }
}
