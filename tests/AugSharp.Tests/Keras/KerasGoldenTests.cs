using System.Globalization;
using System.Text.Json;
using AugSharp.Keras;

namespace AugSharp.Tests.Keras;

/// <summary>Every case of the Keras reference manifest, checked within its tolerance on non-fragile pixels.</summary>
public class KerasGoldenTests
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var c in KerasGolden.Cases) data.Add(c.GetProperty("id").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Case(string id)
    {
        var c = KerasGolden.Case(id);
        string kind = c.GetProperty("kind").GetString()!;
        float[] actual = kind switch
        {
            "apply_transform" => RunApplyTransform(c),
            "standardize" => RunStandardize(c),
            "load_img" => RunLoadImg(c),
            "flow_from_directory" => RunFlowFromDirectory(c),
            _ => throw new Xunit.Sdk.XunitException($"Case {id}: kind '{kind}' is not supported."),
        };
        CompareToReference(c, actual);
    }

    internal static void CompareToReference(JsonElement c, float[] actual)
    {
        string id = c.GetProperty("id").GetString()!;
        float[] expected = KerasGolden.ReadF32(c.GetProperty("output_file").GetString()!);
        int[] shape = Ints(c.GetProperty("shape"));
        Assert.Equal(shape.Aggregate(1, (a, b) => a * b), expected.Length);
        Assert.True(actual.Length == expected.Length, $"{id}: {actual.Length} values, expected {expected.Length} (shape {string.Join("x", shape)}).");
        byte[]? fragile = c.TryGetProperty("fragile_mask", out var fm) && fm.ValueKind == JsonValueKind.String
            ? File.ReadAllBytes(KerasGolden.PathOf(fm.GetString()!))
            : null;
        double tol = c.GetProperty("tol_max_abs").GetDouble();
        double worst = 0;
        int worstIndex = -1, failures = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (fragile is not null && fragile[i] != 0) continue;
            double diff = Math.Abs((double)actual[i] - expected[i]);
            if (double.IsNaN(diff)) diff = double.PositiveInfinity;
            if (diff > tol) failures++;
            if (diff > worst)
            {
                worst = diff;
                worstIndex = i;
            }
        }
        Assert.True(failures == 0,
            $"{id}: {failures} non-fragile values differ by more than {tol}; worst {worst} at flat index {worstIndex} (actual {(worstIndex >= 0 ? actual[worstIndex] : 0)}, expected {(worstIndex >= 0 ? expected[worstIndex] : 0)}).");
    }

    private static float[] RunApplyTransform(JsonElement c)
    {
        var gen = Generator(c.GetProperty("generator_config"));
        var x = new NdArray(KerasGolden.ReadF32(c.GetProperty("input_raw").GetString()!), Ints(c.GetProperty("input_shape")));
        var p = c.GetProperty("params");
        var parameters = new KerasTransformParameters
        {
            Theta = Number(p, "theta", 0),
            Tx = Number(p, "tx", 0),
            Ty = Number(p, "ty", 0),
            Shear = Number(p, "shear", 0),
            Zx = Number(p, "zx", 1),
            Zy = Number(p, "zy", 1),
            FlipHorizontal = Flag(p, "flip_horizontal"),
            FlipVertical = Flag(p, "flip_vertical"),
            ChannelShiftIntensity = NullableNumber(p, "channel_shift_intensity"),
            Brightness = NullableNumber(p, "brightness"),
        };
        var input = x.Copy();
        var result = gen.ApplyTransform(x, parameters);
        Assert.Equal(input.Data, x.Data); // the input is not modified
        return result.Data;
    }

    private static float[] RunStandardize(JsonElement c)
    {
        var gen = Generator(c.GetProperty("generator_config"));
        if (c.GetProperty("fit_called").GetBoolean())
        {
            var fit = new NdArray(KerasGolden.ReadF32(c.GetProperty("fit_file").GetString()!), Ints(c.GetProperty("fit_shape")));
            var args = c.GetProperty("fit_args");
            gen.Fit(fit,
                augment: args.TryGetProperty("augment", out var a) && a.ValueKind == JsonValueKind.True,
                rounds: args.TryGetProperty("rounds", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 1,
                seed: args.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null);
        }
        var input = new NdArray(KerasGolden.ReadF32(c.GetProperty("input_file").GetString()!), Ints(c.GetProperty("input_shape")));
        var outputs = new List<NdArray>();
        for (int i = 0; i < input.Shape[0]; i++) outputs.Add(gen.Standardize(input.GetItem(i)));
        return NdArray.Stack(outputs).Data;
    }

    private static float[] RunLoadImg(JsonElement c)
    {
        var p = c.GetProperty("params");
        string colorMode = p.TryGetProperty("color_mode", out var cm) ? cm.GetString()! : "rgb";
        (int, int)? targetSize = p.TryGetProperty("target_size", out var ts) && ts.ValueKind == JsonValueKind.Array
            ? (ts[0].GetInt32(), ts[1].GetInt32())
            : null;
        string interpolation = p.TryGetProperty("interpolation", out var ip) ? ip.GetString()! : "nearest";
        bool keepAspect = p.TryGetProperty("keep_aspect_ratio", out var ka) && ka.ValueKind == JsonValueKind.True;
        using var image = KerasImage.LoadImg(KerasGolden.PathOf(c.GetProperty("input_file").GetString()!), colorMode, targetSize, interpolation, keepAspect);
        return KerasImage.ImgToArray(image).Data;
    }

    private static float[] RunFlowFromDirectory(JsonElement c)
    {
        var gen = Generator(c.GetProperty("generator_config"));
        var p = c.GetProperty("params");
        var ts = p.GetProperty("target_size");
        var it = gen.FlowFromDirectory(
            KerasGolden.PathOf(c.GetProperty("input_file").GetString()!),
            targetSize: (ts[0].GetInt32(), ts[1].GetInt32()),
            colorMode: Str(p, "color_mode") ?? "rgb",
            classes: p.TryGetProperty("classes", out var cl) && cl.ValueKind == JsonValueKind.Array ? cl.EnumerateArray().Select(e => e.GetString()!).ToList() : null,
            classMode: p.TryGetProperty("class_mode", out var cmode) ? cmode.GetString() : "categorical",
            batchSize: p.TryGetProperty("batch_size", out var bs) ? bs.GetInt32() : 32,
            shuffle: !p.TryGetProperty("shuffle", out var sh) || sh.ValueKind != JsonValueKind.False,
            seed: p.TryGetProperty("seed", out var sd) && sd.ValueKind == JsonValueKind.Number ? sd.GetInt32() : null,
            followLinks: p.TryGetProperty("follow_links", out var fl) && fl.ValueKind == JsonValueKind.True,
            subset: Str(p, "subset"),
            interpolation: Str(p, "interpolation") ?? "nearest",
            keepAspectRatio: p.TryGetProperty("keep_aspect_ratio", out var kr) && kr.ValueKind == JsonValueKind.True);

        var expected = c.GetProperty("expected");
        Assert.Equal(
            expected.GetProperty("class_indices").EnumerateObject().Select(o => (o.Name, o.Value.GetInt32())),
            it.ClassIndices.OrderBy(kv => kv.Value).Select(kv => (kv.Key, kv.Value)));
        Assert.Equal(expected.GetProperty("num_classes").GetInt32(), it.NumClasses);
        Assert.Equal(expected.GetProperty("samples").GetInt32(), it.Samples);
        Assert.Equal(expected.GetProperty("filenames").EnumerateArray().Select(e => e.GetString()!), it.Filenames);
        Assert.Equal(expected.GetProperty("classes").EnumerateArray().Select(e => e.GetInt32()), it.Classes);
        Assert.Equal(expected.GetProperty("len").GetInt32(), it.Length);

        var batches = expected.GetProperty("batches").EnumerateArray().ToArray();
        var xs = new List<float>();
        for (int i = 0; i < it.Length; i++)
        {
            var batch = it[i];
            Assert.Equal(batches[i].GetProperty("batch_size").GetInt32(), batch.X.Shape[0]);
            var y = batches[i].GetProperty("y");
            if (y.ValueKind == JsonValueKind.Array)
            {
                var flat = y.EnumerateArray().SelectMany(e => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(v => v.GetSingle()) : [e.GetSingle()]).ToArray();
                Assert.NotNull(batch.Y);
                Assert.Equal(flat, batch.Y!.Data);
            }
            else if (c.GetProperty("params").TryGetProperty("class_mode", out var m) && m.GetString() == "input")
            {
                Assert.NotNull(batch.Y);
                Assert.Equal(batch.X.Data, batch.Y!.Data);
                Assert.NotSame(batch.X.Data, batch.Y.Data);
            }
            xs.AddRange(batch.X.Data);
        }
        return [.. xs];
    }

    internal static ImageDataGenerator Generator(JsonElement config)
    {
        var known = new HashSet<string>
        {
            "featurewise_center", "samplewise_center", "featurewise_std_normalization", "samplewise_std_normalization",
            "zca_whitening", "zca_epsilon", "rotation_range", "width_shift_range", "height_shift_range", "brightness_range",
            "shear_range", "zoom_range", "channel_shift_range", "fill_mode", "cval", "horizontal_flip", "vertical_flip",
            "rescale", "data_format", "validation_split", "interpolation_order", "dtype",
        };
        foreach (var prop in config.EnumerateObject())
        {
            if (!known.Contains(prop.Name)) throw new Xunit.Sdk.XunitException($"generator_config key '{prop.Name}' is not supported.");
        }
        return new ImageDataGenerator(
            featurewiseCenter: Flag(config, "featurewise_center"),
            samplewiseCenter: Flag(config, "samplewise_center"),
            featurewiseStdNormalization: Flag(config, "featurewise_std_normalization"),
            samplewiseStdNormalization: Flag(config, "samplewise_std_normalization"),
            zcaWhitening: Flag(config, "zca_whitening"),
            zcaEpsilon: Number(config, "zca_epsilon", 1e-6),
            rotationRange: Number(config, "rotation_range", 0),
            widthShiftRange: Shift(config, "width_shift_range"),
            heightShiftRange: Shift(config, "height_shift_range"),
            brightnessRange: config.TryGetProperty("brightness_range", out var br) && br.ValueKind == JsonValueKind.Array ? br.EnumerateArray().Select(e => e.GetDouble()).ToArray() : null,
            shearRange: Number(config, "shear_range", 0),
            zoomRange: config.TryGetProperty("zoom_range", out var zr) ? (zr.ValueKind == JsonValueKind.Array ? zr.EnumerateArray().Select(e => e.GetDouble()).ToArray() : zr.GetDouble()) : null,
            channelShiftRange: Number(config, "channel_shift_range", 0),
            fillMode: Str(config, "fill_mode") is string fm ? KerasNames.ParseFillMode(fm) : FillMode.Nearest,
            cval: Number(config, "cval", 0),
            horizontalFlip: Flag(config, "horizontal_flip"),
            verticalFlip: Flag(config, "vertical_flip"),
            rescale: NullableNumber(config, "rescale"),
            dataFormat: Str(config, "data_format") is string df ? KerasNames.ParseDataFormat(df) : DataFormat.ChannelsLast,
            validationSplit: Number(config, "validation_split", 0),
            interpolationOrder: (int)Number(config, "interpolation_order", 1),
            dtype: Str(config, "dtype") ?? "float32");
    }

    private static ShiftRange? Shift(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Array) return ShiftRange.FromList(v.EnumerateArray().Select(x => x.GetDouble()));
        string raw = v.GetRawText();
        return raw.Contains('.') || raw.Contains('e') || raw.Contains('E') ? ShiftRange.FromFloat(v.GetDouble()) : ShiftRange.FromInt(v.GetInt32());
    }

    internal static int[] Ints(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetInt32())];

    private static double Number(JsonElement e, string name, double fallback)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

    private static double? NullableNumber(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static bool Flag(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.Number && v.GetDouble() != 0));

    private static string? Str(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    internal static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
