namespace AugSharp.Keras;

/// <summary>
/// Keras' <c>ImageDataGenerator</c>: the same parameters (C#-cased), the same defaults, the same
/// numbers, quirks included (see the remarks). Random draws come from a <see cref="RandomStream"/>
/// instead of numpy's global generator; everything after the draw is Keras' arithmetic.
/// </summary>
/// <remarks>
/// Keras' own quirks are kept because users port code and compare outputs:
/// <c>height_shift_range</c> moves images horizontally by a fraction of the height and
/// <c>width_shift_range</c> vertically by a fraction of the width; rotation, shear and zoom pivot
/// about (col = H/2-0.5, row = W/2-0.5) on non-square images; zoom is an inverse scale; brightness
/// truncates to 8 bits.
/// </remarks>
public sealed partial class ImageDataGenerator : ITransform, IEightBitStep
{
    private RandomStream _rng = RandomStream.FromEntropy();

    /// <summary>Creates a generator; every argument has Keras' name (C#-cased) and default.</summary>
    public ImageDataGenerator(
        bool featurewiseCenter = false,
        bool samplewiseCenter = false,
        bool featurewiseStdNormalization = false,
        bool samplewiseStdNormalization = false,
        bool zcaWhitening = false,
        double zcaEpsilon = 1e-6,
        double rotationRange = 0,
        ShiftRange? widthShiftRange = null,
        ShiftRange? heightShiftRange = null,
        double[]? brightnessRange = null,
        double shearRange = 0,
        ZoomRange? zoomRange = null,
        double channelShiftRange = 0,
        FillMode fillMode = FillMode.Nearest,
        double cval = 0,
        bool horizontalFlip = false,
        bool verticalFlip = false,
        double? rescale = null,
        Func<NdArray, NdArray>? preprocessingFunction = null,
        DataFormat dataFormat = DataFormat.ChannelsLast,
        double validationSplit = 0,
        int interpolationOrder = 1,
        string dtype = "float32",
        KerasGeometry geometry = KerasGeometry.Keras)
    {
        if (brightnessRange is not null && brightnessRange.Length != 2)
            throw new ArgumentException("`brightness_range should be tuple or list of two floats. Received: ["
                + string.Join(", ", brightnessRange) + "]", nameof(brightnessRange));
        if (validationSplit != 0 && !(validationSplit > 0 && validationSplit < 1))
            throw new ArgumentException("`validation_split` must be strictly between 0 and 1.  Received: "
                + validationSplit.ToString(System.Globalization.CultureInfo.InvariantCulture), nameof(validationSplit));
        if (dtype != "float32")
            throw new ArgumentException($"dtype '{dtype}' is not supported: AugSharp's Keras arrays are float32.", nameof(dtype));
        if (interpolationOrder is < 0 or > 5)
            throw new ArgumentException("spline order not supported: interpolation_order must be between 0 and 5.", nameof(interpolationOrder));

        FeaturewiseCenter = featurewiseCenter;
        SamplewiseCenter = samplewiseCenter;
        FeaturewiseStdNormalization = featurewiseStdNormalization;
        SamplewiseStdNormalization = samplewiseStdNormalization;
        ZcaWhitening = zcaWhitening;
        ZcaEpsilon = zcaEpsilon;
        RotationRange = rotationRange;
        WidthShiftRange = widthShiftRange ?? ShiftRange.FromFloat(0);
        HeightShiftRange = heightShiftRange ?? ShiftRange.FromFloat(0);
        BrightnessRange = brightnessRange is null ? null : (brightnessRange[0], brightnessRange[1]);
        ShearRange = shearRange;
        ZoomRange = zoomRange ?? new ZoomRange(1, 1);
        ChannelShiftRange = channelShiftRange;
        FillMode = fillMode;
        Cval = cval;
        HorizontalFlip = horizontalFlip;
        VerticalFlip = verticalFlip;
        Rescale = rescale;
        PreprocessingFunction = preprocessingFunction;
        DataFormat = dataFormat;
        ValidationSplit = validationSplit;
        InterpolationOrder = interpolationOrder;
        Dtype = dtype;
        Geometry = geometry;

        // Keras' flag coupling, in Keras' order.
        var warnings = new List<string>();
        if (ZcaWhitening)
        {
            if (!FeaturewiseCenter)
            {
                FeaturewiseCenter = true;
                warnings.Add("This ImageDataGenerator specifies `zca_whitening`, which overrides setting of `featurewise_center`.");
            }
            if (FeaturewiseStdNormalization)
            {
                FeaturewiseStdNormalization = false;
                warnings.Add("This ImageDataGenerator specifies `zca_whitening` which overrides setting of`featurewise_std_normalization`.");
            }
        }
        if (featurewiseStdNormalization && !FeaturewiseCenter)
        {
            FeaturewiseCenter = true;
            warnings.Add("This ImageDataGenerator specifies `featurewise_std_normalization`, which overrides setting of `featurewise_center`.");
        }
        if (SamplewiseStdNormalization && !SamplewiseCenter)
        {
            SamplewiseCenter = true;
            warnings.Add("This ImageDataGenerator specifies `samplewise_std_normalization`, which overrides setting of `samplewise_center`.");
        }
        Warnings = warnings;
    }

    /// <summary>Subtract the data set's mean (set by <see cref="Fit"/>).</summary>
    public bool FeaturewiseCenter { get; }

    /// <summary>Subtract each image's own mean.</summary>
    public bool SamplewiseCenter { get; }

    /// <summary>Divide by the data set's std (set by <see cref="Fit"/>).</summary>
    public bool FeaturewiseStdNormalization { get; }

    /// <summary>Divide each image by its own std.</summary>
    public bool SamplewiseStdNormalization { get; }

    /// <summary>Apply ZCA whitening (set by <see cref="Fit"/>).</summary>
    public bool ZcaWhitening { get; }

    /// <summary>Epsilon of ZCA whitening.</summary>
    public double ZcaEpsilon { get; }

    /// <summary>Degree range of random rotations.</summary>
    public double RotationRange { get; }

    /// <summary>Keras' width_shift_range (which shifts vertically; see the remarks).</summary>
    public ShiftRange WidthShiftRange { get; }

    /// <summary>Keras' height_shift_range (which shifts horizontally; see the remarks).</summary>
    public ShiftRange HeightShiftRange { get; }

    /// <summary>Range of brightness factors, or null.</summary>
    public (double Low, double High)? BrightnessRange { get; }

    /// <summary>Shear angle range in degrees.</summary>
    public double ShearRange { get; }

    /// <summary>Range of zoom (inverse scale) values.</summary>
    public ZoomRange ZoomRange { get; }

    /// <summary>Range of channel shift intensities.</summary>
    public double ChannelShiftRange { get; }

    /// <summary>How points outside the input are filled.</summary>
    public FillMode FillMode { get; }

    /// <summary>Fill value for <see cref="FillMode.Constant"/>.</summary>
    public double Cval { get; }

    /// <summary>Randomly reverse columns.</summary>
    public bool HorizontalFlip { get; }

    /// <summary>Randomly reverse rows.</summary>
    public bool VerticalFlip { get; }

    /// <summary>Multiplier applied in <see cref="Standardize"/> (null or 0: off).</summary>
    public double? Rescale { get; }

    /// <summary>Function applied to each image first in <see cref="Standardize"/>.</summary>
    public Func<NdArray, NdArray>? PreprocessingFunction { get; }

    /// <summary>Where the channel axis is.</summary>
    public DataFormat DataFormat { get; }

    /// <summary>Fraction of images reserved for validation.</summary>
    public double ValidationSplit { get; }

    /// <summary>Spline order of the affine resampling: 0 nearest, 1 bilinear, 3 cubic.</summary>
    public int InterpolationOrder { get; }

    /// <summary>Array element type (only "float32").</summary>
    public string Dtype { get; }

    /// <summary>Keras' geometry (default) or the corrected one; see <see cref="KerasGeometry"/>.</summary>
    public KerasGeometry Geometry { get; }

    /// <summary>The warnings Keras prints for flag overrides made by the constructor.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Per-channel mean set by <see cref="Fit"/>, shape (1,1,C) or (C,1,1).</summary>
    public NdArray? Mean { get; set; }

    /// <summary>Per-channel std set by <see cref="Fit"/>.</summary>
    public NdArray? Std { get; set; }

    /// <summary>ZCA whitening matrix set by <see cref="Fit"/>, shape (d, d).</summary>
    public NdArray? ZcaWhiteningMatrix { get; set; }

    /// <summary>Axis of rows in one image (0-based, without the batch axis).</summary>
    internal int ImgRowAxis => DataFormat == DataFormat.ChannelsLast ? 0 : 1;

    /// <summary>Axis of columns in one image.</summary>
    internal int ImgColAxis => DataFormat == DataFormat.ChannelsLast ? 1 : 2;

    /// <summary>Axis of channels in one image.</summary>
    internal int ImgChannelAxis => DataFormat == DataFormat.ChannelsLast ? 2 : 0;

    /// <summary>
    /// Draws the parameters of one random transform for an image of shape
    /// <paramref name="imgShape"/>, in Keras' draw order. With a <paramref name="seed"/> the
    /// generator's stream is reseeded first, as Keras reseeds numpy.
    /// </summary>
    public KerasTransformParameters GetRandomTransform(IReadOnlyList<int> imgShape, int? seed = null)
    {
        if (seed is int s) _rng = RandomStream.For((ulong)(uint)s, 0);
        return Sample(_rng, imgShape);
    }

    /// <summary>
    /// Draws the parameters of one random transform from <paramref name="rng"/> (the sample half of
    /// sample-then-apply: nothing else draws random numbers).
    /// </summary>
    public KerasTransformParameters Sample(RandomStream rng, IReadOnlyList<int> imgShape)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(imgShape);
        if (imgShape.Count != 3) throw new ArgumentException($"Expected the shape of one image (rank 3), got ({string.Join(", ", imgShape)}).", nameof(imgShape));
        int rows = imgShape[ImgRowAxis];
        int cols = imgShape[ImgColAxis];

        double theta = RotationRange != 0 ? rng.Uniform(-RotationRange, RotationRange) : 0;
        double tx, ty;
        if (Geometry == KerasGeometry.Keras)
        {
            tx = HeightShiftRange.Draw(rng, rows);
            ty = WidthShiftRange.Draw(rng, cols);
        }
        else
        {
            tx = WidthShiftRange.Draw(rng, cols);
            ty = HeightShiftRange.Draw(rng, rows);
        }
        double shear = ShearRange != 0 ? rng.Uniform(-ShearRange, ShearRange) : 0;
        double zx = 1, zy = 1;
        if (!ZoomRange.IsIdentity)
        {
            zx = rng.Uniform(ZoomRange.Low, ZoomRange.High);
            zy = rng.Uniform(ZoomRange.Low, ZoomRange.High);
        }
        bool flipH = rng.NextDouble() < 0.5 && HorizontalFlip;
        bool flipV = rng.NextDouble() < 0.5 && VerticalFlip;
        double? channelShift = ChannelShiftRange != 0 ? rng.Uniform(-ChannelShiftRange, ChannelShiftRange) : null;
        double? brightness = BrightnessRange is { } br ? rng.Uniform(br.Low, br.High) : null;
        return new KerasTransformParameters
        {
            Theta = theta,
            Tx = tx,
            Ty = ty,
            Shear = shear,
            Zx = zx,
            Zy = zy,
            FlipHorizontal = flipH,
            FlipVertical = flipV,
            ChannelShiftIntensity = channelShift,
            Brightness = brightness,
        };
    }

    /// <inheritdoc />
    string ITransform.Name => "ImageDataGenerator";

    /// <summary>"ImageDataGenerator's brightness_range" when a brightness range is set: Keras applies it to an 8-bit picture.</summary>
    public string? EightBitStep => BrightnessRange is null ? null : "ImageDataGenerator's brightness_range";

    /// <summary>Always 1: Keras applies every random transform to every image (each part has its own range).</summary>
    public double P => 1;

    /// <summary>
    /// The engine's half of sample-then-apply: draws Keras' parameters for the context's image and
    /// returns them as a <see cref="KerasOperation"/> that carries the settings applying them.
    /// </summary>
    public IOperation Sample(RandomStream rng, TransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new KerasOperation(Sample(rng, context.Shape))
        {
            FillMode = FillMode,
            Cval = Cval,
            InterpolationOrder = InterpolationOrder,
            Geometry = Geometry,
        };
    }

    /// <summary>Draws one transform for <paramref name="image"/>'s shape from <paramref name="rng"/>.</summary>
    public KerasTransformParameters Sample(RandomStream rng, ImageShape image)
        => Sample(rng, DataFormat == DataFormat.ChannelsLast
            ? [image.Height, image.Width, image.Channels]
            : [image.Channels, image.Height, image.Width]);
}
