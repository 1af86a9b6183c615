using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AugSharp;

/// <summary>
/// Runs a super-resolution network the user brings (ESPCN, Real-ESRGAN and the like, as an ONNX
/// file) with ONNX Runtime on the CPU. The network takes float32 NCHW input in 0..1 with 1 or 3
/// channels and gives its input enlarged by a whole factor, which is read from the output shape
/// (from the file when its sizes are fixed, otherwise from a run on a small probe). Large images are
/// cut into tiles that overlap by <see cref="Overlap"/> input pixels on every side; only the middle
/// of each tile's output is kept, so the result equals an untiled run as long as the network sees
/// no farther than the overlap. An RGB network takes gray images as three equal channels (their
/// mean is kept) and leaves alpha to Lanczos; a one-channel network runs on each channel.
/// Instances are thread-safe.
/// </summary>
public sealed class OnnxUpscaler : IDisposable
{
    private static readonly ConcurrentDictionary<string, Lazy<OnnxUpscaler>> Shared = new(StringComparer.Ordinal);
    private readonly InferenceSession _session;
    private readonly string _inputName;

    /// <summary>Loads <paramref name="modelPath"/>.</summary>
    /// <param name="modelPath">The ONNX file.</param>
    /// <param name="tileSize">The side of a tile, in input pixels (16 or more).</param>
    /// <param name="overlap">The context added on each side of a tile, in input pixels (0 or more).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX network of the expected shape (the message says why).</exception>
    public OnnxUpscaler(string modelPath, int tileSize = 256, int overlap = 16)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSize, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(overlap);
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"model not found: {modelPath}", modelPath);
        ModelPath = modelPath;
        TileSize = tileSize;
        Overlap = overlap;
        try
        {
            var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"{modelPath}: not a network ONNX Runtime can load: {e.Message}", e);
        }
        try
        {
            if (_session.InputMetadata.Count != 1 || _session.OutputMetadata.Count < 1)
                throw new InvalidDataException($"{modelPath}: the network must take one input (it takes {_session.InputMetadata.Count})");
            var (name, input) = _session.InputMetadata.First();
            _inputName = name;
            var dims = input.Dimensions;
            if (input.ElementType != typeof(float) || dims.Length != 4 || dims[1] is not (1 or 3))
                throw new InvalidDataException($"{modelPath}: the input must be float32 [N, C, H, W] with 1 or 3 channels; it is {input.ElementType.Name} [{string.Join(", ", dims)}]");
            Channels = dims[1];
            Scale = ReadScale(dims, _session.OutputMetadata.First().Value.Dimensions);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>The network's file.</summary>
    public string ModelPath { get; }

    /// <summary>The enlargement factor, read from the output shape.</summary>
    public int Scale { get; }

    /// <summary>The channels the network takes (1 or 3).</summary>
    public int Channels { get; }

    /// <summary>The side of a tile in input pixels.</summary>
    public int TileSize { get; }

    /// <summary>The context added on each side of a tile, in input pixels.</summary>
    public int Overlap { get; }

    /// <summary>One loaded network per file, tile size and overlap, shared by the callers of this process.</summary>
    public static OnnxUpscaler ForFile(string modelPath, int tileSize = 256, int overlap = 16)
    {
        string key = $"{Path.GetFullPath(modelPath)}|{tileSize}|{overlap}";
        var lazy = Shared.GetOrAdd(key, _ => new Lazy<OnnxUpscaler>(() => new OnnxUpscaler(modelPath, tileSize, overlap)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Shared.TryRemove(key, out _);
            throw;
        }
    }

    private int ReadScale(int[] inputDims, int[] outputDims)
    {
        if (outputDims.Length != 4) throw new InvalidDataException($"{ModelPath}: the output must be [N, C, H, W]; it is [{string.Join(", ", outputDims)}]");
        if (inputDims[2] > 0 && outputDims[2] > 0 && inputDims[3] > 0 && outputDims[3] > 0)
            return CheckScale(inputDims[2], inputDims[3], outputDims[2], outputDims[3]);
        const int Probe = 16;
        int h = inputDims[2] > 0 ? inputDims[2] : Probe, w = inputDims[3] > 0 ? inputDims[3] : Probe;
        var (_, oh, ow) = RunTile(new float[Channels * h * w], h, w);
        return CheckScale(h, w, oh, ow);
    }

    private int CheckScale(int h, int w, int oh, int ow)
    {
        if (oh % h != 0 || ow % w != 0 || oh / h != ow / w || oh / h < 1)
            throw new InvalidDataException($"{ModelPath}: the output ({ow}x{oh} for {w}x{h}) is not the input enlarged by one whole factor");
        return oh / h;
    }

    private (float[] Data, int Height, int Width) RunTile(float[] planes, int h, int w)
    {
        var tensor = new DenseTensor<float>(planes, [1, Channels, h, w]);
        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_inputName, tensor)]);
        var output = results.First().AsTensor<float>();
        var dims = output.Dimensions;
        if (dims.Length != 4 || dims[1] != Channels)
            throw new InvalidDataException($"{ModelPath}: the output must be [1, {Channels}, H, W]; it is [{string.Join(", ", dims.ToArray())}]");
        return (output.ToArray(), dims[2], dims[3]);
    }

    /// <summary>Enlarges <paramref name="image"/> by <see cref="Scale"/> (tiled), keeping its pixel type and channels.</summary>
    public ImageBuffer Upscale(ImageBuffer image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.PixelType switch
        {
            PixelType.UInt8 => Upscale(image.As<byte>()),
            PixelType.UInt16 => Upscale(image.As<ushort>()),
            _ => Upscale(image.As<float>()),
        };
    }

    private ImageBuffer<T> Upscale<T>(ImageBuffer<T> image) where T : unmanaged
    {
        int cn = image.Channels, w = image.Width, h = image.Height, s = Scale;
        float max = (float)EnhancementPixels.Max<T>();
        var result = ImageBuffer<T>.CreateUninitialized(w * s, h * s, cn);
        // Which image channels feed each run of the network, and where its channels go back.
        var runs = new List<int[]>();
        if (Channels == 3)
        {
            if (cn is 3 or 4) runs.Add([0, 1, 2]);
            else if (cn == 1) runs.Add([0, 0, 0]);
            else throw new NotSupportedException($"an RGB network takes gray or RGB images (1, 3, or 4 channels with alpha); this image has {cn}");
        }
        else
        {
            for (int c = 0; c < cn; c++) runs.Add([c]);
        }
        foreach (var sources in runs) RunTiled(image, result, sources, max);
        if (Channels == 3 && cn == 4)
        {
            // Alpha by Lanczos, as the network has none.
            using var alpha = ImageBuffer<T>.CreateUninitialized(w, h, 1);
            for (int y = 0; y < h; y++)
            {
                var src = image.GetRow(y);
                var d = alpha.GetRow(y);
                for (int x = 0; x < w; x++) d[x] = src[x * 4 + 3];
            }
            using var bigAlpha = ImageBuffer<T>.CreateUninitialized(w * s, h * s, 1);
            Kernels.ResizeKernel.Apply(alpha, bigAlpha, Interpolation.Lanczos);
            for (int y = 0; y < h * s; y++)
            {
                var a = bigAlpha.GetRow(y);
                var d = result.GetRow(y);
                for (int x = 0; x < w * s; x++) d[x * 4 + 3] = a[x];
            }
        }
        return result;
    }

    private void RunTiled<T>(ImageBuffer<T> image, ImageBuffer<T> result, int[] sources, float max) where T : unmanaged
    {
        int w = image.Width, h = image.Height, cn = image.Channels, s = Scale, nc = Channels;
        bool grayThroughRgb = sources.Length == 3 && sources[0] == sources[1];
        for (int ty = 0; ty < h; ty += TileSize)
        {
            for (int tx = 0; tx < w; tx += TileSize)
            {
                int x0 = Math.Max(0, tx - Overlap), y0 = Math.Max(0, ty - Overlap);
                int x1 = Math.Min(w, tx + TileSize + Overlap), y1 = Math.Min(h, ty + TileSize + Overlap);
                int tw = x1 - x0, th = y1 - y0;
                var planes = new float[nc * th * tw];
                for (int y = 0; y < th; y++)
                {
                    var row = image.GetRow(y0 + y);
                    for (int x = 0; x < tw; x++)
                        for (int k = 0; k < nc; k++)
                            planes[(k * th + y) * tw + x] = Kernels.KernelCommon.ToFloat(row[(x0 + x) * cn + sources[k]]) / max;
                }
                var (output, oh, ow) = RunTile(planes, th, tw);
                if (oh != th * s || ow != tw * s)
                    throw new InvalidDataException($"{ModelPath}: a {tw}x{th} tile gave {ow}x{oh}, not {tw * s}x{th * s}");
                // Keep the part of the tile's output that lies over the tile itself.
                int keepX0 = (tx - x0) * s, keepY0 = (ty - y0) * s;
                int keepW = (Math.Min(w, tx + TileSize) - tx) * s, keepH = (Math.Min(h, ty + TileSize) - ty) * s;
                for (int y = 0; y < keepH; y++)
                {
                    var d = result.GetRow(ty * s + y);
                    for (int x = 0; x < keepW; x++)
                    {
                        int o = (tx * s + x) * cn;
                        int p = (keepY0 + y) * ow + keepX0 + x;
                        if (grayThroughRgb)
                        {
                            float mean = (output[p] + output[oh * ow + p] + output[2 * oh * ow + p]) / 3;
                            d[o + sources[0]] = Store<T>(mean, max);
                        }
                        else
                        {
                            for (int k = 0; k < nc; k++) d[o + sources[k]] = Store<T>(output[k * oh * ow + p], max);
                        }
                    }
                }
            }
        }
    }

    private static T Store<T>(float unit, float max) where T : unmanaged
        => Kernels.KernelCommon.FromFloat<T>(Math.Clamp(unit, 0f, 1f) * max);

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}

/// <summary>
/// Enlarges with a super-resolution network the user brings (<see cref="OnnxUpscaler"/>), loaded
/// once per file and process. The factor is the network's own; <see cref="ExpectedFactor"/>, when
/// given, must match it.
/// </summary>
/// <param name="ModelPath">The ONNX file.</param>
/// <param name="ExpectedFactor">The factor the caller asked for (2, 3 or 4), or null to take the network's.</param>
/// <param name="TileSize">The side of a tile, in input pixels.</param>
/// <param name="Overlap">The context added on each side of a tile, in input pixels.</param>
public sealed record ModelUpscaleStep(string ModelPath, int? ExpectedFactor = null, int TileSize = 256, int Overlap = 16) : EnhanceStep
{
    /// <inheritdoc />
    public override string CommandLine => $"{(ExpectedFactor is { } f ? $"--upscale {f} " : "")}--model {ModelPath}";

    /// <inheritdoc />
    protected override ImageBuffer ApplyTo<T>(ImageBuffer<T> image)
    {
        var upscaler = OnnxUpscaler.ForFile(ModelPath, TileSize, Overlap);
        if (ExpectedFactor is { } factor && factor != upscaler.Scale)
            throw new ArgumentException($"{ModelPath} enlarges by {upscaler.Scale}, not by {factor}");
        return upscaler.Upscale(image);
    }
}
