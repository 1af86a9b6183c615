using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Sets random pixels to a value (Albumentations' PixelDropout; default p = 0.5): each pixel
/// (each pixel and channel when <see cref="PerChannel"/> is set) is dropped with probability
/// <see cref="DropoutProb"/> and takes <see cref="DropValue"/>, or a random value of the pixel
/// type's range (0..255, 0..65535, 0..1 for float32) when it is null. With
/// <see cref="MaskDropValue"/> the masks' pixels at the same places (a pixel dropped in any
/// channel) take that value; Albumentations draws the mask's pixels apart from the image's, here
/// they stay aligned with it. Boxes follow <see cref="DropoutOperation"/>'s rule with the dropped
/// pixels when <see cref="PerChannel"/> is off; keypoints are kept.
/// </summary>
[TransformCategory("dropout")]
public sealed class PixelDropout : Transform<PixelDropoutOperation>
{
    private readonly double _prob = 0.01;

    /// <summary>The probability of dropping each pixel, 0..1; default 0.01.</summary>
    public double DropoutProb
    {
        get => _prob;
        init => _prob = value >= 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(DropoutProb), value, "dropout_prob must be between 0 and 1.");
    }

    /// <summary>Draw each channel apart; default false.</summary>
    public bool PerChannel { get; init; }

    /// <summary>The value of dropped pixels (one for every channel, or one per channel), or null for random values; default 0.</summary>
    public IReadOnlyList<double>? DropValue { get; init; } = [0.0];

    /// <summary>The value of the masks' dropped pixels, or null (the default) to leave masks alone.</summary>
    public IReadOnlyList<double>? MaskDropValue { get; init; }

    /// <inheritdoc />
    protected override PixelDropoutOperation SampleOperation(RandomStream rng, TransformContext context)
        => new(rng.NextUInt64(), DropoutProb, PerChannel, context.Shape.Channels, DropValue, MaskDropValue);
}

/// <summary>
/// Random pixels set to a value. The dropped pixels (and random values) are drawn from
/// <paramref name="Seed"/>: a given seed drops the same pixels of any image of the same size.
/// </summary>
/// <param name="Seed">The seed of the drop pattern.</param>
/// <param name="DropoutProb">The probability of dropping each pixel (or pixel and channel).</param>
/// <param name="PerChannel">Whether channels are drawn apart.</param>
/// <param name="ImageChannels">The image's channel count when drawn: with <paramref name="PerChannel"/>, a mask pixel is dropped when any of these channels is.</param>
/// <param name="DropValue">The image value of dropped pixels, or null for random values.</param>
/// <param name="MaskDropValue">The mask value of dropped pixels, or null to leave masks alone.</param>
public sealed record PixelDropoutOperation(ulong Seed, double DropoutProb, bool PerChannel, int ImageChannels, IReadOnlyList<double>? DropValue, IReadOnlyList<double>? MaskDropValue) : DropoutOperation
{
    /// <inheritdoc />
    protected override bool RemovesKeypoints => false;

    /// <summary>The drop pattern for an image of <paramref name="width"/> x <paramref name="height"/> with <paramref name="channels"/> channels: one flag per pixel, or per pixel and channel with <see cref="PerChannel"/>.</summary>
    public bool[] Pattern(int width, int height, int channels)
    {
        var rng = new RandomStream(Seed);
        var pattern = new bool[width * height * (PerChannel ? channels : 1)];
        for (int i = 0; i < pattern.Length; i++) pattern[i] = rng.NextDouble() < DropoutProb;
        return pattern;
    }

    /// <inheritdoc />
    protected override bool[]? DroppedRegion(AnnotatedImage input) => PerChannel ? null : Pattern(input.Image.Width, input.Image.Height, 1);

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (DropoutProb <= 0) return image.Clone();
        int w = image.Width, h = image.Height, channels = image.Channels;
        var pattern = Pattern(w, h, channels);
        var fixedValues = DropValue is null ? null : FillValues<T>(DropValue, channels, Name);
        var random = new RandomStream(RandomStream.Mix(Seed + 1));
        double max = PixelTypes.NominalMax(image.PixelType);
        var result = image.Clone();
        for (int y = 0; y < h; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                int pixel = y * w + x;
                for (int c = 0; c < channels; c++)
                {
                    if (!pattern[PerChannel ? pixel * channels + c : pixel]) continue;
                    row[x * channels + c] = fixedValues is not null ? fixedValues[c]
                        : image.PixelType == PixelType.Float32 ? KernelCommon.FromDouble<T>(random.NextDouble())
                        : KernelCommon.FromDouble<T>(random.NextInt(0, (int)max + 1));
                }
            }
        }
        return result;
    }

    /// <inheritdoc />
    protected override ImageBuffer ApplyToMask(ImageBuffer mask)
    {
        if (MaskDropValue is null || DropoutProb <= 0) return mask;
        return OnMask(mask, Drop, Drop, Drop);
    }

    private ImageBuffer<T> Drop<T>(ImageBuffer<T> mask) where T : unmanaged
    {
        int w = mask.Width, h = mask.Height, channels = mask.Channels;
        // The mask follows the image's pattern: a pixel counts as dropped when any image channel is.
        int k = PerChannel ? Math.Max(1, ImageChannels) : 1;
        var drawn = Pattern(w, h, k);
        var pattern = new bool[w * h];
        for (int i = 0; i < pattern.Length; i++)
            for (int c = 0; c < k; c++) pattern[i] |= drawn[i * k + c];
        var values = FillValues<T>(MaskDropValue!, channels, Name);
        var result = mask.Clone();
        for (int y = 0; y < h; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < w; x++)
                if (pattern[y * w + x])
                    for (int c = 0; c < channels; c++) row[x * channels + c] = values[c];
        }
        return result;
    }
}
