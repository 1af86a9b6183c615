namespace AugSharp.Keras;

public sealed partial class ImageDataGenerator
{
    /// <summary>
    /// Applies <paramref name="parameters"/> to one image (rank 3, in <see cref="DataFormat"/>),
    /// in Keras' order: affine, channel shift, horizontal flip, vertical flip, brightness. Returns a
    /// new array; the input is not modified.
    /// </summary>
    public NdArray ApplyTransform(NdArray x, KerasTransformParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(parameters);
        if (x.Rank != 3)
            throw new ArgumentException($"apply_transform expects one image of rank 3, got shape ({string.Join(", ", x.Shape)}).", nameof(x));
        var layout = DataFormat == DataFormat.ChannelsLast
            ? PlaneLayout.ChannelsLast(x.Shape[0], x.Shape[1], x.Shape[2])
            : PlaneLayout.ChannelsFirst(x.Shape[0], x.Shape[1], x.Shape[2]);
        var result = new float[x.Length];
        ApplyCore(x.Data, result, layout, parameters, x.Shape[2]);
        return new NdArray(result, x.Shape);
    }

    /// <summary>Applies <paramref name="parameters"/> to a channels-last image buffer; returns a new buffer.</summary>
    public ImageBuffer<float> ApplyTransform(ImageBuffer<float> image, KerasTransformParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(parameters);
        var layout = PlaneLayout.ChannelsLast(image.Height, image.Width, image.Channels);
        var result = ImageBuffer<float>.CreateUninitialized(image.Width, image.Height, image.Channels); // every element is written
        if (image.IsContiguous)
        {
            ApplyCore(image.GetSpan(), result.GetSpan(), layout, parameters, image.Channels);
        }
        else
        {
            using var contiguous = image.Clone();
            ApplyCore(contiguous.GetSpan(), result.GetSpan(), layout, parameters, image.Channels);
        }
        return result;
    }

    /// <summary><c>ApplyTransform(x, GetRandomTransform(x.Shape, seed))</c>.</summary>
    public NdArray RandomTransform(NdArray x, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ApplyTransform(x, GetRandomTransform(x.Shape, seed));
    }

    /// <summary>Keras' apply_transform from <paramref name="source"/> into <paramref name="destination"/> (same layout and length).</summary>
    /// <param name="source">The input, not modified.</param>
    /// <param name="destination">The output.</param>
    /// <param name="layout">Where rows, columns and channels are.</param>
    /// <param name="p">The parameters.</param>
    /// <param name="lastAxisLength">Length of the array's last axis, which brightness reads as the channel count.</param>
    private void ApplyCore(ReadOnlySpan<float> source, Span<float> destination, PlaneLayout layout, KerasTransformParameters p, int lastAxisLength)
    {
        var affine = Geometry == KerasGeometry.Keras
            ? KerasAffine.BuildMatrix(p.Theta, p.Tx, p.Ty, p.Shear, p.Zx, p.Zy, layout.Rows, layout.Cols)
            : KerasAffine.BuildMatrix(p.Theta, p.Tx, p.Ty, p.Shear, p.Zx, p.Zy, layout.Rows, layout.Cols, trueCentre: true);
        bool flipped = false, brightened = false;
        if (affine is { } a && KerasAffineSimd.IsSupported(layout, InterpolationOrder))
        {
            // One pass over all channels with the flips folded in (each pixel written to its
            // mirrored place); bit-exact with the resample below followed by the flips. The channel
            // shift clips to the global min and max, which flips do not change, so it may follow.
            // Without a channel shift, the brightness shift of an image within [0, 255] (no
            // stretch) is done in the same pass; when a value leaves that range, the warp runs
            // again and the shift below stretches as Keras does.
            float? fused = p.Brightness is double bright && p.ChannelShiftIntensity is null && lastAxisLength == layout.Channels
                && layout.Channels is 1 or 3 or 4 ? (float)bright : null;
            brightened = KerasAffineSimd.ResampleLinear(source, destination, layout, a, FillMode, Cval, p.FlipHorizontal, p.FlipVertical, fused) && fused is not null;
            if (fused is not null && !brightened)
                KerasAffineSimd.ResampleLinear(source, destination, layout, a, FillMode, Cval, p.FlipHorizontal, p.FlipVertical);
            flipped = true;
        }
        else if (affine is { } b) KerasAffine.Resample(source, destination, layout, b, InterpolationOrder, FillMode, Cval);
        else source.CopyTo(destination);
        if (p.ChannelShiftIntensity is double intensity) KerasColor.ChannelShift(destination, intensity);
        if (p.FlipHorizontal && !flipped) FlipColumns(destination, layout);
        if (p.FlipVertical && !flipped) FlipRows(destination, layout);
        if (p.Brightness is double brightness && !brightened)
        {
            // Keras converts with array_to_img's default data format (channels_last), whatever the
            // generator's format: a (C, H, W) array is read as H=C, W=H, C=W.
            KerasColor.BrightnessShift(destination, lastAxisLength, brightness);
        }
    }

    private static void FlipColumns(Span<float> x, PlaneLayout l)
    {
        for (int ch = 0; ch < l.Channels; ch++)
        {
            for (int r = 0; r < l.Rows; r++)
            {
                int baseIndex = r * l.RowStride + ch * l.ChannelStride;
                for (int c0 = 0, c1 = l.Cols - 1; c0 < c1; c0++, c1--)
                {
                    (x[baseIndex + c0 * l.ColStride], x[baseIndex + c1 * l.ColStride]) = (x[baseIndex + c1 * l.ColStride], x[baseIndex + c0 * l.ColStride]);
                }
            }
        }
    }

    private static void FlipRows(Span<float> x, PlaneLayout l)
    {
        for (int ch = 0; ch < l.Channels; ch++)
        {
            for (int c = 0; c < l.Cols; c++)
            {
                int baseIndex = c * l.ColStride + ch * l.ChannelStride;
                for (int r0 = 0, r1 = l.Rows - 1; r0 < r1; r0++, r1--)
                {
                    (x[baseIndex + r0 * l.RowStride], x[baseIndex + r1 * l.RowStride]) = (x[baseIndex + r1 * l.RowStride], x[baseIndex + r0 * l.RowStride]);
                }
            }
        }
    }
}
