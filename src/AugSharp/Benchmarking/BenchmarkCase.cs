using AugSharp.Keras;

namespace AugSharp.Benchmarking;

/// <summary>
/// The work of one benchmark row on a list of images, built once before timing: the operations
/// (with the row's fixed values, sized for each image) and any converted inputs. <see cref="Run"/>
/// applies the row to one image and disposes the output, so pooled buffers go back to the pool.
/// </summary>
public abstract class BenchmarkCase : IDisposable
{
    /// <summary>The row's name.</summary>
    public abstract string Name { get; }

    /// <summary>Applies the row to image <paramref name="index"/> and discards the result.</summary>
    public abstract void Run(int index);

    /// <summary>The row's 8-bit output for image <paramref name="index"/> (for comparing with another library; the caller disposes it).</summary>
    public abstract ImageBuffer<byte> Output(int index);

    /// <inheritdoc />
    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>True for the rows of the set that AugSharp implements.</summary>
    public static bool IsImplemented(string name) => name is "HorizontalFlip" or "VerticalFlip" or "Rotate" or "Affine" or "Perspective"
        or "Resize" or "ResizeArea" or "RandomResizedCrop" or "KerasPipeline" or BenchmarkSet.Memcpy
        or "Brightness" or "Contrast" or "Gamma" or "Grayscale" or "HSVShift" or "GaussianBlur" or "MedianBlur" or "Equalize" or "CLAHE"
        or "Normalize" or "Elastic";

    /// <summary>Builds the case of <paramref name="row"/> for <paramref name="images"/> (8-bit RGB, not disposed by the case).</summary>
    /// <exception cref="NotSupportedException">The row is not implemented.</exception>
    public static BenchmarkCase Create(BenchmarkRow row, IReadOnlyList<ImageBuffer<byte>> images)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(images);
        return row.Name switch
        {
            BenchmarkSet.Memcpy => new MemcpyCase(images),
            "KerasPipeline" => new KerasCase(row, images),
            "Contrast" => new ContrastCase(row, images),
            "HSVShift" => new HsvShiftCase(row, images),
            "Elastic" => new ElasticCase(row, images),
            _ when IsImplemented(row.Name) => new OperationCase(row.Name, images, images.Select(i => BuildOperation(row, i.Width, i.Height)).ToArray()),
            _ => throw new NotSupportedException($"The benchmark row {row.Name} is not available in AugSharp yet."),
        };
    }

    /// <summary>The operation of a geometric row for a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public static Operation BuildOperation(BenchmarkRow row, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(row);
        switch (row.Name)
        {
            case "HorizontalFlip": return new HorizontalFlipOperation();
            case "VerticalFlip": return new VerticalFlipOperation();
            case "Rotate":
                return new AffineOperation
                {
                    Angle = row.Number("angle_deg"),
                    Interpolation = ParseInterpolation(row.Text("interpolation")),
                    BorderMode = ParseBorder(row.Text("border")),
                };
            case "Affine":
                var translate = row.Numbers("translate_px");
                double value = row.Parameters.TryGetProperty("border_value", out var v) ? v.GetDouble() : 0;
                return new AffineOperation
                {
                    Angle = row.Number("angle_deg"),
                    ScaleX = row.Number("scale"),
                    ScaleY = row.Number("scale"),
                    TranslateX = translate[0],
                    TranslateY = translate[1],
                    ShearX = row.Number("shear_deg"),
                    Interpolation = ParseInterpolation(row.Text("interpolation")),
                    BorderMode = ParseBorder(row.Text("border")),
                    Fill = [value],
                };
            case "Perspective":
                // Corners TL, TR, BR, BL of the source, each moved by a fraction of the width and height.
                var offsets = row.Parameters.GetProperty("corner_offsets_fraction").EnumerateArray()
                    .Select(p => p.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
                double w = width - 1, h = height - 1;
                double[] corners = [0, 0, w, 0, w, h, 0, h];
                for (int i = 0; i < 4; i++)
                {
                    corners[2 * i] += offsets[i][0] * width;
                    corners[2 * i + 1] += offsets[i][1] * height;
                }
                return new PerspectiveOperation(corners)
                {
                    Interpolation = ParseInterpolation(row.Text("interpolation")),
                    BorderMode = ParseBorder(row.Text("border")),
                };
            case "Resize":
                var size = row.Numbers("size");
                return new ResizeOperation((int)size[0], (int)size[1], ParseInterpolation(row.Text("interpolation")));
            case "ResizeArea":
                double scale = row.Number("scale");
                return new ResizeOperation(Math.Max(1, Round(width * scale)), Math.Max(1, Round(height * scale)), ParseInterpolation(row.Text("interpolation")));
            case "RandomResizedCrop":
                var f = row.Numbers("crop_fraction");
                var to = row.Numbers("size");
                int x = Round(f[0] * width), y = Round(f[1] * height);
                int cw = Math.Min(width - x, Math.Max(1, Round(f[2] * width))), ch = Math.Min(height - y, Math.Max(1, Round(f[3] * height)));
                return new CropAndResizeOperation(x, y, cw, ch, (int)to[0], (int)to[1], ParseInterpolation(row.Text("interpolation")));
            case "Brightness":
                return new BrightnessContrastOperation { Alpha = 1, Beta = row.Number("add_fraction") };
            case "Gamma":
                return new GammaOperation { Gamma = row.Number("gamma") };
            case "Grayscale":
                return new ToGrayOperation { NumOutputChannels = 1, Method = ToGrayMethod.WeightedAverage };
            case "GaussianBlur":
                if (ParseBorder(row.Text("border")) != BorderMode.Reflect101) throw new FormatException("GaussianBlur is timed with the reflect101 border only.");
                return new GaussianBlurOperation { Kernel = (int)row.Number("kernel"), Sigma = row.Number("sigma") };
            case "MedianBlur":
                return new MedianBlurOperation { Kernel = (int)row.Number("kernel") };
            case "Equalize":
                return new EqualizeOperation { Mode = EqualizeMode.Cv, ByChannels = true };
            case "CLAHE":
                var tiles = row.Numbers("tiles");
                return new ClaheOperation { ClipLimit = row.Number("clip_limit"), TileGridSize = [(int)tiles[0], (int)tiles[1]] };
            case "Normalize":
                return new NormalizeOperation(row.Numbers("mean"), row.Numbers("std"), 255, Normalization.Standard);
            default:
                throw new NotSupportedException($"The benchmark row {row.Name} is not a single operation.");
        }
    }

    /// <summary>The Keras generator of the KerasPipeline row (its arguments under Keras' names).</summary>
    public static ImageDataGenerator BuildGenerator(BenchmarkRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var p = row.Parameters;
        double Get(string key) => p.TryGetProperty(key, out var e) ? e.GetDouble() : 0;
        return new ImageDataGenerator(
            rotationRange: Get("rotation_range"),
            widthShiftRange: ShiftRange.FromFloat(Get("width_shift_range")),
            heightShiftRange: ShiftRange.FromFloat(Get("height_shift_range")),
            shearRange: Get("shear_range"),
            zoomRange: Get("zoom_range"),
            horizontalFlip: p.TryGetProperty("horizontal_flip", out var hf) && hf.GetBoolean(),
            verticalFlip: p.TryGetProperty("vertical_flip", out var vf) && vf.GetBoolean(),
            brightnessRange: p.TryGetProperty("brightness_range", out var br) ? br.EnumerateArray().Select(e => e.GetDouble()).ToArray() : null,
            fillMode: p.TryGetProperty("fill_mode", out var fm) ? KerasNames.ParseFillMode(fm.GetString()!) : FillMode.Nearest);
    }

    /// <summary>Rounds half away from zero (as the peer scripts do).</summary>
    public static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    private static Interpolation ParseInterpolation(string name) => name switch
    {
        "nearest" => Interpolation.Nearest,
        "linear" => Interpolation.Linear,
        "cubic" => Interpolation.Cubic,
        "area" => Interpolation.Area,
        _ => throw new FormatException($"Unknown interpolation '{name}' in the benchmark set."),
    };

    private static BorderMode ParseBorder(string name) => name switch
    {
        "constant" => BorderMode.Constant,
        "replicate" => BorderMode.Replicate,
        "reflect" => BorderMode.Reflect,
        "reflect101" => BorderMode.Reflect101,
        "wrap" => BorderMode.Wrap,
        _ => throw new FormatException($"Unknown border '{name}' in the benchmark set."),
    };

    private sealed class OperationCase(string name, IReadOnlyList<ImageBuffer<byte>> images, Operation[] operations) : BenchmarkCase
    {
        private readonly AnnotatedImage[] _inputs = images.Select(i => new AnnotatedImage(i)).ToArray();

        public override string Name => name;

        public override void Run(int index) => operations[index].Apply(_inputs[index]).Image.Dispose();

        public override ImageBuffer<byte> Output(int index)
        {
            var image = operations[index].Apply(_inputs[index]).Image;
            if (image is ImageBuffer<byte> bytes) return bytes;
            using (image) return PixelConversion.ToBytes(image);
        }
    }

    private sealed class MemcpyCase(IReadOnlyList<ImageBuffer<byte>> images) : BenchmarkCase
    {
        public override string Name => BenchmarkSet.Memcpy;

        public override void Run(int index)
        {
            using var copy = images[index].Clone();
        }

        public override ImageBuffer<byte> Output(int index) => images[index].Clone();
    }

    /// <summary>Contrast about the image's mean: the mean is measured in every run (it depends on the pixels), then one table.</summary>
    private sealed class ContrastCase(BenchmarkRow row, IReadOnlyList<ImageBuffer<byte>> images) : BenchmarkCase
    {
        private readonly double _factor = row.Number("factor");

        public override string Name => "Contrast";

        public override void Run(int index) => Output(index).Dispose();

        public override ImageBuffer<byte> Output(int index)
        {
            var image = images[index];
            double mean = ColorStatistics.Mean(image);
            return new BrightnessContrastOperation { Alpha = _factor, Beta = (1 - _factor) * mean }.ApplyTo(image);
        }
    }

    /// <summary>RGB to HSV (OpenCV's 8-bit convention), a hue shift and saturation and value factors through tables, back to RGB.</summary>
    private sealed class HsvShiftCase : BenchmarkCase
    {
        private readonly IReadOnlyList<ImageBuffer<byte>> _images;
        private readonly byte[] _hue = new byte[256], _sat = new byte[256], _val = new byte[256];

        public HsvShiftCase(BenchmarkRow row, IReadOnlyList<ImageBuffer<byte>> images)
        {
            _images = images;
            int hue = Round(row.Number("hue_shift_deg") / 2);
            double sat = row.Number("sat_factor"), val = row.Number("val_factor");
            for (int i = 0; i < 256; i++)
            {
                _hue[i] = (byte)((i + hue) % 180);
                _sat[i] = (byte)Math.Clamp(Math.Round(i * sat, MidpointRounding.ToEven), 0, 255);
                _val[i] = (byte)Math.Clamp(Math.Round(i * val, MidpointRounding.ToEven), 0, 255);
            }
        }

        public override string Name => "HSVShift";

        public override void Run(int index) => Output(index).Dispose();

        public override ImageBuffer<byte> Output(int index) => Hsv.Map(_images[index], _hue, _sat, _val, h => h, s => s, v => v);
    }

    /// <summary>ElasticTransform with the row's alpha and sigma, its displacement fields drawn anew in every run (as the peer does).</summary>
    private sealed class ElasticCase : BenchmarkCase
    {
        private readonly ElasticTransform _transform;
        private readonly AnnotatedImage[] _inputs;
        private int _run;

        public ElasticCase(BenchmarkRow row, IReadOnlyList<ImageBuffer<byte>> images)
        {
            _transform = new ElasticTransform
            {
                P = 1,
                Alpha = row.Number("alpha"),
                Sigma = row.Number("sigma"),
                NoiseDistribution = NoiseDistribution.Uniform,
                Interpolation = ParseInterpolation(row.Text("interpolation")),
                BorderMode = ParseBorder(row.Text("border")),
            };
            _inputs = images.Select(i => new AnnotatedImage(i)).ToArray();
        }

        public override string Name => "Elastic";

        public override void Run(int index) => Apply(index, Interlocked.Increment(ref _run)).Dispose();

        public override ImageBuffer<byte> Output(int index) => Apply(index, 0);

        private ImageBuffer<byte> Apply(int index, int run)
        {
            var input = _inputs[index];
            var operation = _transform.Sample(RandomStream.For(0, index, run), new TransformContext(input));
            return operation.Apply(input).Image.As<byte>();
        }
    }

    /// <summary>Keras' random_transform on float32 HWC: the parameters drawn with a fixed seed per image, then applied.</summary>
    private sealed class KerasCase : BenchmarkCase
    {
        private readonly ImageDataGenerator _generator;
        private readonly ImageBuffer<float>[] _inputs;

        public KerasCase(BenchmarkRow row, IReadOnlyList<ImageBuffer<byte>> images)
        {
            _generator = BuildGenerator(row);
            _inputs = images.Select(i => i.ConvertTo<float>()).ToArray();
        }

        public override string Name => "KerasPipeline";

        public override void Run(int index)
        {
            var input = _inputs[index];
            var parameters = _generator.Sample(RandomStream.For(0, index), input.Shape);
            using var output = _generator.ApplyTransform(input, parameters);
        }

        public override ImageBuffer<byte> Output(int index)
        {
            var input = _inputs[index];
            using var output = _generator.ApplyTransform(input, _generator.Sample(RandomStream.For(0, index), input.Shape));
            return output.ConvertTo<byte>();
        }

        public override void Dispose()
        {
            foreach (var input in _inputs) input.Dispose();
            base.Dispose();
        }
    }
}
