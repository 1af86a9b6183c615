using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>
/// The 8-bit area shrink with non-integer factors (vector conversions in and out) equals the float
/// area shrink of the same pixels, rounded half to even and saturated, byte for byte.
/// </summary>
public class ResizeAreaVectorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ByteAreaEqualsTheRoundedFloatArea(int cn)
    {
        var rng = new Random(cn);
        foreach (var (sw, sh, dw, dh) in new[] { (451, 300, 226, 150), (640, 427, 320, 214), (97, 61, 41, 33), (37, 29, 25, 11), (23, 19, 17, 18) })
        {
            using var big = new ImageBuffer<byte>(sw + 3, sh + 2, cn);
            for (int y = 0; y < big.Height; y++) rng.NextBytes(big.GetRow(y));
            var src = big.Crop(2, 1, sw, sh);
            using var f = new ImageBuffer<float>(sw, sh, cn);
            for (int y = 0; y < sh; y++)
            {
                var s = src.GetRow(y);
                var d = f.GetRow(y);
                for (int i = 0; i < s.Length; i++) d[i] = s[i];
            }
            using var dst = new ImageBuffer<byte>(dw, dh, cn);
            using var fdst = new ImageBuffer<float>(dw, dh, cn);
            ResizeKernel.Apply(src, dst, Interpolation.Area);
            ResizeKernel.Apply(f, fdst, Interpolation.Area);
            for (int y = 0; y < dh; y++)
            {
                var b = dst.GetRow(y);
                var e = fdst.GetRow(y);
                for (int i = 0; i < b.Length; i++)
                    Assert.Equal((byte)Math.Clamp(MathF.Round(e[i]), 0, 255), b[i]);
            }
        }
    }
}
