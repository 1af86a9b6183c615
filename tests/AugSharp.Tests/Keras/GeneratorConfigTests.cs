using AugSharp.Keras;

namespace AugSharp.Tests.Keras;

public class GeneratorConfigTests
{
    [Fact]
    public void YamlWithKerasNamesBuildsTheGenerator()
    {
        var config = GeneratorConfig.FromYaml("""
            rotation_range: 40
            width_shift_range: 0.2
            height_shift_range: 3
            brightness_range: [0.2, 1.0]
            shear_range: 5
            zoom_range: [0.8, 1.2]
            channel_shift_range: 10
            fill_mode: reflect
            cval: 7
            horizontal_flip: true
            vertical_flip: false
            rescale: 1/255
            interpolation_order: 0
            """);
        var g = config.ToGenerator();
        Assert.Equal(40, g.RotationRange);
        Assert.Equal(ShiftRange.FromFloat(0.2), g.WidthShiftRange);
        Assert.Equal(ShiftRange.FromInt(3), g.HeightShiftRange);
        Assert.Equal((0.2, 1.0), g.BrightnessRange);
        Assert.Equal(5, g.ShearRange);
        Assert.Equal(new ZoomRange(0.8, 1.2), g.ZoomRange);
        Assert.Equal(10, g.ChannelShiftRange);
        Assert.Equal(FillMode.Reflect, g.FillMode);
        Assert.Equal(7, g.Cval);
        Assert.True(g.HorizontalFlip);
        Assert.False(g.VerticalFlip);
        Assert.Equal(1 / 255.0, g.Rescale!.Value, 12);
        Assert.Equal(0, g.InterpolationOrder);
    }

    [Fact]
    public void JsonKeepsIntegerAndFloatShiftFormsApart()
    {
        var config = GeneratorConfig.FromJson("""{"width_shift_range": 2, "height_shift_range": 2.0, "zoom_range": 0.25}""");
        Assert.Equal(ShiftRangeKind.Int, config.WidthShiftRange.Kind);
        Assert.Equal(ShiftRangeKind.Float, config.HeightShiftRange.Kind);
        Assert.Equal(new ZoomRange(0.75, 1.25), config.ZoomRange);
    }

    [Fact]
    public void ShiftListsAreKept()
    {
        var config = new GeneratorConfig();
        config.Set("width_shift_range", ["-10", "10"]);
        Assert.Equal(ShiftRangeKind.List, config.WidthShiftRange.Kind);
        Assert.Equal([-10.0, 10.0], config.WidthShiftRange.Values);
    }

    [Fact]
    public void EmptyFilesGiveTheDefaults()
    {
        Assert.Empty(GeneratorConfig.FromYaml("").ChangedSettings());
        Assert.Empty(GeneratorConfig.FromJson("{}").ChangedSettings());
    }

    [Theory]
    [InlineData("rotation_range: -5", "rotation_range must be 0 or more, got -5")]
    [InlineData("zoom_range: [0, 1]", "zoom_range must give zoom factors above 0")]
    [InlineData("zoom_range: 1", "zoom_range must give zoom factors above 0")]
    [InlineData("zoom_range: [1.2, 0.8]", "zoom_range low must not exceed high")]
    [InlineData("zoom_range: [1, 2, 3]", "zoom_range must be a number or two numbers")]
    [InlineData("brightness_range: [1.0]", "brightness_range must be two factors")]
    [InlineData("brightness_range: [-1, 1]", "brightness_range factors must be 0 or more")]
    [InlineData("fill_mode: mirror", "fill_mode must be one of constant, nearest, reflect, wrap, got 'mirror'")]
    [InlineData("horizontal_flip: maybe", "horizontal_flip must be true or false")]
    [InlineData("interpolation_order: 9", "interpolation_order must be from 0 to 5, got 9")]
    [InlineData("rotation_range: '40'", "rotation_range must be a number")]
    [InlineData("width_shift_range: -0.1", "width_shift_range must be 0 or more")]
    [InlineData("rotation_rnage: 5", "rotation_rnage is not an ImageDataGenerator augmentation argument; did you mean rotation_range?")]
    [InlineData("- 1\n- 2", "must be a mapping of ImageDataGenerator arguments")]
    [InlineData("rotation_range: [1, 2", "is not valid YAML")]
    public void InvalidYamlValuesNameTheFileAndTheKey(string yaml, string message)
    {
        var e = Assert.Throws<GeneratorConfigException>(() => GeneratorConfig.FromYaml(yaml, "pipe.yaml"));
        Assert.StartsWith("pipe.yaml: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "must be a JSON object")]
    [InlineData("{\"rotation_range\": }", "is not valid JSON")]
    [InlineData("{\"rotation_range\": 1, \"rotation_range\": 2}", "rotation_range is given twice")]
    [InlineData("{\"rotation_range\": {\"a\": 1}}", "rotation_range must be a number, a list, true/false or a name, not an object")]
    public void InvalidJsonIsReported(string json, string message)
    {
        var e = Assert.Throws<GeneratorConfigException>(() => GeneratorConfig.FromJson(json, "pipe.json"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void ErrorsCarryKeyAndProblem()
    {
        var config = new GeneratorConfig { RotationRange = -5 };
        var e = Assert.Throws<GeneratorConfigException>(() => config.Validate());
        Assert.Equal("rotation_range", e.Key);
        Assert.Equal("must be 0 or more, got -5", e.Problem);
        Assert.Throws<GeneratorConfigException>(() => config.ToGenerator());
    }

    [Fact]
    public void KerasCallAndFilesRoundTrip()
    {
        var config = new GeneratorConfig
        {
            RotationRange = 90,
            WidthShiftRange = ShiftRange.FromInt(4),
            BrightnessRange = [0.2, 1.0],
            ZoomRange = new ZoomRange(0.8, 1.2),
            FillMode = FillMode.Wrap,
            HorizontalFlip = true,
        };
        Assert.Equal("ImageDataGenerator(rotation_range=90.0, width_shift_range=4, brightness_range=[0.2, 1.0], zoom_range=[0.8, 1.2], fill_mode='wrap', horizontal_flip=True)",
            config.ToKerasCall());
        var fromJson = GeneratorConfig.FromJson(config.ToJson());
        var fromYaml = GeneratorConfig.FromYaml(config.ToYaml());
        Assert.Equal(config.ChangedSettings(), fromJson.ChangedSettings());
        Assert.Equal(config.ChangedSettings(), fromYaml.ChangedSettings());
    }

    [Fact]
    public void LoadChoosesTheFormatFromTheExtension()
    {
        string dir = Path.Combine(Path.GetTempPath(), "augsharp-config-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "p.json"), "{\"vertical_flip\": true}");
            File.WriteAllText(Path.Combine(dir, "p.yml"), "vertical_flip: true\n");
            Assert.True(GeneratorConfig.Load(Path.Combine(dir, "p.json")).VerticalFlip);
            Assert.True(GeneratorConfig.Load(Path.Combine(dir, "p.yml")).VerticalFlip);
            Assert.Throws<FileNotFoundException>(() => GeneratorConfig.Load(Path.Combine(dir, "missing.yaml")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void GeometryIsAPipelineKeyLeftOutOfTheKerasCall()
    {
        var config = GeneratorConfig.FromYaml("rotation_range: 10\ngeometry: corrected\n");
        Assert.Equal(KerasGeometry.Corrected, config.Geometry);
        Assert.Equal(KerasGeometry.Corrected, config.ToGenerator().Geometry);
        Assert.Equal("ImageDataGenerator(rotation_range=10.0)", config.ToKerasCall());
        Assert.Contains("\"geometry\": \"corrected\"", config.ToJson());
        Assert.Equal(KerasGeometry.Corrected, GeneratorConfig.FromJson(config.ToJson()).Geometry);
        Assert.Equal(KerasGeometry.Keras, GeneratorConfig.FromJson("{}").Geometry);
        var e = Assert.Throws<GeneratorConfigException>(() => GeneratorConfig.FromYaml("geometry: fancy", "p.yaml"));
        Assert.Equal("p.yaml: geometry must be keras or corrected, got 'fancy'", e.Message);
    }

    [Fact]
    public void ZoomOfZeroMeansNoZoom()
    {
        var config = new GeneratorConfig();
        config.Set("zoom_range", "0");
        config.Validate();
        Assert.True(config.ZoomRange.IsIdentity);
        Assert.True(GeneratorConfig.FromYaml("zoom_range: 0").ZoomRange.IsIdentity);
    }
}
