namespace AugSharp.Cleaning;

/// <summary>The exact fraction of an augmented image made by the border fill rather than the source.</summary>
public static class FillFraction
{
    /// <summary>
    /// Replays <paramref name="recipe"/> (an augmented image's operations, as the manifest of a
    /// generated data set records them) on a mask of ones the size of the source and returns the
    /// fraction of the result's pixels where the mask is 0: the pixels that no source pixel reached.
    /// Every border is replayed as a constant one, so that the pixels a reflected, replicated or
    /// wrapped border made count as fill too (the recorded border would carry the ones of the mask
    /// into them). Null when the recipe cannot be replayed alone (it needs other images, as the mixing
    /// transforms do).
    /// </summary>
    /// <param name="recipe">The operations applied to the source.</param>
    /// <param name="sourceWidth">The source image's width.</param>
    /// <param name="sourceHeight">The source image's height.</param>
    /// <param name="channels">The source image's channel count (some operations need colour).</param>
    public static double? FromOperations(IOperation recipe, int sourceWidth, int sourceHeight, int channels = 3)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        using var image = new ImageBuffer<byte>(sourceWidth, sourceHeight, channels);
        using var ones = new ImageBuffer<byte>(sourceWidth, sourceHeight, 1);
        ones.Fill(1);
        AnnotatedImage result;
        try
        {
            result = WithConstantBorders(recipe).Apply(new AnnotatedImage(image, masks: [ones]));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or KeyNotFoundException)
        {
            return null;
        }
        try
        {
            if (result.Masks.Count != 1 || result.Masks[0] is not ImageBuffer<byte> mask) return null;
            long zeros = 0;
            for (int y = 0; y < mask.Height; y++)
                foreach (byte v in mask.GetRow(y))
                    if (v == 0) zeros++;
            return zeros / (double)((long)mask.Width * mask.Height);
        }
        finally
        {
            foreach (var buffer in result.Buffers)
                if (!ReferenceEquals(buffer, image) && !ReferenceEquals(buffer, ones)) buffer.Dispose();
        }
    }

    /// <summary><paramref name="operation"/> with every border made constant, 0 for masks (nested recipes included).</summary>
    internal static IOperation WithConstantBorders(IOperation operation) => operation switch
    {
        ComposeOperation compose => compose with { Operations = compose.Operations.Select(WithConstantBorders).ToArray() },
        WarpOperation warp => warp with { BorderMode = BorderMode.Constant, FillMask = 0 },
        DistortionOperation distortion => distortion with { BorderMode = BorderMode.Constant, FillMask = 0 },
        PadOperation pad => pad with { BorderMode = BorderMode.Constant, FillMask = 0 },
        _ => operation,
    };
}
