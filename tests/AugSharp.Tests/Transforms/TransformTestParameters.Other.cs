namespace AugSharp.Tests.Transforms;

public static partial class TransformTestParameters
{
    /// <summary>The name the invariant tests' Lambda is registered under: it inverts the image (255 - v, 65535 - v, 1 - v).</summary>
    public const string InvertLambdaName = "augsharp_tests_invert";

    private static readonly bool InvertLambdaRegistered = RegisterInvertLambda();

    /// <summary>Registers the inverting Lambda (again: registering is idempotent).</summary>
    public static bool RegisterInvertLambda()
    {
        Lambda.Register(InvertLambdaName, new LambdaFunctions { Image = Invert });
        return true;
    }

    /// <summary>The image inverted in its type's range, as a new buffer.</summary>
    public static ImageBuffer Invert(ImageBuffer image)
    {
        switch (image.PixelType)
        {
            case PixelType.UInt8:
            {
                var r = image.As<byte>().Clone();
                for (int y = 0; y < r.Height; y++) foreach (ref var v in r.GetRow(y)) v = (byte)(255 - v);
                return r;
            }
            case PixelType.UInt16:
            {
                var r = image.As<ushort>().Clone();
                for (int y = 0; y < r.Height; y++) foreach (ref var v in r.GetRow(y)) v = (ushort)(65535 - v);
                return r;
            }
            default:
            {
                var r = image.As<float>().Clone();
                for (int y = 0; y < r.Height; y++) foreach (ref var v in r.GetRow(y)) v = 1 - v;
                return r;
            }
        }
    }

    private static readonly Dictionary<string, Dictionary<string, object?>> OtherEntries = new()
    {
        ["NoOp"] = new(),
        ["Morphological"] = new() { ["scale"] = new List<object?> { 3L, 3L }, ["operation"] = "dilation" },
        ["ToFloat"] = new(),
        ["FromFloat"] = new() { ["dtype"] = "uint16" },
        ["Lambda"] = new() { ["function_name"] = InvertLambdaName },
        ["ToTensor"] = new() { ["transpose_mask"] = true },
        ["Normalize"] = new() { ["mean"] = new List<object?> { 0.5 }, ["std"] = new List<object?> { 0.25 }, ["normalization"] = "image_per_channel" },
    };
}
