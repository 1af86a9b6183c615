namespace AugSharp.Kernels;

/// <summary>
/// Enlarges an image by a whole factor, edge-directed and consistent with the image it came from:
/// Lanczos-4 first, then a few rounds of (1) smoothing along the edges, where the local structure
/// tensor says the image has one clear orientation (coherence), across nothing, and (2) back
/// projection: the difference between the input and the result shrunk by pixel-area averaging is
/// enlarged (bicubic) and added back (Irani and Peleg's iterative back projection). Edges come out
/// straight and without the staircase of separable filters, and shrinking the result by area
/// gives the input back, which Lanczos alone does not.
/// </summary>
public static class EdgeDirectedUpscale
{
    /// <summary>The rounds of edge smoothing and back projection by default.</summary>
    public const int DefaultIterations = 10;

    /// <summary>The share of the along-edge average laid over a fully coherent pixel by default.</summary>
    public const float DefaultEdgeWeight = 0.5f;

    /// <summary>
    /// Enlarges <paramref name="src"/> (values in any scale: 0..255, 0..65535 or 0..1) by
    /// <paramref name="factor"/>; the result is not clamped.
    /// </summary>
    /// <param name="src">The image (any number of channels).</param>
    /// <param name="factor">The whole enlargement factor, 2 or more.</param>
    /// <param name="iterations">Rounds of edge smoothing and back projection (0: Lanczos-4 alone).</param>
    /// <param name="edgeWeight">The share (0..1) of the along-edge average at fully coherent pixels.</param>
    public static ImageBuffer<float> Apply(ImageBuffer<float> src, int factor, int iterations = DefaultIterations, float edgeWeight = DefaultEdgeWeight)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (!(edgeWeight >= 0 && edgeWeight <= 1)) throw new ArgumentOutOfRangeException(nameof(edgeWeight), edgeWeight, "The edge weight must be within 0..1.");
        int w = src.Width, h = src.Height, cn = src.Channels, bigW = w * factor, bigH = h * factor;
        var big = ImageBuffer<float>.CreateUninitialized(bigW, bigH, cn);
        ResizeKernel.Apply(src, big, Interpolation.Lanczos);
        using var small = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        using var correction = ImageBuffer<float>.CreateUninitialized(bigW, bigH, cn);
        for (int round = 0; round < iterations; round++)
        {
            if (edgeWeight > 0)
            {
                var smoothed = SmoothAlongEdges(big, edgeWeight);
                big.Dispose();
                big = smoothed;
            }
            ResizeKernel.Apply(big, small, Interpolation.Area);
            for (int y = 0; y < h; y++)
            {
                var s = src.GetRow(y);
                var d = small.GetRow(y);
                for (int i = 0; i < d.Length; i++) d[i] = s[i] - d[i];
            }
            ResizeKernel.Apply(small, correction, Interpolation.Cubic);
            for (int y = 0; y < bigH; y++)
            {
                var c = correction.GetRow(y);
                var d = big.GetRow(y);
                for (int i = 0; i < d.Length; i++) d[i] += c[i];
            }
        }
        return big;
    }

    /// <summary>
    /// Each pixel blended with the mean of itself (weight 1/2) and the two points one pixel away
    /// along the local edge (1/4 each, bilinear), by <paramref name="weight"/> times the coherence
    /// of the structure tensor (σ = 1) of the channel mean.
    /// </summary>
    internal static ImageBuffer<float> SmoothAlongEdges(ImageBuffer<float> image, float weight)
    {
        int w = image.Width, h = image.Height, cn = image.Channels;
        using var gray = ImageBuffer<float>.CreateUninitialized(w, h, 1);
        float inv = 1f / cn;
        for (int y = 0; y < h; y++)
        {
            var s = image.GetRow(y);
            var g = gray.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                float sum = 0;
                for (int c = 0; c < cn; c++) sum += s[x * cn + c];
                g[x] = sum * inv;
            }
        }
        using var tensor = ImageBuffer<float>.CreateUninitialized(w, h, 3);
        for (int y = 0; y < h; y++)
        {
            var up = gray.GetRow(KernelCommon.BorderIndex(y - 1, h, BorderMode.Reflect101));
            var mid = gray.GetRow(y);
            var down = gray.GetRow(KernelCommon.BorderIndex(y + 1, h, BorderMode.Reflect101));
            var t = tensor.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                int l = x > 0 ? x - 1 : Math.Min(1, w - 1), r = x < w - 1 ? x + 1 : Math.Max(w - 2, 0);
                float gx = ((up[r] - up[l]) + 2 * (mid[r] - mid[l]) + (down[r] - down[l])) * 0.125f;
                float gy = ((down[l] - up[l]) + 2 * (down[x] - up[x]) + (down[r] - up[r])) * 0.125f;
                t[3 * x] = gx * gx;
                t[3 * x + 1] = gy * gy;
                t[3 * x + 2] = gx * gy;
            }
        }
        // The small constant that keeps flat areas at coherence 0, in the image's own scale (1e-3 for 0..255).
        float peak = 0;
        for (int y = 0; y < h; y++)
            foreach (float v in gray.GetRow(y)) peak = Math.Max(peak, Math.Abs(v));
        float epsilon = peak > 0 ? 1e-3f * (peak / 255f) * (peak / 255f) : 1e-3f;
        using var smoothTensor = ImageBuffer<float>.CreateUninitialized(w, h, 3);
        Convolution.Gaussian(tensor, smoothTensor, Convolution.GaussianSizeFor(1, uint8: false), 1);
        var result = ImageBuffer<float>.CreateUninitialized(w, h, cn);
        // Samples stay within one pixel of their pixel: a mirrored margin of 2 keeps every tap inside.
        const int Margin = 2;
        int pw = w + 2 * Margin, rowLength = pw * cn;
        var padded = Denoising.Pad(image, Margin);
        Parallel.For(0, h, y =>
        {
            var t = smoothTensor.GetRow(y);
            var s = image.GetRow(y);
            var d = result.GetRow(y);
            for (int x = 0; x < w; x++)
            {
                float jxx = t[3 * x], jyy = t[3 * x + 1], jxy = t[3 * x + 2];
                float root = MathF.Sqrt((jxx - jyy) * (jxx - jyy) + 4 * jxy * jxy);
                float trace = jxx + jyy;
                // (λ1 - λ2) / (λ1 + λ2), squared.
                float coherence = root / (trace + epsilon);
                float a = weight * coherence * coherence;
                int o = x * cn;
                if (a < 1e-4f)
                {
                    s.Slice(o, cn).CopyTo(d.Slice(o, cn));
                    continue;
                }
                // The gradient's orientation; the edge runs across it.
                float theta = 0.5f * MathF.Atan2(2 * jxy, jxx - jyy);
                float ex = -MathF.Sin(theta), ey = MathF.Cos(theta);
                // The two taps at ±(ex, ey), bilinear, in the padded image.
                float fx = x + Margin + ex, fy = y + Margin + ey, bx = x + Margin - ex, by = y + Margin - ey;
                int x0 = (int)MathF.Floor(fx), y0 = (int)MathF.Floor(fy), x1 = (int)MathF.Floor(bx), y1 = (int)MathF.Floor(by);
                float ax = fx - x0, ay = fy - y0, cx = bx - x1, cy = by - y1;
                int p0 = y0 * rowLength + x0 * cn, p1 = y1 * rowLength + x1 * cn;
                float w00 = (1 - ax) * (1 - ay), w01 = ax * (1 - ay), w10 = (1 - ax) * ay, w11 = ax * ay;
                float v00 = (1 - cx) * (1 - cy), v01 = cx * (1 - cy), v10 = (1 - cx) * cy, v11 = cx * cy;
                for (int c = 0; c < cn; c++)
                {
                    float forward = w00 * padded[p0 + c] + w01 * padded[p0 + cn + c] + w10 * padded[p0 + rowLength + c] + w11 * padded[p0 + rowLength + cn + c];
                    float backward = v00 * padded[p1 + c] + v01 * padded[p1 + cn + c] + v10 * padded[p1 + rowLength + c] + v11 * padded[p1 + rowLength + cn + c];
                    float along = 0.5f * s[o + c] + 0.25f * (forward + backward);
                    d[o + c] = s[o + c] * (1 - a) + along * a;
                }
            }
        });
        return result;
    }
}
