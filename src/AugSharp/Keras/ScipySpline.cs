namespace AugSharp.Keras;

internal static class ScipySpline
{
    public static void AffineTransform(ReadOnlySpan<float> input, int rows, int cols, int inRowStride, int inColStride,
        Span<float> output, int outRowStride, int outColStride,
        double m00, double m01, double m10, double m11, double off0, double off1,
        int order, FillMode mode, double cval)
        => throw new NotSupportedException($"interpolation_order {order} is not available yet.");
}
