using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;

namespace AugSharp.Imaging.Codecs;

/// <summary>
/// TIFF through LibTiff.NET: 8- and 16-bit (and 1-bit bilevel, read as 0/255) gray, gray+alpha,
/// RGB, RGBA and palette images, stripped or tiled, contiguous or planar; other 8-bit layouts
/// (YCbCr, CMYK) go through LibTiff's RGBA conversion. Writes LZW with horizontal prediction.
/// </summary>
internal static class TiffCodec
{
    static TiffCodec() => Tiff.SetErrorHandler(new QuietHandler());

    [ThreadStatic]
    private static string? t_lastError;

    private sealed class QuietHandler : TiffErrorHandler
    {
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
            => t_lastError = args.Length > 0 ? string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args) : format;

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }

    private readonly record struct Layout(int Width, int Height, int Bits, int Samples, Photometric Photometric, bool Planar, int Channels, bool ViaRgba, bool Float = false);

    private static Tiff Open(byte[] data, string? name)
    {
        t_lastError = null;
        var tif = Tiff.ClientOpen(name ?? "stream", "r", new MemoryStream(data, writable: false), new TiffStream());
        if (tif is null)
        {
            var reason = data.Length < 16 || (t_lastError?.Contains("end of file", StringComparison.OrdinalIgnoreCase) ?? false)
                ? ImageErrorReason.Truncated : ImageErrorReason.Corrupt;
            throw new ImageFormatException(name, reason, $"the TIFF header cannot be read ({t_lastError ?? "unknown error"}).");
        }
        return tif;
    }

    private static int Int(Tiff tif, TiffTag tag, int fallback)
    {
        var v = tif.GetFieldDefaulted(tag);
        return v is null || v.Length == 0 ? fallback : v[0].ToInt();
    }

    private static Layout Describe(Tiff tif, string? name)
    {
        int width = Int(tif, TiffTag.IMAGEWIDTH, 0);
        int height = Int(tif, TiffTag.IMAGELENGTH, 0);
        int bits = Int(tif, TiffTag.BITSPERSAMPLE, 1);
        int samples = Int(tif, TiffTag.SAMPLESPERPIXEL, 1);
        var photometric = (Photometric)Int(tif, TiffTag.PHOTOMETRIC, (int)(samples >= 3 ? Photometric.RGB : Photometric.MINISBLACK));
        bool planar = Int(tif, TiffTag.PLANARCONFIG, (int)PlanarConfig.CONTIG) == (int)PlanarConfig.SEPARATE;
        var sampleFormat = (SampleFormat)Int(tif, TiffTag.SAMPLEFORMAT, (int)SampleFormat.UINT);
        if (sampleFormat == SampleFormat.IEEEFP && bits == 32 && photometric is Photometric.MINISBLACK or Photometric.RGB)
        {
            int channels = photometric == Photometric.RGB ? Math.Min(samples, 4) : Math.Min(samples, 2);
            if (photometric == Photometric.RGB && samples < 3)
                throw new ImageFormatException(name, ImageErrorReason.Corrupt, $"the float RGB TIFF has {samples} sample(s) per pixel.");
            return new Layout(width, height, bits, samples, photometric, planar, channels, false, Float: true);
        }
        if (sampleFormat != SampleFormat.UINT)
            throw new ImageFormatException(name, ImageErrorReason.Unsupported,
                $"TIFF samples of format {sampleFormat} with {bits} bits are not supported (unsigned 8 or 16 bits, or 32-bit float).");

        switch (photometric)
        {
            case Photometric.MINISBLACK or Photometric.MINISWHITE when bits is 1 or 8 or 16:
                if (bits == 1 && samples != 1) break;
                return new Layout(width, height, bits, samples, photometric, planar, Math.Min(samples, 2), false);
            case Photometric.RGB when bits is 8 or 16 && samples >= 3:
                return new Layout(width, height, bits, samples, photometric, planar, Math.Min(samples, 4), false);
            case Photometric.PALETTE when bits is 8 && samples == 1:
                return new Layout(width, height, bits, samples, photometric, planar, 3, false);
        }
        if (bits == 8 && photometric is Photometric.YCBCR or Photometric.SEPARATED)
            return new Layout(width, height, bits, samples, photometric, planar, samples == 4 && photometric != Photometric.SEPARATED ? 4 : 3, true);
        throw new ImageFormatException(name, ImageErrorReason.Unsupported,
            $"TIFF with {samples} sample(s) of {bits} bits and photometric {photometric} is not supported.");
    }

    public static ImageFileInfo Identify(byte[] data, string? name)
    {
        using var tif = Open(data, name);
        var l = Describe(tif, name);
        var compression = (Compression)Int(tif, TiffTag.COMPRESSION, (int)Compression.NONE);
        return new ImageFileInfo(ImageFormat.Tiff, l.Width, l.Height, l.Channels, l.Bits is 16 or 32 ? l.Bits : 8)
        {
            IsLossless = compression is not (Compression.JPEG or Compression.OJPEG),
        };
    }

    public static ImageBuffer Decode(byte[] data, ImageReadOptions options, string? name)
    {
        using var tif = Open(data, name);
        var l = Describe(tif, name);
        CodecGuard.CheckSize(l.Width, l.Height, l.Channels, options, name);
        if (l.ViaRgba) return DecodeViaRgba(tif, l, name);
        if (l.Float)
        {
            var floats = new ImageBuffer<float>(l.Width, l.Height, l.Channels);
            return Fill(tif, l, floats, name);
        }
        if (l.Bits == 16)
        {
            var image16 = new ImageBuffer<ushort>(l.Width, l.Height, l.Channels);
            return Fill(tif, l, image16, name);
        }
        var image = new ImageBuffer<byte>(l.Width, l.Height, l.Channels);
        return Fill(tif, l, image, name);
    }

    private static ImageBuffer<T> Fill<T>(Tiff tif, Layout l, ImageBuffer<T> image, string? name) where T : unmanaged
    {
        try
        {
            int planes = l.Planar ? l.Samples : 1;
            int samplesPerPlanePixel = l.Planar ? 1 : l.Samples;
            ushort[][]? colormap = null;
            if (l.Photometric == Photometric.PALETTE)
            {
                var cm = tif.GetField(TiffTag.COLORMAP) ?? throw new ImageFormatException(name, ImageErrorReason.Corrupt, "the palette TIFF has no colour map.");
                colormap = [cm[0].ToUShortArray(), cm[1].ToUShortArray(), cm[2].ToUShortArray()];
            }
            for (int plane = 0; plane < planes; plane++)
            {
                if (plane >= l.Channels) break;
                if (tif.IsTiled())
                {
                    int tw = Int(tif, TiffTag.TILEWIDTH, 0), th = Int(tif, TiffTag.TILELENGTH, 0);
                    var tile = new byte[tif.TileSize()];
                    int tileRowBytes = (tw * samplesPerPlanePixel * l.Bits + 7) / 8;
                    for (int ty = 0; ty < l.Height; ty += th)
                    {
                        for (int tx = 0; tx < l.Width; tx += tw)
                        {
                            if (tif.ReadTile(tile, 0, tx, ty, 0, (short)plane) < 0) throw ReadError(name);
                            int cols = Math.Min(tw, l.Width - tx);
                            for (int r = 0; r < th && ty + r < l.Height; r++)
                                Store(tile.AsSpan(r * tileRowBytes, tileRowBytes), image, l, ty + r, tx, cols, plane, samplesPerPlanePixel, colormap);
                        }
                    }
                }
                else
                {
                    var line = new byte[tif.ScanlineSize()];
                    for (int y = 0; y < l.Height; y++)
                    {
                        if (!tif.ReadScanline(line, y, (short)plane)) throw ReadError(name);
                        Store(line, image, l, y, 0, l.Width, plane, samplesPerPlanePixel, colormap);
                    }
                }
            }
            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static ImageFormatException ReadError(string? name)
    {
        string message = t_lastError ?? "unknown error";
        bool truncated = message.Contains("end of", StringComparison.OrdinalIgnoreCase) || message.Contains("Read error", StringComparison.OrdinalIgnoreCase)
            || message.Contains("short", StringComparison.OrdinalIgnoreCase);
        return new ImageFormatException(name, truncated ? ImageErrorReason.Truncated : ImageErrorReason.Corrupt, $"the TIFF pixel data cannot be read ({message}).");
    }

    // Copies `cols` pixels of one decoded row (or tile row) of one plane into the image.
    private static void Store<T>(ReadOnlySpan<byte> src, ImageBuffer<T> image, Layout l, int y, int x0, int cols, int plane, int spp, ushort[][]? colormap)
        where T : unmanaged
    {
        int channels = image.Channels;
        bool invert = l.Photometric == Photometric.MINISWHITE;
        if (typeof(T) == typeof(float))
        {
            var row = MemoryMarshal.Cast<T, float>(image.GetRow(y));
            var s = MemoryMarshal.Cast<byte, float>(src);
            for (int x = 0; x < cols; x++)
            {
                for (int c = 0; c < spp; c++)
                {
                    int ch = l.Planar ? plane : c;
                    if (ch < channels) row[(x0 + x) * channels + ch] = s[x * spp + c];
                }
            }
            return;
        }
        if (typeof(T) == typeof(ushort))
        {
            var row = MemoryMarshal.Cast<T, ushort>(image.GetRow(y));
            var s = MemoryMarshal.Cast<byte, ushort>(src);
            for (int x = 0; x < cols; x++)
            {
                for (int c = 0; c < spp; c++)
                {
                    int ch = l.Planar ? plane : c;
                    if (ch >= channels) continue;
                    ushort v = s[x * spp + c];
                    row[(x0 + x) * channels + ch] = invert && ch == 0 ? (ushort)(65535 - v) : v;
                }
            }
            return;
        }

        var r8 = MemoryMarshal.Cast<T, byte>(image.GetRow(y));
        if (l.Bits == 1)
        {
            for (int x = 0; x < cols; x++)
            {
                bool set = (src[x >> 3] & (0x80 >> (x & 7))) != 0;
                r8[x0 + x] = set != invert ? (byte)255 : (byte)0;
            }
            return;
        }
        if (colormap is not null)
        {
            for (int x = 0; x < cols; x++)
            {
                int index = src[x];
                int d = (x0 + x) * 3;
                r8[d] = (byte)(colormap[0][index] >> 8);
                r8[d + 1] = (byte)(colormap[1][index] >> 8);
                r8[d + 2] = (byte)(colormap[2][index] >> 8);
            }
            return;
        }
        for (int x = 0; x < cols; x++)
        {
            for (int c = 0; c < spp; c++)
            {
                int ch = l.Planar ? plane : c;
                if (ch >= channels) continue;
                byte v = src[x * spp + c];
                r8[(x0 + x) * channels + ch] = invert && ch == 0 ? (byte)(255 - v) : v;
            }
        }
    }

    private static ImageBuffer<byte> DecodeViaRgba(Tiff tif, Layout l, string? name)
    {
        var raster = new int[(long)l.Width * l.Height];
        if (!tif.ReadRGBAImageOriented(l.Width, l.Height, raster, Orientation.TOPLEFT)) throw ReadError(name);
        var image = new ImageBuffer<byte>(l.Width, l.Height, l.Channels);
        for (int y = 0; y < l.Height; y++)
        {
            var row = image.GetRow(y);
            for (int x = 0; x < l.Width; x++)
            {
                int p = raster[y * l.Width + x];
                int d = x * l.Channels;
                row[d] = (byte)Tiff.GetR(p);
                row[d + 1] = (byte)Tiff.GetG(p);
                row[d + 2] = (byte)Tiff.GetB(p);
                if (l.Channels == 4) row[d + 3] = (byte)Tiff.GetA(p);
            }
        }
        return image;
    }

    /// <summary>Writes 8- or 16-bit unsigned or 32-bit float gray, gray+alpha, RGB or RGBA (alpha as unassociated extra sample).</summary>
    public static void Encode<T>(ImageBuffer<T> image, Stream stream) where T : unmanaged
    {
        bool isFloat = typeof(T) == typeof(float);
        int bits = isFloat ? 32 : typeof(T) == typeof(ushort) ? 16 : 8;
        int channels = image.Channels;
        if (channels is < 1 or > 4)
            throw new ArgumentException($"TIFF is written with 1 to 4 channels, not {channels}.", nameof(image));
        using var memory = new MemoryStream();
        t_lastError = null;
        using (var tif = Tiff.ClientOpen("output", "w", memory, new TiffStream())
                         ?? throw new IOException($"LibTiff could not start a TIFF file ({t_lastError})."))
        {
            tif.SetField(TiffTag.IMAGEWIDTH, image.Width);
            tif.SetField(TiffTag.IMAGELENGTH, image.Height);
            tif.SetField(TiffTag.BITSPERSAMPLE, bits);
            tif.SetField(TiffTag.SAMPLESPERPIXEL, channels);
            tif.SetField(TiffTag.PHOTOMETRIC, channels >= 3 ? Photometric.RGB : Photometric.MINISBLACK);
            tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
            tif.SetField(TiffTag.COMPRESSION, Compression.LZW);
            if (isFloat) tif.SetField(TiffTag.SAMPLEFORMAT, SampleFormat.IEEEFP);
            else tif.SetField(TiffTag.PREDICTOR, Predictor.HORIZONTAL);
            tif.SetField(TiffTag.ORIENTATION, Orientation.TOPLEFT);
            int rowBytes = image.Width * channels * bits / 8;
            tif.SetField(TiffTag.ROWSPERSTRIP, Math.Max(1, (64 * 1024) / Math.Max(1, rowBytes)));
            if (channels is 2 or 4)
                tif.SetField(TiffTag.EXTRASAMPLES, 1, new short[] { (short)ExtraSample.UNASSALPHA });
            var line = new byte[rowBytes];
            for (int y = 0; y < image.Height; y++)
            {
                MemoryMarshal.AsBytes(image.GetRow(y)).CopyTo(line);
                if (!tif.WriteScanline(line, y))
                    throw new IOException($"LibTiff failed to write row {y} ({t_lastError}).");
            }
            tif.WriteDirectory();
        }
        stream.Write(memory.ToArray());
    }
}
