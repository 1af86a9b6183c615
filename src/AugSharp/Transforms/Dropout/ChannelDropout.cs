namespace AugSharp;

/// <summary>
/// Sets whole channels to <see cref="Fill"/> (Albumentations' ChannelDropout; default p = 0.5):
/// the number of channels is drawn from <see cref="ChannelDropRange"/> (inclusive) and the
/// channels uniformly without repetition. Dropping every channel is an error. Albumentations
/// refuses one-channel images; here a one-channel image is left as it is. Only the image
/// changes (float32 images hold 0..1).
/// </summary>
[TransformCategory("dropout")]
public sealed class ChannelDropout : Transform<ChannelDropoutOperation>
{
    private readonly ValueRange _range = new(1, 1);

    /// <summary>How many channels to drop, [min, max], min ≥ 1; default [1, 1].</summary>
    public ValueRange ChannelDropRange
    {
        get => _range;
        init
        {
            value.Check(nameof(ChannelDropRange), 1);
            if (value.Min != Math.Floor(value.Min) || value.Max != Math.Floor(value.Max)) throw new ArgumentOutOfRangeException(nameof(ChannelDropRange), value, "channel_drop_range takes whole numbers.");
            _range = value;
        }
    }

    /// <summary>The value of the dropped channels; default 0.</summary>
    public double Fill { get; init; }

    /// <inheritdoc />
    protected override ChannelDropoutOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int channels = context.Shape.Channels;
        if (channels == 1) return new ChannelDropoutOperation([], Fill);
        if (ChannelDropRange.Max >= channels)
            throw new InvalidOperationException($"ChannelDropout: channel_drop_range {ChannelDropRange} would drop every channel of a {channels}-channel image.");
        int count = rng.NextInt((int)ChannelDropRange.Min, (int)ChannelDropRange.Max + 1);
        var chosen = rng.Permutation(channels)[..count];
        Array.Sort(chosen);
        return new ChannelDropoutOperation(chosen, Fill);
    }
}

/// <summary>Channels set to a value; masks, boxes and keypoints are kept.</summary>
/// <param name="Channels">The dropped channels' indices.</param>
/// <param name="Fill">Their value.</param>
public sealed record ChannelDropoutOperation(IReadOnlyList<int> Channels, double Fill) : Operation
{
    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        if (Channels.Count == 0) return image.Clone();
        int channels = image.Channels;
        foreach (int c in Channels)
            if (c < 0 || c >= channels) throw new InvalidOperationException($"{Name}: channel {c} does not exist in a {channels}-channel image.");
        var value = Kernels.KernelCommon.FromDouble<T>(Fill);
        var result = image.Clone();
        for (int y = 0; y < result.Height; y++)
        {
            var row = result.GetRow(y);
            for (int x = 0; x < result.Width; x++)
                foreach (int c in Channels) row[x * channels + c] = value;
        }
        return result;
    }
}
