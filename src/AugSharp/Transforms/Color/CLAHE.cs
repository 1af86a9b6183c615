using System.Runtime.CompilerServices;
using AugSharp.Kernels;

namespace AugSharp;

/// <summary>
/// Contrast Limited Adaptive Histogram Equalization, as OpenCV's createCLAHE applies it
/// (Albumentations' CLAHE; default p = 0.5): a gray image is equalised directly; an RGB image (3
/// channels, or 4 with alpha kept) on the L channel of CIE Lab and converted back. The clip limit
/// is drawn from <see cref="ClipLimit"/>. It works on 8-bit levels, as Albumentations does for
/// every type: uint16 and float32 (0..1) images are taken to levels 0..255 and written back in
/// their scale.
/// </summary>
[TransformCategory("color")]
[RgbImages]
public sealed class CLAHE : Transform<ClaheOperation>
{
    /// <summary>The interval of clip limits (a single number C means [1, C], as in Albumentations).</summary>
    public ValueRange ClipLimit { get; init; } = new(1, 4);

    private readonly IReadOnlyList<int> _tileGridSize = [8, 8];

    /// <summary>The number of tiles across and down, [columns, rows] (OpenCV's tileGridSize).</summary>
    public IReadOnlyList<int> TileGridSize
    {
        get => _tileGridSize;
        init => _tileGridSize = value is { Count: 2 } && value[0] >= 1 && value[1] >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TileGridSize), "tile_grid_size must be two whole numbers of at least 1: [columns, rows].");
    }

    /// <inheritdoc />
    protected override ClaheOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        var range = ClipLimit.Min == ClipLimit.Max && ClipLimit.Min >= 1 ? new ValueRange(1, ClipLimit.Max) : ClipLimit;
        range.Check(nameof(ClipLimit), 0);
        return new ClaheOperation { ClipLimit = range.Draw(rng), TileGridSize = TileGridSize.ToArray() };
    }
}

/// <summary>CLAHE with one clip limit and tile grid (the per-tile tables come from the image it meets).</summary>
public sealed record ClaheOperation : Operation
{
    /// <summary>The clip limit (OpenCV's clipLimit; 0 means no clipping).</summary>
    public double ClipLimit { get; init; } = 4;

    /// <summary>Tiles across and down, [columns, rows].</summary>
    public IReadOnlyList<int> TileGridSize { get; init; } = [8, 8];

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image)
    {
        int channels = image.Channels;
        ColorChannels.RequireRgb("CLAHE", channels, 1);
        if (TileGridSize.Count != 2 || TileGridSize[0] < 1 || TileGridSize[1] < 1) throw new ArgumentException("CLAHE: tile_grid_size must be [columns, rows], each at least 1.");
        var levels = EightBitLevels.Of(image);
        ImageBuffer<byte> result;
        if (channels == 1)
        {
            result = Apply(levels, ClipLimit, TileGridSize[0], TileGridSize[1]);
        }
        else
        {
            var lab = Lab.FromRgb(levels);
            var lightness = ImageBuffer<byte>.CreateUninitialized(lab.Width, lab.Height, 1);
            for (int y = 0; y < lab.Height; y++)
            {
                var s = lab.GetRow(y);
                var d = lightness.GetRow(y);
                for (int x = 0; x < d.Length; x++) d[x] = s[3 * x];
            }
            using var equalised = Apply(lightness, ClipLimit, TileGridSize[0], TileGridSize[1]);
            lightness.Dispose();
            for (int y = 0; y < lab.Height; y++)
            {
                var s = equalised.GetRow(y);
                var d = lab.GetRow(y);
                for (int x = 0; x < s.Length; x++) d[3 * x] = s[x];
            }
            result = Lab.ToRgb(lab, levels);
            lab.Dispose();
        }
        if (!ReferenceEquals(levels, image)) levels.Dispose();
        var back = EightBitLevels.Back<T>(result);
        if (!ReferenceEquals(back, result)) result.Dispose();
        return back;
    }

    /// <summary>OpenCV's CLAHE on a 1-channel 8-bit image: clipped, redistributed tile histograms, bilinear between tile tables (<paramref name="direct"/> false: every pixel of the tile histograms through the border map, the reference of the direct reading).</summary>
    internal static ImageBuffer<byte> Apply(ImageBuffer<byte> src, double clipLimit, int tilesX, int tilesY, bool direct = true)
    {
        int width = src.Width, height = src.Height;
        int extWidth = width % tilesX == 0 ? width : width + tilesX - width % tilesX;
        int extHeight = height % tilesY == 0 ? height : height + tilesY - height % tilesY;
        int tileWidth = extWidth / tilesX, tileHeight = extHeight / tilesY;
        int tileArea = tileWidth * tileHeight;
        float lutScale = 255f / tileArea;
        int clip = 0;
        if (clipLimit > 0) clip = Math.Max((int)(clipLimit * tileArea / 256), 1);
        var luts = new byte[tilesX * tilesY * 256];
        var hist = new int[256];
        for (int ty = 0; ty < tilesY; ty++)
        {
            for (int tx = 0; tx < tilesX; tx++)
            {
                Array.Clear(hist);
                // The part of the tile inside the image directly, the rest (narrow images) through the border.
                int x0 = tx * tileWidth, x1 = (tx + 1) * tileWidth, inside = direct ? Math.Max(x0, Math.Min(x1, width)) : x0;
                for (int y = ty * tileHeight; y < (ty + 1) * tileHeight; y++)
                {
                    ReadOnlySpan<byte> row = src.GetRow(KernelCommon.BorderIndex(y, height, BorderMode.Reflect101));
                    foreach (byte level in row[Math.Min(x0, width)..Math.Min(inside, width)]) hist[level]++;
                    for (int x = inside; x < x1; x++) hist[row[KernelCommon.BorderIndex(x, width, BorderMode.Reflect101)]]++;
                }
                if (clip > 0)
                {
                    int clipped = 0;
                    for (int i = 0; i < 256; i++)
                    {
                        if (hist[i] > clip)
                        {
                            clipped += hist[i] - clip;
                            hist[i] = clip;
                        }
                    }
                    int batch = clipped / 256, residual = clipped - batch * 256;
                    for (int i = 0; i < 256; i++) hist[i] += batch;
                    if (residual != 0)
                    {
                        int step = Math.Max(256 / residual, 1);
                        for (int i = 0; i < 256 && residual > 0; i += step, residual--) hist[i]++;
                    }
                }
                int sum = 0;
                int offset = (ty * tilesX + tx) * 256;
                for (int i = 0; i < 256; i++)
                {
                    sum += hist[i];
                    luts[offset + i] = KernelCommon.FromFloat<byte>(sum * lutScale);
                }
            }
        }
        var dst = ImageBuffer<byte>.CreateUninitialized(width, height, 1);
        float invTw = 1f / tileWidth, invTh = 1f / tileHeight;
        var ind1 = new int[width];
        var ind2 = new int[width];
        var xa = new float[width];
        for (int x = 0; x < width; x++)
        {
            float txf = x * invTw - 0.5f;
            int tx1 = (int)MathF.Floor(txf);
            int tx2 = tx1 + 1;
            xa[x] = txf - tx1;
            ind1[x] = Math.Max(tx1, 0) * 256;
            ind2[x] = Math.Min(tx2, tilesX - 1) * 256;
        }
        for (int y = 0; y < height; y++)
        {
            float tyf = y * invTh - 0.5f;
            int ty1 = (int)MathF.Floor(tyf);
            int ty2 = ty1 + 1;
            float ya = tyf - ty1;
            ty1 = Math.Max(ty1, 0);
            ty2 = Math.Min(ty2, tilesY - 1);
            int plane1 = ty1 * tilesX * 256, plane2 = ty2 * tilesX * 256;
            var s = src.GetRow(y);
            var d = dst.GetRow(y);
            for (int x = 0; x < width; x++)
            {
                int v = s[x];
                float res = (luts[plane1 + ind1[x] + v] * (1 - xa[x]) + luts[plane1 + ind2[x] + v] * xa[x]) * (1 - ya)
                          + (luts[plane2 + ind1[x] + v] * (1 - xa[x]) + luts[plane2 + ind2[x] + v] * xa[x]) * ya;
                d[x] = KernelCommon.FromFloat<byte>(res);
            }
        }
        return dst;
    }
}

/// <summary>8-bit sRGB (D65) to CIE Lab and back as OpenCV stores it: L * 255 / 100, a + 128, b + 128 (forward in OpenCV's fixed point, back in double precision).</summary>
internal static class Lab
{
    private const double Threshold = 0.008856;

    private static double ToLinear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);


    // Level k + 1 begins where the sRGB encoding of a linear value reaches k + 0.5: the 8-bit
    // encoding is then a search among these 255 bounds instead of a power per component.
    private static readonly double[] EncodeBounds = Enumerable.Range(0, 255).Select(k => ToLinear((k + 0.5) / 255)).ToArray();

    /// <summary>The 8-bit sRGB level of a linear value: round(255 * encode(clamp(v, 0, 1))), by binary search among the bounds.</summary>
    internal static byte EncodeBySearch(double linear)
    {
        var bounds = EncodeBounds;
        int lo = 0, hi = 255;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (linear >= bounds[mid]) lo = mid + 1;
            else hi = mid;
        }
        return (byte)lo;
    }

    // The linear range [0, 1] cut into buckets narrower than half the closest two bounds (the
    // narrowest gap, 1 / (255 * 12.92), is at the dark end): a bucket's entry is the level at the
    // start of the bucket before it, so between it and the value lies at most one bound.
    private const int EncodeBuckets = 8192;
    private static readonly byte[] EncodeStart = Enumerable.Range(0, EncodeBuckets).Select(i => i == 0 ? (byte)0 : EncodeBySearch((i - 1) / (double)EncodeBuckets)).ToArray();
    private static readonly double[] EncodeNext = [.. EncodeBounds, double.PositiveInfinity];

    /// <summary>The 8-bit sRGB level of a linear value, the same as <see cref="EncodeBySearch"/>, without a branch on the data.</summary>
    internal static byte Encode(double linear)
    {
        // The conversion saturates: far out-of-range values land in the first or last bucket.
        int level = EncodeStart[Math.Clamp((int)(linear * EncodeBuckets), 0, EncodeBuckets - 1)];
        return (byte)(level + Unsafe.BitCast<bool, byte>(linear >= EncodeNext[level]));
    }

    private static double F(double t) => t > Threshold ? Math.Cbrt(t) : 7.787 * t + 16.0 / 116;

    private const int LabShift = 12, LabShift2 = 15, GammaShift = 3;
    private static readonly int[] GammaTable = Enumerable.Range(0, 256).Select(i => (int)Math.Round(255.0 * (1 << GammaShift) * ToLinear(i / 255.0), MidpointRounding.ToEven)).ToArray();
    private static readonly int[] CbrtTable = Enumerable.Range(0, 256 * 3 / 2 * (1 << GammaShift)).Select(i =>
    {
        double x = i / (255.0 * (1 << GammaShift));
        return (int)Math.Round((1 << LabShift2) * (x < Threshold ? x * 7.787 + 16.0 / 116 : Math.Cbrt(x)), MidpointRounding.ToEven);
    }).ToArray();
    private static readonly int[] Coefficients = MakeCoefficients();

    private static int[] MakeCoefficients()
    {
        double[] m = [0.412453, 0.357580, 0.180423, 0.212671, 0.715160, 0.072169, 0.019334, 0.119193, 0.950227];
        double[] white = [0.950456, 1, 1.088754];
        var c = new int[9];
        for (int i = 0; i < 9; i++) c[i] = (int)Math.Round((1 << LabShift) * m[i] / white[i / 3], MidpointRounding.ToEven);
        return c;
    }

    private static int Descale(int x, int n) => (x + (1 << (n - 1))) >> n;

    /// <summary>The 8-bit L of one 8-bit RGB pixel (L * 255 / 100), in OpenCV's fixed-point arithmetic.</summary>
    public static int Lightness8(int red, int green, int blue)
    {
        var c = Coefficients;
        int r = GammaTable[red], g = GammaTable[green], b = GammaTable[blue];
        int fy = CbrtTable[Descale(r * c[3] + g * c[4] + b * c[5], LabShift)];
        return Math.Clamp(Descale((116 * 255 + 50) / 100 * fy - (16 * 255 * (1 << LabShift2) + 50) / 100, LabShift2), 0, 255);
    }

    /// <summary>A 3-channel 8-bit Lab image from channels 0..2 of an 8-bit RGB image, in OpenCV's fixed-point arithmetic (cv2.cvtColor RGB2LAB).</summary>
    public static ImageBuffer<byte> FromRgb(ImageBuffer<byte> rgb)
    {
        var result = ImageBuffer<byte>.CreateUninitialized(rgb.Width, rgb.Height, 3);
        int channels = rgb.Channels;
        var c = Coefficients;
        const int lScale = (116 * 255 + 50) / 100, lShift = -((16 * 255 * (1 << LabShift2) + 50) / 100);
        for (int y = 0; y < rgb.Height; y++)
        {
            var s = rgb.GetRow(y);
            var d = result.GetRow(y);
            for (int i = 0, o = 0; i < s.Length; i += channels, o += 3)
            {
                int r = GammaTable[s[i]], g = GammaTable[s[i + 1]], b = GammaTable[s[i + 2]];
                int fx = CbrtTable[Descale(r * c[0] + g * c[1] + b * c[2], LabShift)];
                int fy = CbrtTable[Descale(r * c[3] + g * c[4] + b * c[5], LabShift)];
                int fz = CbrtTable[Descale(r * c[6] + g * c[7] + b * c[8], LabShift)];
                d[o] = KernelCommon.FromInt<byte>(Descale(lScale * fy + lShift, LabShift2));
                d[o + 1] = KernelCommon.FromInt<byte>(Descale(500 * (fx - fy) + 128 * (1 << LabShift2), LabShift2));
                d[o + 2] = KernelCommon.FromInt<byte>(Descale(200 * (fy - fz) + 128 * (1 << LabShift2), LabShift2));
            }
        }
        return result;
    }

    // The parts of the inverse that depend on one channel only, as the per-pixel formula computes them.
    private static readonly double[] InverseY = new double[256], InverseFy = new double[256], InverseA = new double[256], InverseB = new double[256];

    static Lab()
    {
        for (int i = 0; i < 256; i++)
        {
            double li = i * 100.0 / 255;
            if (li <= Threshold * 903.3)
            {
                InverseY[i] = li / 903.3;
                InverseFy[i] = 7.787 * InverseY[i] + 16.0 / 116;
            }
            else
            {
                InverseFy[i] = (li + 16) / 116;
                InverseY[i] = InverseFy[i] * InverseFy[i] * InverseFy[i];
            }
            InverseA[i] = (i - 128.0) / 500;
            InverseB[i] = (i - 128.0) / 200;
        }
    }

    /// <summary>An 8-bit RGB image of <paramref name="like"/>'s channel count from 8-bit Lab (channels after the third copied from <paramref name="like"/>).</summary>
    public static ImageBuffer<byte> ToRgb(ImageBuffer<byte> lab, ImageBuffer<byte> like)
    {
        int channels = like.Channels;
        var result = ImageBuffer<byte>.CreateUninitialized(lab.Width, lab.Height, channels);
        double[] yTable = InverseY, fyTable = InverseFy, aTable = InverseA, bTable = InverseB;
        for (int y = 0; y < lab.Height; y++)
        {
            ReadOnlySpan<byte> s = lab.GetRow(y);
            ReadOnlySpan<byte> l = like.GetRow(y);
            Span<byte> d = result.GetRow(y);
            for (int i = 0, o = 0; i < s.Length; i += 3, o += channels)
            {
                int li = s[i];
                double yy = yTable[li], fy = fyTable[li];
                double fx = fy + aTable[s[i + 1]], fz = fy - bTable[s[i + 2]];
                double x = Inverse(fx) * 0.950456, z = Inverse(fz) * 1.088754;
                double r = 3.240479 * x - 1.53715 * yy - 0.498535 * z;
                double g = -0.969256 * x + 1.875991 * yy + 0.041556 * z;
                double bb = 0.055648 * x - 0.204043 * yy + 1.057311 * z;
                d[o] = Encode(r);
                d[o + 1] = Encode(g);
                d[o + 2] = Encode(bb);
                for (int c = 3; c < channels; c++) d[o + c] = l[o + c];
            }
        }
        return result;
    }

    /// <summary>The per-pixel form of <see cref="ToRgb"/> (no tables, binary-search encoding): the reference the tests hold it to.</summary>
    internal static (byte R, byte G, byte B) ToRgbPixel(int lightness, int aLevel, int bLevel)
    {
        double li = lightness * 100.0 / 255, a = aLevel - 128.0, b = bLevel - 128.0;
        double yy, fy;
        if (li <= Threshold * 903.3)
        {
            yy = li / 903.3;
            fy = 7.787 * yy + 16.0 / 116;
        }
        else
        {
            fy = (li + 16) / 116;
            yy = fy * fy * fy;
        }
        double fx = fy + a / 500, fz = fy - b / 200;
        double x = Inverse(fx) * 0.950456, z = Inverse(fz) * 1.088754;
        double r = 3.240479 * x - 1.53715 * yy - 0.498535 * z;
        double g = -0.969256 * x + 1.875991 * yy + 0.041556 * z;
        double bb = 0.055648 * x - 0.204043 * yy + 1.057311 * z;
        return (EncodeBySearch(r), EncodeBySearch(g), EncodeBySearch(bb));
    }

    private static double Inverse(double f) => f <= 7.787 * Threshold + 16.0 / 116 ? (f - 16.0 / 116) / 7.787 : f * f * f;
}
