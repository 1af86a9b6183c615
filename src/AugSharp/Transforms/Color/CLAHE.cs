using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
            // L, a and b as planes: L is equalised in place of its plane's copy, a and b go back as they came.
            int width = levels.Width, height = levels.Height;
            using var lightness = ImageBuffer<byte>.CreateUninitialized(width, height, 1);
            using var aPlane = ImageBuffer<byte>.CreateUninitialized(width, height, 1);
            using var bPlane = ImageBuffer<byte>.CreateUninitialized(width, height, 1);
            Lab.FromRgbPlanes(levels, lightness, aPlane, bPlane);
            using var equalised = Apply(lightness, ClipLimit, TileGridSize[0], TileGridSize[1]);
            result = Lab.ToRgbPlanes(equalised, aPlane, bPlane, levels);
        }
        if (!ReferenceEquals(levels, image)) levels.Dispose();
        var back = EightBitLevels.Back<T>(result);
        if (!ReferenceEquals(back, result)) result.Dispose();
        return back;
    }

    /// <summary>OpenCV's CLAHE on a 1-channel 8-bit image: clipped, redistributed tile histograms, bilinear between tile tables (<paramref name="direct"/> false: every pixel of the tile histograms through the border map, the reference of the direct reading; <paramref name="vector"/> false: the bilinear step in the scalar loop only, the reference of the AVX2 path).</summary>
    internal static ImageBuffer<byte> Apply(ImageBuffer<byte> src, double clipLimit, int tilesX, int tilesY, bool direct = true, bool vector = true)
    {
        int width = src.Width, height = src.Height;
        int extWidth = width % tilesX == 0 ? width : width + tilesX - width % tilesX;
        int extHeight = height % tilesY == 0 ? height : height + tilesY - height % tilesY;
        int tileWidth = extWidth / tilesX, tileHeight = extHeight / tilesY;
        int tileArea = tileWidth * tileHeight;
        float lutScale = 255f / tileArea;
        int clip = 0;
        if (clipLimit > 0) clip = Math.Max((int)(clipLimit * tileArea / 256), 1);
        // Three bytes more than the tables, so that a 32-bit read at any entry stays inside.
        var luts = ArrayPool<byte>.Shared.Rent(tilesX * tilesY * 256 + 3);
        var ind1 = ArrayPool<int>.Shared.Rent(width);
        var ind2 = ArrayPool<int>.Shared.Rent(width);
        var xa = ArrayPool<float>.Shared.Rent(width);
        Span<int> hist = stackalloc int[256];
        Span<int> counts = stackalloc int[4 * 256];
        int[]? spans = null;
        try
        {
            for (int ty = 0; ty < tilesY; ty++)
            {
                for (int tx = 0; tx < tilesX; tx++)
                {
                    counts.Clear();
                    // The part of the tile inside the image directly (four interleaved histograms, so
                    // that runs of one level do not wait on each other), the rest (narrow images)
                    // through the border.
                    int x0 = tx * tileWidth, x1 = (tx + 1) * tileWidth, inside = direct ? Math.Max(x0, Math.Min(x1, width)) : x0;
                    for (int y = ty * tileHeight; y < (ty + 1) * tileHeight; y++)
                    {
                        ReadOnlySpan<byte> row = src.GetRow(KernelCommon.BorderIndex(y, height, BorderMode.Reflect101));
                        CountLevels(row[Math.Min(x0, width)..Math.Min(inside, width)], counts);
                        for (int x = inside; x < x1; x++) counts[row[KernelCommon.BorderIndex(x, width, BorderMode.Reflect101)]]++;
                    }
                    for (int i = 0; i < 256; i++) hist[i] = counts[i] + counts[256 + i] + counts[512 + i] + counts[768 + i];
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
            for (int x = 0; x < width; x++)
            {
                float txf = x * invTw - 0.5f;
                int tx1 = (int)MathF.Floor(txf);
                int tx2 = tx1 + 1;
                xa[x] = txf - tx1;
                ind1[x] = Math.Max(tx1, 0) * 256;
                ind2[x] = Math.Min(tx2, tilesX - 1) * 256;
            }
            // With VBMI, the runs of columns between the same two tile columns, each a table lookup by byte permutes.
            int spanCount = 0;
            if (vector && Avx512Vbmi.IsSupported)
            {
                spans = ArrayPool<int>.Shared.Rent(tilesX + 2);
                for (int x = 0; x < width; x++)
                    if (x == 0 || ind1[x] != ind1[x - 1] || ind2[x] != ind2[x - 1]) spans[spanCount++] = x;
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
                if (spans is not null)
                {
                    InterpolateVbmi(s, d, luts, plane1, plane2, ind1, ind2, xa, ya, spans, spanCount, width);
                    continue;
                }
                int first = vector && Avx2.IsSupported ? InterpolateAvx2(s, d, luts, plane1, plane2, ind1, ind2, xa, ya, width) : 0;
                for (int x = first; x < width; x++)
                {
                    int v = s[x];
                    float res = (luts[plane1 + ind1[x] + v] * (1 - xa[x]) + luts[plane1 + ind2[x] + v] * xa[x]) * (1 - ya)
                              + (luts[plane2 + ind1[x] + v] * (1 - xa[x]) + luts[plane2 + ind2[x] + v] * xa[x]) * ya;
                    d[x] = KernelCommon.FromFloat<byte>(res);
                }
            }
            return dst;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(luts);
            ArrayPool<int>.Shared.Return(ind1);
            ArrayPool<int>.Shared.Return(ind2);
            ArrayPool<float>.Shared.Return(xa);
            if (spans is not null) ArrayPool<int>.Shared.Return(spans);
        }
    }

    /// <summary>Adds the levels of <paramref name="levels"/> to four interleaved histograms of 256 bins.</summary>
    private static void CountLevels(ReadOnlySpan<byte> levels, Span<int> counts)
    {
        Span<int> h0 = counts[..256], h1 = counts.Slice(256, 256), h2 = counts.Slice(512, 256), h3 = counts.Slice(768, 256);
        int i = 0;
        for (; i + 4 <= levels.Length; i += 4)
        {
            h0[levels[i]]++;
            h1[levels[i + 1]]++;
            h2[levels[i + 2]]++;
            h3[levels[i + 3]]++;
        }
        for (; i < levels.Length; i++) h0[levels[i]]++;
    }

    /// <summary>
    /// The bilinear step of <see cref="Apply"/> for one row, 8 pixels at a time with AVX2: the four
    /// table entries gathered as 32-bit reads and masked (the tables are padded), the float
    /// arithmetic in the scalar loop's order, rounded to even and clamped as
    /// <see cref="KernelCommon.FromFloat{T}"/> does. Returns the pixels done.
    /// </summary>
    private static unsafe int InterpolateAvx2(ReadOnlySpan<byte> src, Span<byte> dst, byte[] luts, int plane1, int plane2,
        int[] ind1, int[] ind2, float[] xa, float ya, int width)
    {
        int x = 0;
        var low = Vector256.Create(0xFF);
        var one = Vector256.Create(1f);
        var yaV = Vector256.Create(ya);
        var oneMinusYa = Vector256.Create(1 - ya);
        var top = Vector256.Create(255f);
        fixed (byte* s = src, d = dst, lut = luts)
        fixed (int* i1 = ind1, i2 = ind2)
        fixed (float* weights = xa)
        {
            byte* lut1 = lut + plane1, lut2 = lut + plane2;
            for (; x + 8 <= width; x += 8)
            {
                var v = Avx2.ConvertToVector256Int32(s + x);
                var a1 = Avx.LoadVector256(i1 + x) + v;
                var a2 = Avx.LoadVector256(i2 + x) + v;
                var w = Avx.LoadVector256(weights + x);
                var w1 = one - w;
                var l11 = Avx.ConvertToVector256Single(Avx2.GatherVector256((int*)lut1, a1, 1) & low);
                var l12 = Avx.ConvertToVector256Single(Avx2.GatherVector256((int*)lut1, a2, 1) & low);
                var l21 = Avx.ConvertToVector256Single(Avx2.GatherVector256((int*)lut2, a1, 1) & low);
                var l22 = Avx.ConvertToVector256Single(Avx2.GatherVector256((int*)lut2, a2, 1) & low);
                var res = (l11 * w1 + l12 * w) * oneMinusYa + (l21 * w1 + l22 * w) * yaV;
                var rounded = Avx.Min(Avx.Max(Avx.RoundToNearestInteger(res), Vector256<float>.Zero), top);
                StoreSaturated(Avx.ConvertToVector256Int32WithTruncation(rounded), d + x);
            }
        }
        return x;
    }

    /// <summary>
    /// The bilinear step of <see cref="Apply"/> for one row with AVX-512 VBMI: in each run of columns
    /// between the same two tile columns the four 256-entry tables sit in 16 registers and 16 pixels
    /// at a time look their levels up by byte permutes (the last 16 of a run overlap the ones before;
    /// runs under 16 pixels go through the scalar formula), then the float arithmetic in the scalar
    /// loop's order, rounded to even and clamped as <see cref="KernelCommon.FromFloat{T}"/> does.
    /// </summary>
    private static unsafe void InterpolateVbmi(ReadOnlySpan<byte> src, Span<byte> dst, byte[] luts, int plane1, int plane2,
        int[] ind1, int[] ind2, float[] xa, float ya, int[] spans, int spanCount, int width)
    {
        var one = Vector512.Create(1f);
        var yaV = Vector512.Create(ya);
        var oneMinusYa = Vector512.Create(1 - ya);
        var top = Vector512.Create(255f);
        fixed (byte* s = src, d = dst, lut = luts)
        fixed (float* weights = xa)
        {
            for (int k = 0; k < spanCount; k++)
            {
                int a = spans[k], b = k + 1 < spanCount ? spans[k + 1] : width;
                if (b - a < 16)
                {
                    for (int x = a; x < b; x++)
                    {
                        int v = s[x];
                        float res = (luts[plane1 + ind1[x] + v] * (1 - xa[x]) + luts[plane1 + ind2[x] + v] * xa[x]) * (1 - ya)
                                  + (luts[plane2 + ind1[x] + v] * (1 - xa[x]) + luts[plane2 + ind2[x] + v] * xa[x]) * ya;
                        d[x] = KernelCommon.FromFloat<byte>(res);
                    }
                    continue;
                }
                byte* p11 = lut + plane1 + ind1[a], p12 = lut + plane1 + ind2[a], p21 = lut + plane2 + ind1[a], p22 = lut + plane2 + ind2[a];
                var t11 = new LevelTable(p11);
                var t12 = new LevelTable(p12);
                var t21 = new LevelTable(p21);
                var t22 = new LevelTable(p22);
                for (int x = a; ; x = Math.Min(x + 16, b - 16))
                {
                    var levels = Vector128.Load(s + x).ToVector256Unsafe().ToVector512Unsafe();
                    var high = Vector512.LessThan(levels.AsSByte(), Vector512<sbyte>.Zero).AsByte();
                    var w = Vector512.Load(weights + x);
                    var w1 = one - w;
                    var res = (t11.Look(levels, high) * w1 + t12.Look(levels, high) * w) * oneMinusYa
                            + (t21.Look(levels, high) * w1 + t22.Look(levels, high) * w) * yaV;
                    var rounded = Avx512F.Min(Avx512F.Max(Avx512F.RoundScale(res, 0), Vector512<float>.Zero), top);
                    Avx512F.ConvertToVector128Byte(Avx512F.ConvertToVector512Int32WithTruncation(rounded)).Store(d + x);
                    if (x + 16 >= b) break;
                }
            }
        }
    }

    /// <summary>A 256-entry byte table in four registers, looked up 16 levels at a time.</summary>
    internal readonly unsafe struct LevelTable(byte* table)
    {
        private readonly Vector512<byte> _q0 = Vector512.Load(table), _q1 = Vector512.Load(table + 64), _q2 = Vector512.Load(table + 128), _q3 = Vector512.Load(table + 192);

        /// <summary>The entries of the 64 bytes of <paramref name="levels"/> (<paramref name="high"/>: the levels of 128 and above).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<byte> LookBytes(Vector512<byte> levels, Vector512<byte> high) =>
            Vector512.ConditionalSelect(high, Avx512Vbmi.PermuteVar64x8x2(_q2, levels, _q3), Avx512Vbmi.PermuteVar64x8x2(_q0, levels, _q1));

        /// <summary>The entries of the low 16 bytes of <paramref name="levels"/> as floats (<paramref name="high"/>: the levels of 128 and above).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Look(Vector512<byte> levels, Vector512<byte> high) =>
            Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(LookBytes(levels, high).GetLower().GetLower()));
    }

    /// <summary>Eight 32-bit lanes clamped to 0..255 (signed then unsigned saturation) and stored as 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void StoreSaturated(Vector256<int> v, byte* d)
    {
        var words = Sse2.PackSignedSaturate(v.GetLower(), v.GetUpper());
        *(ulong*)d = Sse2.PackUnsignedSaturate(words, words).AsUInt64().ToScalar();
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

    /// <summary>
    /// <see cref="FromRgb"/> into three 1-channel planes of <paramref name="rgb"/>'s size: L, a and b
    /// (the same numbers). With <paramref name="vector"/>: with AVX-512 VBMI (3 or 4 channels) 16
    /// pixels at a time, the gamma table by byte permutes; else with AVX2 8 pixels at a time: each
    /// pixel's red, green and blue gathered as one 32-bit read, the tables gathered, the integer
    /// matrix in 32-bit lanes; the last pixel of a row is always left to the scalar loop, so that
    /// no read passes the end of the row.
    /// </summary>
    public static void FromRgbPlanes(ImageBuffer<byte> rgb, ImageBuffer<byte> lightness, ImageBuffer<byte> aPlane, ImageBuffer<byte> bPlane, bool vector = true)
    {
        int channels = rgb.Channels, width = rgb.Width;
        if (channels < 3) throw new ArgumentException("RGB to Lab needs 3 channels or more.", nameof(rgb));
        var c = Coefficients;
        const int lScale = (116 * 255 + 50) / 100, lShift = -((16 * 255 * (1 << LabShift2) + 50) / 100);
        for (int y = 0; y < rgb.Height; y++)
        {
            ReadOnlySpan<byte> s = rgb.GetRow(y);
            Span<byte> dl = lightness.GetRow(y), da = aPlane.GetRow(y), db = bPlane.GetRow(y);
            int first = !vector ? 0
                : Avx512Vbmi.IsSupported && channels is 3 or 4 ? FromRgbVbmi(s, channels, width, dl, da, db)
                : Avx2.IsSupported ? FromRgbAvx2(s, channels, width, dl, da, db) : 0;
            for (int x = first, i = first * channels; x < width; x++, i += channels)
            {
                int r = GammaTable[s[i]], g = GammaTable[s[i + 1]], b = GammaTable[s[i + 2]];
                int fx = CbrtTable[Descale(r * c[0] + g * c[1] + b * c[2], LabShift)];
                int fy = CbrtTable[Descale(r * c[3] + g * c[4] + b * c[5], LabShift)];
                int fz = CbrtTable[Descale(r * c[6] + g * c[7] + b * c[8], LabShift)];
                dl[x] = KernelCommon.FromInt<byte>(Descale(lScale * fy + lShift, LabShift2));
                da[x] = KernelCommon.FromInt<byte>(Descale(500 * (fx - fy) + 128 * (1 << LabShift2), LabShift2));
                db[x] = KernelCommon.FromInt<byte>(Descale(200 * (fy - fz) + 128 * (1 << LabShift2), LabShift2));
            }
        }
    }

    // The low and high bytes of the gamma table (its entries are below 2048), for byte permutes.
    private static readonly byte[] GammaLow = [.. GammaTable.Select(v => (byte)v)], GammaHigh = [.. GammaTable.Select(v => (byte)(v >> 8))];

    /// <summary>
    /// The AVX-512 VBMI part of <see cref="FromRgbPlanes"/> for one row of a 3- or 4-channel image,
    /// 16 pixels at a time: the red, green and blue bytes apart by one byte permute, the gamma table
    /// by byte permutes over its low and high bytes, the integer matrix in 32-bit lanes, the cube-root
    /// table gathered. Returns the pixels done (no read passes the end of the row).
    /// </summary>
    private static unsafe int FromRgbVbmi(ReadOnlySpan<byte> src, int channels, int width, Span<byte> dl, Span<byte> da, Span<byte> db)
    {
        const int lScale = (116 * 255 + 50) / 100, lShift = -((16 * 255 * (1 << LabShift2) + 50) / 100);
        Span<byte> order = stackalloc byte[64];
        for (int j = 0; j < 64; j++) order[j] = (byte)(j < 48 ? channels * (j % 16) + j / 16 : 0);
        var planes = Vector512.Create((ReadOnlySpan<byte>)order);
        var c = Coefficients;
        var c0 = Vector512.Create(c[0]); var c1 = Vector512.Create(c[1]); var c2 = Vector512.Create(c[2]);
        var c3 = Vector512.Create(c[3]); var c4 = Vector512.Create(c[4]); var c5 = Vector512.Create(c[5]);
        var c6 = Vector512.Create(c[6]); var c7 = Vector512.Create(c[7]); var c8 = Vector512.Create(c[8]);
        var half = Vector512.Create(1 << (LabShift - 1));
        var lightness = Vector512.Create(lShift + (1 << (LabShift2 - 1)));
        var chroma = Vector512.Create(128 * (1 << LabShift2) + (1 << (LabShift2 - 1)));
        var lScaleV = Vector512.Create(lScale);
        var five = Vector512.Create(500);
        var two = Vector512.Create(200);
        int x = 0;
        fixed (byte* s = src, pl = dl, pa = da, pb = db, lowTable = GammaLow, highTable = GammaHigh)
        fixed (int* cbrt = CbrtTable)
        {
            var gammaLow = new ClaheOperation.LevelTable(lowTable);
            var gammaHigh = new ClaheOperation.LevelTable(highTable);
            for (; channels * x + 64 <= channels * width; x += 16)
            {
                var rgb = Avx512Vbmi.PermuteVar64x8(Vector512.Load(s + channels * x), planes);
                var high = Vector512.LessThan(rgb.AsSByte(), Vector512<sbyte>.Zero).AsByte();
                var low8 = gammaLow.LookBytes(rgb, high);
                var high8 = gammaHigh.LookBytes(rgb, high);
                var r = Widen(low8.GetLower().GetLower(), high8.GetLower().GetLower());
                var g = Widen(low8.GetLower().GetUpper(), high8.GetLower().GetUpper());
                var b = Widen(low8.GetUpper().GetLower(), high8.GetUpper().GetLower());
                var fx = Gather16(cbrt, Vector512.ShiftRightArithmetic(r * c0 + g * c1 + b * c2 + half, LabShift));
                var fy = Gather16(cbrt, Vector512.ShiftRightArithmetic(r * c3 + g * c4 + b * c5 + half, LabShift));
                var fz = Gather16(cbrt, Vector512.ShiftRightArithmetic(r * c6 + g * c7 + b * c8 + half, LabShift));
                Store16(Vector512.ShiftRightArithmetic(lScaleV * fy + lightness, LabShift2), pl + x);
                Store16(Vector512.ShiftRightArithmetic(five * (fx - fy) + chroma, LabShift2), pa + x);
                Store16(Vector512.ShiftRightArithmetic(two * (fy - fz) + chroma, LabShift2), pb + x);
            }
        }
        return x;

        static Vector512<int> Widen(Vector128<byte> low, Vector128<byte> high) =>
            Avx512F.ConvertToVector512Int32(low) | Vector512.ShiftLeft(Avx512F.ConvertToVector512Int32(high), 8);

        static Vector512<int> Gather16(int* table, Vector512<int> index) =>
            Vector512.Create(Avx2.GatherVector256(table, index.GetLower(), 4), Avx2.GatherVector256(table, index.GetUpper(), 4));

        static void Store16(Vector512<int> v, byte* d) =>
            Avx512F.ConvertToVector128Byte(Vector512.Min(Vector512.Max(v, Vector512<int>.Zero), Vector512.Create(255))).Store(d);
    }

    /// <summary>The AVX2 part of <see cref="FromRgbPlanes"/> for one row; returns the pixels done.</summary>
    private static unsafe int FromRgbAvx2(ReadOnlySpan<byte> src, int channels, int width, Span<byte> dl, Span<byte> da, Span<byte> db)
    {
        const int lScale = (116 * 255 + 50) / 100, lShift = -((16 * 255 * (1 << LabShift2) + 50) / 100);
        var c = Coefficients;
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * channels;
        var low = Vector256.Create(0xFF);
        var c0 = Vector256.Create(c[0]); var c1 = Vector256.Create(c[1]); var c2 = Vector256.Create(c[2]);
        var c3 = Vector256.Create(c[3]); var c4 = Vector256.Create(c[4]); var c5 = Vector256.Create(c[5]);
        var c6 = Vector256.Create(c[6]); var c7 = Vector256.Create(c[7]); var c8 = Vector256.Create(c[8]);
        var half = Vector256.Create(1 << (LabShift - 1));
        var lightness = Vector256.Create(lShift + (1 << (LabShift2 - 1)));
        var chroma = Vector256.Create(128 * (1 << LabShift2) + (1 << (LabShift2 - 1)));
        var lScaleV = Vector256.Create(lScale);
        var five = Vector256.Create(500);
        var two = Vector256.Create(200);
        int x = 0;
        fixed (byte* s = src, pl = dl, pa = da, pb = db)
        fixed (int* gamma = GammaTable, cbrt = CbrtTable)
        {
            for (; x + 8 < width; x += 8)
            {
                var pixels = Avx2.GatherVector256((int*)(s + x * channels), lanes, 1);
                var r = Avx2.GatherVector256(gamma, pixels & low, 4);
                var g = Avx2.GatherVector256(gamma, Vector256.ShiftRightLogical(pixels, 8) & low, 4);
                var b = Avx2.GatherVector256(gamma, Vector256.ShiftRightLogical(pixels, 16) & low, 4);
                var fx = Avx2.GatherVector256(cbrt, Vector256.ShiftRightArithmetic(r * c0 + g * c1 + b * c2 + half, LabShift), 4);
                var fy = Avx2.GatherVector256(cbrt, Vector256.ShiftRightArithmetic(r * c3 + g * c4 + b * c5 + half, LabShift), 4);
                var fz = Avx2.GatherVector256(cbrt, Vector256.ShiftRightArithmetic(r * c6 + g * c7 + b * c8 + half, LabShift), 4);
                // Descale(v, 15) = (v + 2^14) >> 15, with the rounding term folded into the offsets.
                ClaheOperation.StoreSaturated(Vector256.ShiftRightArithmetic(lScaleV * fy + lightness, LabShift2), pl + x);
                ClaheOperation.StoreSaturated(Vector256.ShiftRightArithmetic(five * (fx - fy) + chroma, LabShift2), pa + x);
                ClaheOperation.StoreSaturated(Vector256.ShiftRightArithmetic(two * (fy - fz) + chroma, LabShift2), pb + x);
            }
        }
        return x;
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

    /// <summary>
    /// <see cref="ToRgb"/> from three 1-channel planes L, a and b (the same numbers): an 8-bit RGB
    /// image of <paramref name="like"/>'s channel count (channels after the third copied from it).
    /// With AVX2 (and <paramref name="vector"/>) 8 pixels at a time, the double arithmetic in
    /// vectors: the same operations in the same order as the scalar loop.
    /// </summary>
    public static ImageBuffer<byte> ToRgbPlanes(ImageBuffer<byte> lightness, ImageBuffer<byte> aPlane, ImageBuffer<byte> bPlane, ImageBuffer<byte> like, bool vector = true)
    {
        int channels = like.Channels, width = like.Width;
        var result = ImageBuffer<byte>.CreateUninitialized(width, like.Height, channels);
        double[] yTable = InverseY, fyTable = InverseFy, aTable = InverseA, bTable = InverseB;
        for (int y = 0; y < like.Height; y++)
        {
            ReadOnlySpan<byte> sl = lightness.GetRow(y), sa = aPlane.GetRow(y), sb = bPlane.GetRow(y);
            ReadOnlySpan<byte> l = like.GetRow(y);
            Span<byte> d = result.GetRow(y);
            int first = vector && Avx2.IsSupported ? ToRgbAvx2(sl, sa, sb, l, d, channels, width) : 0;
            for (int x = first, o = first * channels; x < width; x++, o += channels)
            {
                int li = sl[x];
                double yy = yTable[li], fy = fyTable[li];
                double fx = fy + aTable[sa[x]], fz = fy - bTable[sb[x]];
                double xx = Inverse(fx) * 0.950456, z = Inverse(fz) * 1.088754;
                double r = 3.240479 * xx - 1.53715 * yy - 0.498535 * z;
                double g = -0.969256 * xx + 1.875991 * yy + 0.041556 * z;
                double bb = 0.055648 * xx - 0.204043 * yy + 1.057311 * z;
                d[o] = Encode(r);
                d[o + 1] = Encode(g);
                d[o + 2] = Encode(bb);
                for (int c = 3; c < channels; c++) d[o + c] = l[o + c];
            }
        }
        return result;
    }

    /// <summary>
    /// The AVX2 part of <see cref="ToRgbPlanes"/> for one row, 8 pixels at a time: the tables read
    /// per pixel into a small buffer (a gather costs as much as the loads it replaces), the double
    /// arithmetic from there on (the inverse's branch as a select, the matrix, the encoding's bucket)
    /// in vectors, and the bucket's level and its one compare per value. Returns the pixels done.
    /// </summary>
    private static unsafe int ToRgbAvx2(ReadOnlySpan<byte> sl, ReadOnlySpan<byte> sa, ReadOnlySpan<byte> sb, ReadOnlySpan<byte> like, Span<byte> dst, int channels, int width)
    {
        int x = 0;
        double* buffer = stackalloc double[6 * 8];
        double* yyB = buffer, fxB = buffer + 8, fzB = buffer + 16, values = buffer + 24;
        int* buckets = stackalloc int[3 * 8];
        fixed (byte* pl = sl, pa = sa, pb = sb, pk = like, d = dst, start = EncodeStart)
        fixed (double* yTable = InverseY, fyTable = InverseFy, aTable = InverseA, bTable = InverseB, next = EncodeNext)
        {
            for (; x + 8 <= width; x += 8)
            {
                for (int k = 0; k < 8; k++)
                {
                    int li = pl[x + k];
                    yyB[k] = yTable[li];
                    double fy = fyTable[li];
                    fxB[k] = fy + aTable[pa[x + k]];
                    fzB[k] = fy - bTable[pb[x + k]];
                }
                for (int h = 0; h < 8; h += 4)
                {
                    var yy = Avx.LoadVector256(yyB + h);
                    var xx = Inverse4(Avx.LoadVector256(fxB + h)) * Vector256.Create(0.950456);
                    var z = Inverse4(Avx.LoadVector256(fzB + h)) * Vector256.Create(1.088754);
                    var r = Vector256.Create(3.240479) * xx - Vector256.Create(1.53715) * yy - Vector256.Create(0.498535) * z;
                    var g = Vector256.Create(-0.969256) * xx + Vector256.Create(1.875991) * yy + Vector256.Create(0.041556) * z;
                    var b = Vector256.Create(0.055648) * xx - Vector256.Create(0.204043) * yy + Vector256.Create(1.057311) * z;
                    Avx.Store(values + h, r);
                    Avx.Store(values + 8 + h, g);
                    Avx.Store(values + 16 + h, b);
                    Sse2.Store(buckets + h, Bucket4(r));
                    Sse2.Store(buckets + 8 + h, Bucket4(g));
                    Sse2.Store(buckets + 16 + h, Bucket4(b));
                }
                byte* o = d + x * channels;
                for (int k = 0; k < 8; k++, o += channels)
                {
                    int r = start[buckets[k]], g = start[buckets[8 + k]], b = start[buckets[16 + k]];
                    o[0] = (byte)(r + (values[k] >= next[r] ? 1 : 0));
                    o[1] = (byte)(g + (values[8 + k] >= next[g] ? 1 : 0));
                    o[2] = (byte)(b + (values[16 + k] >= next[b] ? 1 : 0));
                    for (int c = 3; c < channels; c++) o[c] = pk[(x + k) * channels + c];
                }
            }
        }
        return x;
    }

    /// <summary><see cref="Inverse"/> of four values, the branch as a select.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Inverse4(Vector256<double> f)
    {
        var linear = (f - Vector256.Create(16.0 / 116)) / Vector256.Create(7.787);
        return Avx.BlendVariable(f * f * f, linear, Avx.CompareLessThanOrEqual(f, Vector256.Create(InverseBound)));
    }

    /// <summary>The bucket of <see cref="Encode"/> for four values, clamped in double before truncation (the same as the scalar saturating conversion and clamp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Bucket4(Vector256<double> linear) =>
        Avx.ConvertToVector128Int32WithTruncation(Avx.Min(Avx.Max(linear * Vector256.Create((double)EncodeBuckets), Vector256<double>.Zero), Vector256.Create(EncodeBuckets - 1.0)));

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

    private const double InverseBound = 7.787 * Threshold + 16.0 / 116;

    private static double Inverse(double f) => f <= InverseBound ? (f - 16.0 / 116) / 7.787 : f * f * f;
}
