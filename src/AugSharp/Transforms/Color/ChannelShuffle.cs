namespace AugSharp;

/// <summary>
/// Puts the channels in a random order (Albumentations' ChannelShuffle; default p = 0.5). Any
/// pixel type and any number of channels; the values are copied unchanged.
/// </summary>
[TransformCategory("color")]
public sealed class ChannelShuffle : Transform<ChannelShuffleOperation>
{
    /// <inheritdoc />
    protected override ChannelShuffleOperation SampleOperation(RandomStream rng, TransformContext context)
        => new() { ChannelOrder = rng.Permutation(context.Shape.Channels) };
}

/// <summary>Output channel c is input channel <c>ChannelOrder[c]</c>.</summary>
public sealed record ChannelShuffleOperation : Operation
{
    /// <summary>The source channel of each output channel (a permutation of 0..channels-1).</summary>
    public IReadOnlyList<int> ChannelOrder { get; init; } = [];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int channels = image.Channels;
        if (ChannelOrder.Count != channels || ChannelOrder.Distinct().Count() != channels || ChannelOrder.Any(c => (uint)c >= (uint)channels))
            throw new ArgumentException($"ChannelShuffle: the order [{string.Join(", ", ChannelOrder)}] is not a permutation of the image's {channels} channels.");
        bool identity = true;
        for (int c = 0; c < channels; c++) identity &= ChannelOrder[c] == c;
        if (identity) return image;
        var order = ChannelOrder.ToArray();
        var result = ImageBuffer<T>.CreateUninitialized(image.Width, image.Height, channels);
        for (int y = 0; y < image.Height; y++)
        {
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0; i < s.Length; i += channels)
                for (int c = 0; c < channels; c++)
                    d[i + c] = s[i + order[c]];
        }
        return result;
    }
}
