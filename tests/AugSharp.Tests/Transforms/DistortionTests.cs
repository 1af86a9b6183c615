using AugSharp.Kernels;

namespace AugSharp.Tests.Transforms;

/// <summary>What the distortions (map operations) promise.</summary>
public class DistortionTests
{
    private const int W = TransformTestParameters.Width, H = TransformTestParameters.Height;

    private static IMappedOperation Draw(ITransform transform, ImageBuffer image, int seed = 3)
        => (IMappedOperation)transform.Sample(RandomStream.For((ulong)seed, 0, 0), new TransformContext(new AnnotatedImage(image)));

    private static (double X, double Y) Bilinear(ImageBuffer<float> map, double x, double y)
    {
        int x0 = Math.Clamp((int)Math.Floor(x), 0, map.Width - 2), y0 = Math.Clamp((int)Math.Floor(y), 0, map.Height - 2);
        double fx = x - x0, fy = y - y0;
        double L(int c) => (map[y0, x0, c] * (1 - fx) + map[y0, x0 + 1, c] * fx) * (1 - fy) + (map[y0 + 1, x0, c] * (1 - fx) + map[y0 + 1, x0 + 1, c] * fx) * fy;
        return (L(0), L(1));
    }

    public static TheoryData<string> Smooth() => new() { "ElasticTransform", "GridDistortion", "OpticalDistortion", "PiecewiseAffine", "ThinPlateSpline" };

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Points_move_forwards_to_where_the_map_reads_them(string name)
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var rng = new Random(7);
        for (int seed = 0; seed < 4; seed++)
        {
            var op = Draw(TransformTestParameters.Create(name), image, seed);
            using var map = op.GetMap(image.Shape);
            Assert.Equal((W, H), (map.Width, map.Height));
            int checkedPoints = 0;
            for (int i = 0; i < 40; i++)
            {
                double x = 3 + rng.NextDouble() * (W - 6), y = 3 + rng.NextDouble() * (H - 6);
                if (op.MapPoint(x, y, image.Shape) is not { } q) continue;
                var (mx, my) = Bilinear(map, q.X, q.Y);
                Assert.InRange(mx, x - 0.05, x + 0.05);
                Assert.InRange(my, y - 0.05, y + 0.05);
                checkedPoints++;
            }
            Assert.True(checkedPoints >= 30, $"{name}: only {checkedPoints} of 40 points could be moved.");
        }
    }

    public static TheoryData<string, Dictionary<string, object?>> Identities() => new()
    {
        { "ElasticTransform", new() { ["alpha"] = 0.0, ["sigma"] = 5.0 } },
        { "GridDistortion", new() { ["distort_limit"] = 0.0 } },
        { "GridDistortion", new() { ["distort_limit"] = 0.0, ["num_steps"] = 7L } },
        { "OpticalDistortion", new() { ["distort_limit"] = 0.0 } },
        { "OpticalDistortion", new() { ["distort_limit"] = 0.0, ["mode"] = "fisheye" } },
        { "PiecewiseAffine", new() { ["scale"] = 0.0 } },
        { "ThinPlateSpline", new() { ["scale_range"] = new List<object?> { 0.0, 0.0 } } },
        { "RandomGridShuffle", new() { ["grid"] = new List<object?> { 1L, 1L } } },
    };

    [Theory]
    [MemberData(nameof(Identities))]
    public void Zero_strength_is_the_identity(string name, Dictionary<string, object?> parameters)
    {
        var transform = TransformRegistry.Create(name, new Dictionary<string, object?>(parameters) { ["p"] = 1.0 });
        using var image = TestImages.Make(PixelType.UInt8, 3);
        BoundingBox[] boxes = [new(2, 3, 15, 12, "a"), new(0, 0, W, H, "all")];
        Keypoint[] points = [new(10.25, 12.5, 0.3, 1, "k")];
        for (int seed = 0; seed < 3; seed++)
        {
            var op = Draw(transform, image, seed);
            var result = op.Apply(new AnnotatedImage(image, boxes: boxes, keypoints: points));
            Assert.Equal(TestImages.Values(image), TestImages.Values(result.Image));
            for (int i = 0; i < boxes.Length; i++)
            {
                Assert.Equal(boxes[i].X1, result.Boxes[i].X1, 6);
                Assert.Equal(boxes[i].Y1, result.Boxes[i].Y1, 6);
                Assert.Equal(boxes[i].X2, result.Boxes[i].X2, 6);
                Assert.Equal(boxes[i].Y2, result.Boxes[i].Y2, 6);
            }
            Assert.Equal(points[0].X, result.Keypoints[0].X, 6);
            Assert.Equal(points[0].Y, result.Keypoints[0].Y, 6);
            Assert.Equal(points[0].Angle, result.Keypoints[0].Angle, 6);
            Assert.Equal(points[0].Scale, result.Keypoints[0].Scale, 6);
        }
    }

    [Theory]
    [InlineData(40, 30, 2, 2)]
    [InlineData(41, 31, 3, 3)]
    [InlineData(40, 30, 4, 1)]
    public void RandomGridShuffle_tiles_are_exact_copies_of_source_tiles(int width, int height, int rows, int cols)
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, width, height);
        var source = image.As<byte>();
        bool moved = false;
        for (int seed = 0; seed < 10; seed++)
        {
            var op = (RandomGridShuffleOperation)Draw(new RandomGridShuffle { Grid = [rows, cols], P = 1 }, image, seed);
            Assert.Equal(Enumerable.Range(0, rows * cols), op.Permutation.Order());
            using var result = op.Apply(new AnnotatedImage(image)).Image;
            var output = result.As<byte>();
            for (int t = 0; t < rows * cols; t++)
            {
                int s = op.Permutation[t];
                int r = t / cols, c = t % cols, sr = s / cols, sc = s % cols;
                Assert.Equal(op.RowEdges[r + 1] - op.RowEdges[r], op.RowEdges[sr + 1] - op.RowEdges[sr]);
                Assert.Equal(op.ColEdges[c + 1] - op.ColEdges[c], op.ColEdges[sc + 1] - op.ColEdges[sc]);
                for (int y = op.RowEdges[r]; y < op.RowEdges[r + 1]; y++)
                    for (int x = op.ColEdges[c]; x < op.ColEdges[c + 1]; x++)
                        for (int ch = 0; ch < 3; ch++)
                            Assert.Equal(source[y - op.RowEdges[r] + op.RowEdges[sr], x - op.ColEdges[c] + op.ColEdges[sc], ch], output[y, x, ch]);
                moved |= s != t;
            }
        }
        Assert.True(moved);
    }

    [Fact]
    public void RandomGridShuffle_moves_points_and_boxes_with_their_tiles()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1, 40, 30);
        var source = image.As<byte>();
        for (int seed = 0; seed < 10; seed++)
        {
            var op = (RandomGridShuffleOperation)Draw(new RandomGridShuffle { Grid = [2, 2], P = 1 }, image, seed);
            Keypoint[] points = [new(3, 4, 0.5, 2, "a"), new(30, 25, 1, 1, "b"), new(12, 20, 0, 1, "c")];
            // A box inside one tile: its own tile's edges hold it.
            int x0 = op.ColEdges[1], y0 = op.RowEdges[1];
            BoundingBox[] boxes = [new(x0 + 1, y0 + 1, x0 + 6, y0 + 4, "inside"), new(0, 0, 40, 30, "all")];
            var result = op.Apply(new AnnotatedImage(image, boxes: boxes, keypoints: points));
            var output = result.Image.As<byte>();
            for (int i = 0; i < points.Length; i++)
            {
                var k = result.Keypoints[i];
                Assert.Equal(source[(int)points[i].Y, (int)points[i].X, 0], output[(int)k.Y, (int)k.X, 0]);
                Assert.Equal(points[i].Angle, k.Angle);
                Assert.Equal(points[i].Scale, k.Scale);
            }
            Assert.Equal(5, result.Boxes[0].Width, 9);
            Assert.Equal(3, result.Boxes[0].Height, 9);
            Assert.Equal(new BoundingBox(0, 0, 40, 30, "all"), result.Boxes[1] with { });
            using var map = op.GetMap(image.Shape);
            // The moved box's top-left pixel reads the box's top-left source pixel.
            int bx = (int)result.Boxes[0].X1, by = (int)result.Boxes[0].Y1;
            Assert.Equal(x0 + 1, map[by, bx, 0]);
            Assert.Equal(y0 + 1, map[by, bx, 1]);
            result.Image.Dispose();
        }
    }

    [Fact]
    public void ElasticTransform_same_dxdy_records_one_field_and_moves_both_axes_alike()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1);
        var op = (ElasticTransformOperation)Draw(new ElasticTransform { Alpha = 20, Sigma = 3, SameDxdy = true, P = 1 }, image);
        Assert.Empty(op.Dy);
        Assert.Equal(W * H, op.Dx.Count);
        using var map = op.GetMap(image.Shape);
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
                Assert.Equal(map[y, x, 0] - x, map[y, x, 1] - y, 3);
        Assert.Contains(op.Dx, d => Math.Abs(d) > 0.1);
    }

    [Fact]
    public void ElasticTransform_smoothing_is_a_normalised_gaussian_of_sigma()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1);
        foreach (bool approximate in new[] { false, true })
        {
            var op = (ElasticTransformOperation)Draw(new ElasticTransform { Alpha = 1, Sigma = 2, Approximate = approximate, NoiseDistribution = NoiseDistribution.Uniform, P = 1 }, image);
            // Smoothing spreads the noise: neighbours are strongly correlated.
            double same = 0, norm = 0;
            for (int y = 0; y < H; y++)
                for (int x = 0; x + 1 < W; x++)
                {
                    same += op.Dx[y * W + x] * op.Dx[y * W + x + 1];
                    norm += op.Dx[y * W + x] * op.Dx[y * W + x];
                }
            Assert.True(same / norm > 0.8, $"neighbour correlation {same / norm}");
        }
        // A constant field stays constant through the smoothing (reflect-101 borders, weights summing to 1).
        var field = Enumerable.Repeat(2.5, 12 * 7).ToArray();
        var smooth = ElasticSmoothTests.Smooth(field, 12, 7, ElasticTransform.GaussianKernel(25, 3));
        Assert.All(smooth, v => Assert.Equal(2.5, v, 5));
    }

    [Fact]
    public void ElasticTransform_records_broad_fields_on_a_coarse_grid_with_the_full_resolution_spread()
    {
        const int w = 160, h = 120;
        using var image = TestImages.Make(PixelType.UInt8, 1, w, h);
        double sigma = 12, coarse = 0, full = 0;
        var kernel = ElasticTransform.GaussianKernel((int)(sigma * 8 + 1) | 1, sigma);
        for (int seed = 0; seed < 6; seed++)
        {
            var op = (ElasticTransformOperation)Draw(new ElasticTransform { Alpha = 100, Sigma = sigma, P = 1 }, image, seed);
            Assert.Equal(5, op.Step); // half the kernel's standard deviation (just under sigma, the kernel being cut at 4 sigma)
            Assert.Equal(33 * 25, op.Dx.Count);
            using var map = op.GetMap(image.Shape);
            // Nodes are met exactly.
            Assert.Equal(10 + op.Dx[2 * 33 + 2], map[10, 10, 0], 3);
            coarse += Spread(map, 0);
            var rng = new Random(seed);
            var noise = new double[w * h];
            for (int i = 0; i < noise.Length; i++) noise[i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            var smooth = ElasticSmoothTests.Smooth(noise, w, h, kernel);
            full += Math.Sqrt(smooth.Sum(v => v * v * 100 * 100) / smooth.Length);
        }
        Assert.InRange(coarse / full, 0.7, 1.4);

        static double Spread(ImageBuffer<float> map, int c)
        {
            double s = 0;
            for (int y = 0; y < map.Height; y++)
                for (int x = 0; x < map.Width; x++) { double d = map[y, x, c] - x; s += d * d; }
            return Math.Sqrt(s / (map.Width * map.Height));
        }
    }

    [Fact]
    public void Masks_follow_the_mask_interpolation()
    {
        var (image, mask) = TestImages.Blocks();
        using var _ = image;
        using var __ = mask;
        foreach (var interpolation in new[] { Interpolation.Nearest, Interpolation.Linear })
        {
            var op = Draw(new GridDistortion { DistortLimit = new(-0.6, 0.6), MaskInterpolation = interpolation, P = 1 }, image);
            var result = op.Apply(new AnnotatedImage(image, [mask]));
            var m = result.Masks[0].As<byte>();
            Assert.Equal((mask.Width, mask.Height, PixelType.UInt8), (m.Width, m.Height, m.PixelType));
            if (interpolation == Interpolation.Nearest) Assert.All(m.ToArray(), v => Assert.True(v is 0 or 1));
            Assert.Contains(m.ToArray(), v => v == 1);
        }
    }

    [Fact]
    public void Distortions_run_between_fused_geometric_steps_with_every_target()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, 64, 48);
        var (blocks, mask) = TestImages.Blocks(64, 48);
        using var _ = blocks;
        using var __ = mask;
        BoundingBox[] boxes = [new(5, 6, 30, 25, "a"), new(0, 0, 64, 48, "all")];
        Keypoint[] points = [new(20, 20, 0.5, 1, "k")];
        ITransform[] distortions = [new ElasticTransform { Alpha = 40, Sigma = 5, P = 1 }, new GridDistortion { P = 1 }, new OpticalDistortion { DistortLimit = new(-0.3, 0.3), P = 1 },
            new PiecewiseAffine { P = 1 }, new ThinPlateSpline { P = 1 }, new RandomGridShuffle { Grid = [2, 2], P = 1 }];
        foreach (var d in distortions)
        {
            var pipeline = new Compose([new Rotate { Limit = new(-10, 10), P = 1 }, d, new HorizontalFlip { P = 1 }, new Affine { Scale = AxisRange.Both(new(0.9, 1.1)), P = 1 }]);
            for (int copy = 0; copy < 3; copy++)
            {
                var a = pipeline.Apply(new AnnotatedImage(image, [mask], boxes, points), seed: 4, item: 0, copy);
                var b = pipeline.Apply(new AnnotatedImage(image, [mask], boxes, points), seed: 4, item: 0, copy);
                Assert.Equal(TestImages.Values(a.Image), TestImages.Values(b.Image));
                Assert.Equal(TestImages.Values(a.Masks[0]), TestImages.Values(b.Masks[0]));
                Assert.Equal(a.Boxes, b.Boxes);
                Assert.Equal((64, 48), (a.Image.Width, a.Image.Height));
                Assert.Contains(a.Boxes, x => x.Label == "all");
                Assert.All(a.Boxes, x => Assert.True(x.X1 >= 0 && x.X2 <= 64 && x.Y1 >= 0 && x.Y2 <= 48));
            }
        }
    }

    private sealed record CountingOperation : DistortionOperation
    {
        public int Calls { get; private set; }

        public override ImageBuffer<float> GetMap(ImageShape input)
        {
            Calls++;
            var map = new ImageBuffer<float>(input.Width, input.Height, 2);
            for (int y = 0; y < input.Height; y++)
                for (int x = 0; x < input.Width; x++) { map[y, x, 0] = x + 0.25f; map[y, x, 1] = y; }
            return map;
        }
    }

    [Fact]
    public void One_apply_builds_the_map_once_for_every_target()
    {
        var (image, mask) = TestImages.Blocks();
        using var _ = image;
        using var __ = mask;
        var op = new CountingOperation();
        var result = op.Apply(new AnnotatedImage(image, [mask, mask], [new(2, 3, 15, 12, "a"), new(0, 0, W, H, "all")], [new(10, 12, 0.3, 1, "k")]));
        Assert.Equal(1, op.Calls);
        Assert.Equal(10 - 0.25, result.Keypoints[0].X, 4);
        Assert.Equal(2 - 0.25, result.Boxes[0].X1, 4);
        op.MapPoint(3, 4, image.Shape);
        Assert.Equal(2, op.Calls);
    }

    [Fact]
    public void OpticalDistortion_keeps_the_centre_and_bends_the_corners()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1, 41, 31);
        foreach (var mode in new[] { "camera", "fisheye" })
        {
            var transform = TransformRegistry.Create("OpticalDistortion", new Dictionary<string, object?> { ["distort_limit"] = new List<object?> { 0.3, 0.3 }, ["mode"] = mode, ["p"] = 1.0 });
            var op = (OpticalDistortionOperation)Draw(transform, image);
            Assert.Equal(0.3, op.K);
            using var map = op.GetMap(image.Shape);
            // k > 0: each pixel reads farther from the centre than it sits.
            double cx = op.CenterX, cy = op.CenterY;
            Assert.True(Math.Abs(map[0, 0, 0] - cx) > Math.Abs(0 - cx));
            Assert.True(Math.Abs(map[30, 40, 1] - cy) > Math.Abs(30 - cy));
            if (mode == "camera") Assert.Equal((20f, 15f), (map[15, 20, 0], map[15, 20, 1]));
        }
    }

    [Fact]
    public void PiecewiseAffine_control_points_read_their_jittered_positions()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1, 37, 25);
        var op = (PiecewiseAffineOperation)Draw(new PiecewiseAffine { Scale = new(0.05, 0.05), NbRows = [4], NbCols = [5], P = 1 }, image);
        Assert.Equal((4, 5, 40), (op.NbRows, op.NbCols, op.Jitter.Count));
        using var map = op.GetMap(image.Shape);
        // Control points at integer pixels: columns every 9 pixels (0..36), rows every 8 (0..24).
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 5; j++)
            {
                int p = i * 5 + j;
                Assert.Equal(Math.Clamp(j * 9 + op.Jitter[2 * p + 1], 0, 36), map[i * 8, j * 9, 0], 4);
                Assert.Equal(Math.Clamp(i * 8 + op.Jitter[2 * p], 0, 24), map[i * 8, j * 9, 1], 4);
            }
    }

    [Fact]
    public void ThinPlateSpline_passes_through_its_moved_control_points()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1, 30, 30);
        var op = (ThinPlateSplineOperation)Draw(new ThinPlateSpline { NumControlPoints = 3, P = 1 }, image);
        Assert.Equal(18, op.Offsets.Count);
        using var map = op.GetMap(image.Shape);
        // The control points at (0, 0), (0.5, 0) and (0, 0.5) sit on pixels 0 and 15.
        foreach (var (i, j) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
        {
            int p = i * 3 + j;
            Assert.Equal((j * 0.5 + op.Offsets[2 * p]) * 30, map[i * 15, j * 15, 0], 3);
            Assert.Equal((i * 0.5 + op.Offsets[2 * p + 1]) * 30, map[i * 15, j * 15, 1], 3);
        }
    }

    [Fact]
    public void GridDistortion_normalised_grid_spans_the_image()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1);
        for (int seed = 0; seed < 5; seed++)
        {
            var op = (GridDistortionOperation)Draw(new GridDistortion { NumSteps = 5, DistortLimit = new(-0.4, 0.4), P = 1 }, image, seed);
            using var map = op.GetMap(image.Shape);
            Assert.Equal(0, map[0, 0, 0]);
            Assert.Equal(0, map[0, 0, 1]);
            // The last pixel sits one factor short of the far edge.
            int lastX = GridDistortionOperation.CellLength(5, W, 5) > 0 ? 5 : 4, lastY = GridDistortionOperation.CellLength(5, H, 5) > 0 ? 5 : 4;
            Assert.Equal(W, map[0, W - 1, 0] + op.StepsX[lastX], 4);
            Assert.Equal(H, map[H - 1, 0, 1] + op.StepsY[lastY], 4);
            for (int x = 1; x < W; x++) Assert.True(map[0, x, 0] > map[0, x - 1, 0]);
        }
    }
}

public class GridElasticDeformTests
{
    [Fact]
    public void A_grid_of_one_cell_has_no_inner_vertex_and_changes_nothing()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, 40, 30);
        var result = new Compose([new GridElasticDeform { NumGridXy = [1, 1], Magnitude = 5 }]).Apply(new AnnotatedImage(image), seed: 1);
        Assert.Equal(TestImages.Values(image), TestImages.Values(result.Image));
    }

    [Fact]
    public void Inner_vertices_move_by_at_most_the_magnitude_and_the_edges_stay()
    {
        var op = (GridElasticDeformOperation)new GridElasticDeform { NumGridXy = [4, 3], Magnitude = 6 }.Sample(RandomStream.For(3, 0), new TransformContext(new AnnotatedImage(new ImageBuffer<byte>(41, 31, 1))));
        Assert.Equal(new[] { 0, 41 }, new[] { op.XEdges[0], op.XEdges[^1] });
        Assert.All(op.XEdges.Zip(op.XEdges.Skip(1)), e => Assert.InRange(e.Second - e.First, 10, 11));
        Assert.Equal(3 * 2 * 2, op.Moves.Count);
        Assert.All(op.Moves, m => Assert.InRange(m, -6, 6));
        Assert.Contains(op.Moves, m => m != 0);
        using var map = op.GetMap(new ImageShape(31, 41, 1));
        // Every inner vertex is where its move says: the output pixel there reads the source's grid vertex.
        for (int i = 1; i < 3; i++)
        {
            for (int j = 1; j < 4; j++)
            {
                int k = ((i - 1) * 3 + (j - 1)) * 2;
                int x = op.XEdges[j] + op.Moves[k], y = op.YEdges[i] + op.Moves[k + 1];
                Assert.Equal(op.XEdges[j], map[y, x, 0], 3);
                Assert.Equal(op.YEdges[i], map[y, x, 1], 3);
            }
        }
        // The image's outer edges stay on the edges.
        for (int x = 0; x < 41; x++) Assert.Equal(0, map[0, x, 1], 3);
        for (int y = 0; y < 31; y++) Assert.Equal(0, map[y, 0, 0], 3);
    }

    [Fact]
    public void A_keypoint_on_an_inner_vertex_follows_it()
    {
        using var image = TestImages.Make(PixelType.UInt8, 1, 60, 40);
        var transform = new GridElasticDeform { NumGridXy = [2, 2], Magnitude = 5 };
        var (result, recipe) = new Compose([transform]).Run(new AnnotatedImage(image, keypoints: [new Keypoint(30, 20, Label: "centre")]), RandomStream.For(5, 0, 0));
        var op = (GridElasticDeformOperation)recipe.Operations[0];
        var moved = Assert.Single(result.Keypoints);
        Assert.Equal(op.XEdges[1] + op.Moves[0], moved.X, 1);
        Assert.Equal(op.YEdges[1] + op.Moves[1], moved.Y, 1);
    }
}
