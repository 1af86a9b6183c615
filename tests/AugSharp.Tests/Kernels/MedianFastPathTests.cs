using AugSharp.Kernels;

namespace AugSharp.Tests.Kernels;

/// <summary>The median's sorting networks (every vector width the machine runs) against a sort of each window, edges replicated.</summary>
public class MedianFastPathTests
{
    public static TheoryData<int, int> Cases()
    {
        var data = new TheoryData<int, int>();
        foreach (int size in new[] { 3, 5, 7, 9 })
            foreach (int channels in new[] { 1, 3, 4 })
                data.Add(size, channels);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bytes_match_the_sorted_windows(int size, int channels) => Check<byte>(size, channels, r => (byte)r.Next(256));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ushorts_match_the_sorted_windows(int size, int channels) => Check<ushort>(size, channels, r => (ushort)r.Next(65536));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Floats_match_the_sorted_windows(int size, int channels) => Check<float>(size, channels, r => (float)(r.NextDouble() * 2 - 0.5));

    private static void Check<T>(int size, int channels, Func<Random, T> draw) where T : unmanaged, IComparable<T>
    {
        var random = new Random(size * 10 + channels);
        int[] widths = [.. Enumerable.Range(0, 35).Select(i => 2 * i + 1), 64, 100];
        foreach (int width in widths)
        {
            int height = 1 + width % 9;
            using var image = new ImageBuffer<T>(width, height, channels);
            for (int y = 0; y < height; y++)
            {
                var row = image.GetRow(y);
                // Few distinct values in some rows, so that ties are common.
                for (int i = 0; i < row.Length; i++) row[i] = y % 3 == 0 ? draw(random) : draw(random) is var v && random.Next(2) == 0 ? row[Math.Max(i - 1, 0)] : v;
            }
            using var result = new ImageBuffer<T>(width, height, channels);
            Convolution.Median(image, result, size);
            int r = size / 2;
            var window = new T[size * size];
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                    for (int c = 0; c < channels; c++)
                    {
                        int m = 0;
                        for (int dy = -r; dy <= r; dy++)
                            for (int dx = -r; dx <= r; dx++)
                                window[m++] = image[Math.Clamp(y + dy, 0, height - 1), Math.Clamp(x + dx, 0, width - 1), c];
                        Array.Sort(window);
                        if (!result[y, x, c].Equals(window[window.Length / 2]))
                            Assert.Fail($"width {width}, ({x}, {y}, {c}): {result[y, x, c]} instead of {window[window.Length / 2]}");
                    }
        }
    }
}
