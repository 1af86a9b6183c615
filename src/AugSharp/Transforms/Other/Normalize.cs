using System.Runtime.InteropServices;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>How <see cref="Normalize"/> computes its statistics.</summary>
public enum Normalization
{
    /// <summary>(x - mean·max_pixel_value) / (std·max_pixel_value) with the given mean and std.</summary>
    Standard,

    /// <summary>(x - m) / (s + 1e-4) with the mean m and standard deviation s of the whole image; clipped to [-20, 20].</summary>
    Image,

    /// <summary>As <see cref="Image"/>, with each channel's own mean and standard deviation.</summary>
    ImagePerChannel,

    /// <summary>(x - min) / (max - min + 1e-4) with the whole image's minimum and maximum.</summary>
    MinMax,

    /// <summary>As <see cref="MinMax"/>, with each channel's own minimum and maximum; clipped to [-20, 20].</summary>
    MinMaxPerChannel,
}

/// <summary>
/// Normalises the image into float32 (Albumentations' Normalize; default p = 1). The default,
/// <c>standard</c>, subtracts <see cref="Mean"/> and divides by <see cref="Std"/>, both given in
/// 0..1 and scaled by <see cref="MaxPixelValue"/> (255, ImageNet's statistics by default): a
/// uint8 image gives (x/255 - mean)/std. As in Albumentations the formula does not depend on the
/// input type, so a float32 image in 0..1 wants max_pixel_value 1, and a uint16 one 65535. Mean
/// and std hold one value for every channel or one per channel. The other normalizations use the
/// image's own statistics (see <see cref="AugSharp.Normalization"/>). Masks, boxes and keypoints
/// are kept.
/// </summary>
[TransformCategory("other")]
public sealed class Normalize : Transform<NormalizeOperation>, IChangesPixelType
{
    private readonly IReadOnlyList<double> _mean = [0.485, 0.456, 0.406];
    private readonly IReadOnlyList<double> _std = [0.229, 0.224, 0.225];
    private readonly double _max = 255;

    /// <summary>Creates the transform with p = 1.</summary>
    public Normalize() => P = 1;

    /// <summary>The mean, in 0..1 (times max_pixel_value); default ImageNet's [0.485, 0.456, 0.406].</summary>
    public IReadOnlyList<double> Mean { get => _mean; init => _mean = value is { Count: > 0 } ? value.ToArray() : throw new ArgumentException("mean needs at least one value.", nameof(Mean)); }

    /// <summary>The standard deviation, in 0..1 (times max_pixel_value), each above 0; default ImageNet's [0.229, 0.224, 0.225].</summary>
    public IReadOnlyList<double> Std
    {
        get => _std;
        init => _std = value is { Count: > 0 } && value.All(s => s > 0) ? value.ToArray() : throw new ArgumentException("std needs at least one value, each above 0.", nameof(Std));
    }

    /// <summary>The pixel value that stands for 1, above 0; default 255.</summary>
    public double MaxPixelValue { get => _max; init => _max = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxPixelValue), value, "max_pixel_value must be above 0."); }

    /// <summary>The statistics used: standard (the default), image, image_per_channel, min_max or min_max_per_channel.</summary>
    public Normalization Normalization { get; init; } = Normalization.Standard;

    /// <inheritdoc />
    public PixelType OutputPixelType(PixelType input) => PixelType.Float32;

    /// <inheritdoc />
    protected override NormalizeOperation SampleOperation(RandomStream rng, TransformContext context) => new(Mean, Std, MaxPixelValue, Normalization);
}

/// <summary>The image normalised into float32 (see <see cref="Normalize"/>).</summary>
/// <param name="Mean">The mean (standard normalization), one value or one per channel.</param>
/// <param name="Std">The standard deviation (standard normalization), one value or one per channel.</param>
/// <param name="MaxPixelValue">The scale of mean and std.</param>
/// <param name="Normalization">The statistics used.</param>
public sealed record NormalizeOperation(IReadOnlyList<double> Mean, IReadOnlyList<double> Std, double MaxPixelValue, Normalization Normalization) : Operation
{
    private const double Eps = 1e-4;

    /// <inheritdoc />
    protected override ImageBuffer ApplyToImage(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.PixelType switch
        {
            PixelType.UInt8 => Run(image.As<byte>()),
            PixelType.UInt16 => Run(image.As<ushort>()),
            _ => Run(image.As<float>()),
        };
    }

    private ImageBuffer<float> Run<T>(ImageBuffer<T> image) where T : unmanaged
    {
        int channels = image.Channels;
        var offset = new double[channels];
        var scale = new double[channels];
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        switch (Normalization)
        {
            case Normalization.Standard:
                for (int c = 0; c < channels; c++)
                {
                    offset[c] = PerChannel(Mean, c, channels, "mean") * MaxPixelValue;
                    scale[c] = 1 / (PerChannel(Std, c, channels, "std") * MaxPixelValue);
                }
                break;
            case Normalization.Image:
            case Normalization.ImagePerChannel:
                {
                    bool perChannel = Normalization == Normalization.ImagePerChannel && channels > 1;
                    var (mean, std) = Moments(image, perChannel);
                    for (int c = 0; c < channels; c++)
                    {
                        offset[c] = mean[perChannel ? c : 0];
                        scale[c] = 1 / (std[perChannel ? c : 0] + Eps);
                    }
                    (low, high) = (-20, 20);
                    break;
                }
            default:
                {
                    bool perChannel = Normalization == Normalization.MinMaxPerChannel && channels > 1;
                    var (min, max) = Extremes(image, perChannel);
                    for (int c = 0; c < channels; c++)
                    {
                        offset[c] = min[perChannel ? c : 0];
                        scale[c] = 1 / (max[perChannel ? c : 0] - min[perChannel ? c : 0] + Eps);
                    }
                    if (perChannel) (low, high) = (-20, 20);
                    break;
                }
        }
        var result = ImageBuffer<float>.CreateUninitialized(image.Width, image.Height, channels);
        if (typeof(T) == typeof(byte) && double.IsNegativeInfinity(low) && double.IsPositiveInfinity(high))
        {
            for (int y = 0; y < image.Height; y++)
                ColorKernels.NormalizeRow(MemoryMarshal.Cast<T, byte>(image.GetRow(y)), result.GetRow(y), offset, scale);
            return result;
        }
        for (int y = 0; y < image.Height; y++)
        {
            var source = image.GetRow(y);
            var target = result.GetRow(y);
            for (int i = 0; i < source.Length; i++)
            {
                int c = i % channels;
                double v = (PixelValues.ToDouble(source[i]) - offset[c]) * scale[c];
                target[i] = (float)Math.Clamp(v, low, high);
            }
        }
        return result;
    }

    private double PerChannel(IReadOnlyList<double> values, int c, int channels, string name)
    {
        if (values.Count == 1) return values[0];
        if (values.Count != channels)
            throw new InvalidOperationException($"{Name}: {name} has {values.Count} values for an image of {channels} channels; give one value or one per channel.");
        return values[c];
    }

    private static (double[] Mean, double[] Std) Moments<T>(ImageBuffer<T> image, bool perChannel) where T : unmanaged
    {
        int channels = image.Channels, groups = perChannel ? channels : 1;
        var sum = new double[groups];
        var squares = new double[groups];
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            for (int i = 0; i < row.Length; i++)
            {
                double v = PixelValues.ToDouble(row[i]);
                int g = perChannel ? i % channels : 0;
                sum[g] += v;
                squares[g] += v * v;
            }
        }
        double n = (double)image.Width * image.Height * (perChannel ? 1 : channels);
        var mean = new double[groups];
        var std = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            mean[g] = sum[g] / n;
            std[g] = Math.Sqrt(Math.Max(0, squares[g] / n - mean[g] * mean[g]));
        }
        return (mean, std);
    }

    private static (double[] Min, double[] Max) Extremes<T>(ImageBuffer<T> image, bool perChannel) where T : unmanaged
    {
        int channels = image.Channels, groups = perChannel ? channels : 1;
        var min = Enumerable.Repeat(double.PositiveInfinity, groups).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, groups).ToArray();
        for (int y = 0; y < image.Height; y++)
        {
            var row = image.GetRow(y);
            for (int i = 0; i < row.Length; i++)
            {
                double v = PixelValues.ToDouble(row[i]);
                int g = perChannel ? i % channels : 0;
                if (v < min[g]) min[g] = v;
                if (v > max[g]) max[g] = v;
            }
        }
        return (min, max);
    }
}
