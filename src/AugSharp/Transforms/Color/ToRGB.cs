namespace AugSharp;

/// <summary>
/// Turns a one-channel (gray) image into <see cref="NumOutputChannels"/> identical channels
/// (Albumentations' ToRGB; default p = 1). A three-channel image is already RGB and is returned as
/// it is (a copy); any other channel count is refused with a <see cref="NotSupportedException"/> that names
/// the transform. The pixel type is kept (uint8, uint16, float32).
/// </summary>
[TransformCategory("color")]
public sealed class ToRGB : Transform<ToRgbOperation>, IChangesChannelCount
{
    private readonly int _numOutputChannels = 3;

    /// <summary>Creates the transform with p = 1.</summary>
    public ToRGB() => P = 1;

    /// <summary>The number of channels the gray value is copied to (1 or more). Default 3.</summary>
    public int NumOutputChannels
    {
        get => _numOutputChannels;
        init => _numOutputChannels = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(NumOutputChannels), value, "num_output_channels must be at least 1.");
    }

    /// <inheritdoc />
    public int OutputChannels(int input) => ToRgbOperation.OutputChannels(input, NumOutputChannels);

    /// <inheritdoc />
    protected override ToRgbOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        OutputChannels(context.Shape.Channels);
        return new ToRgbOperation { NumOutputChannels = NumOutputChannels };
    }
}

/// <summary>Copies the single channel of a gray image to <see cref="NumOutputChannels"/> channels; a three-channel image is kept.</summary>
public sealed record ToRgbOperation : Operation
{
    /// <summary>The channels that receive the gray value.</summary>
    public int NumOutputChannels { get; init; } = 3;

    /// <summary>The output channel count for an input of <paramref name="input"/> channels; throws for a count other than 1 or 3.</summary>
    internal static int OutputChannels(int input, int numOutputChannels) => input switch
    {
        1 => numOutputChannels,
        3 => 3,
        _ => throw new NotSupportedException($"ToRGB takes gray images of 1 channel (an RGB image of 3 is returned as it is); this image has {input}."),
    };

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int outChannels = OutputChannels(image.Channels, NumOutputChannels);
        if (image.Channels == 3 || outChannels == 1) return image.Clone();
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, outChannels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0, o = 0; x < s.Length; x++, o += outChannels) d.Slice(o, outChannels).Fill(s[x]);
        }
        return result;
    }
}
