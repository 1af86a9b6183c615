using System.Runtime.InteropServices;
using NetVips;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// Reads an image's pixels through a libvips region on the calling thread. libvips' own ways of
/// writing an image to memory run its thread pool and wait for it; for one image at a time on
/// every core that means several hand-offs between threads per image, and cores that sit idle
/// while the threads wake one another. A region is computed where it is asked for.
/// </summary>
internal static unsafe class VipsRegions
{
    /// <summary>Rows fetched at a time: a band of a few hundred KB, computed and copied while it is in cache.</summary>
    private const int BandRows = 64;

    private static readonly (nint Fetch, nint Free) Exports = Load();

    private static (nint, nint) Load()
    {
        string name = OperatingSystem.IsWindows() ? "libvips-42.dll" : OperatingSystem.IsMacOS() ? "libvips.42.dylib" : "libvips.so.42";
        return NativeLibrary.TryLoad(name, typeof(NetVips.Image).Assembly, null, out nint library)
               && NativeLibrary.TryGetExport(library, "vips_region_fetch", out nint fetch)
               && NativeLibrary.TryGetExport(library, "g_free", out nint free)
            ? (fetch, free)
            : (0, 0);
    }

    /// <summary>True when the region functions were found in the loaded libvips.</summary>
    public static bool IsAvailable => Exports.Fetch != 0;

    /// <summary>
    /// Computes <paramref name="source"/> (8-bit, <paramref name="channels"/> bands) band by band on
    /// this thread into <paramref name="pixels"/> (rows packed). False when the region functions are
    /// missing (nothing written then).
    /// </summary>
    /// <exception cref="VipsException">libvips failed to compute a band (a damaged file).</exception>
    public static bool Fetch(NetVips.Image source, Span<byte> pixels, int width, int height, int channels)
    {
        if (!IsAvailable) return false;
        var fetch = (delegate* unmanaged<nint, int, int, int, int, nuint*, nint>)Exports.Fetch;
        var free = (delegate* unmanaged<nint, void>)Exports.Free;
        int row = width * channels;
        using var region = Region.New(source);
        bool added = false;
        region.DangerousAddRef(ref added);
        try
        {
            nint handle = region.DangerousGetHandle();
            for (int top = 0; top < height; top += BandRows)
            {
                int rows = Math.Min(BandRows, height - top);
                nuint length;
                nint band = fetch(handle, 0, top, width, rows, &length);
                if (band == 0) throw new VipsException($"libvips could not compute rows {top} to {top + rows} of the image");
                try
                {
                    if (length != (nuint)(rows * row)) throw new VipsException($"libvips gave {length} bytes for rows {top} to {top + rows}, not {rows * row}");
                    new ReadOnlySpan<byte>((void*)band, rows * row).CopyTo(pixels.Slice(top * row));
                }
                finally
                {
                    free(band);
                }
            }
            return true;
        }
        finally
        {
            if (added) region.DangerousRelease();
        }
    }
}
