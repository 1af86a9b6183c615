using AugSharp.Tests.Transforms;

namespace AugSharp.Tests.Pipelines;

/// <summary>Albumentations' saved pipeline form, read and written.</summary>
public class AlbumentationsFileTests
{
    private static string File(string name) => TestPaths.TestData("Albumentations", name);

    [Fact]
    public void A_saved_pipeline_with_boxes_loads_with_its_rules()
    {
        var p = Assert.IsType<Compose>(PipelineFile.Load(File("detection.json")));
        Assert.Equal(["HorizontalFlip", "Affine", "RandomCrop"], p.Transforms.Select(t => t.Name));
        Assert.Equal(BoxFormat.Coco, p.BoxParams!.Format);
        Assert.Equal(0.3, p.BoxParams.MinVisibility);
        var affine = (Affine)p.Transforms[1];
        Assert.Equal(new ValueRange(-30, 30), affine.Rotate);
        Assert.Equal(new ValueRange(0.9, 1.1), affine.Scale.X);
        Assert.Equal(BorderMode.Constant, affine.BorderMode);
        using var photo = ImageCodec.Read(TestPaths.Image("chelsea.png"));
        var result = p.Apply(new AnnotatedImage(photo, boxes: [BoxFormats.FromValues([150, 60, 150, 190], BoxFormat.Coco, photo.Width, photo.Height, "cat")]), seed: 1);
        Assert.Equal((200, 200), (result.Image.Width, result.Image.Height));
    }

    [Fact]
    public void A_saved_yaml_pipeline_with_keypoints_and_a_full_class_path_loads()
    {
        var p = Assert.IsType<Compose>(PipelineFile.Load(File("keypoints.yaml")));
        Assert.Equal(["Rotate", "VerticalFlip"], p.Transforms.Select(t => t.Name));
        Assert.Equal(BorderMode.Reflect101, ((Rotate)p.Transforms[0]).BorderMode);
        Assert.True(p.KeypointParams!.RemoveInvisible);
        using var image = TestImages.Make(PixelType.UInt8, 3, 64, 48);
        var result = p.Apply(new AnnotatedImage(image, keypoints: [new Keypoint(32, 24, Label: "centre")]), seed: 2);
        Assert.Single(result.Keypoints);
    }

    [Fact]
    public void A_saved_nested_pipeline_loads_every_composition()
    {
        var p = Assert.IsType<Compose>(PipelineFile.Load(File("nested.json")));
        var oneOf = Assert.IsType<OneOf>(p.Transforms[0]);
        Assert.Equal(0.9, oneOf.P);
        var someOf = Assert.IsType<SomeOf>(p.Transforms[1]);
        Assert.Equal(2, someOf.N);
        Assert.IsType<Sequential>(someOf.Transforms[2]);
        using var image = TestImages.Make(PixelType.UInt8, 3, 50, 50);
        for (int copy = 0; copy < 10; copy++) p.Apply(new AnnotatedImage(image), seed: 3, item: 0, copy);
    }

    [Fact]
    public void A_parameter_augsharp_lacks_is_refused_by_name()
    {
        string text = "{\"__version__\": \"2.0.8\", \"transform\": {\"__class_fullname__\": \"Compose\", \"transforms\": [{\"__class_fullname__\": \"Rotate\", \"limit\": [-10, 10], \"crop_mode\": \"x\", \"p\": 1}]}}";
        var e = Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse(text, "saved.json"));
        Assert.Contains("crop_mode", e.Message);
        Assert.Contains("Rotate", e.Message);
        text = "{\"__version__\": \"2.0.8\", \"transform\": {\"__class_fullname__\": \"Compose\", \"transforms\": [{\"__class_fullname__\": \"TemplateTransform\", \"p\": 1}]}}";
        e = Assert.Throws<PipelineFormatException>(() => PipelineFile.Parse(text, "saved.json"));
        Assert.Contains("TemplateTransform", e.Message);
    }

    [Fact]
    public void Parameters_supported_at_their_default_load_and_other_values_are_refused_by_name()
    {
        string Saved(string rotateMethod) => "{\"__version__\": \"2.0.8\", \"transform\": {\"__class_fullname__\": \"Compose\", \"transforms\": [{\"__class_fullname__\": \"Rotate\", \"limit\": [-10, 10], \"interpolation\": 1, \"mask_interpolation\": 0, \"border_mode\": 0, \"fill\": 0, \"fill_mask\": 0, \"crop_border\": false, \"rotate_method\": \"" + rotateMethod + "\", \"p\": 1}]}}";
        using var image = TestImages.Make(PixelType.UInt8, 3);
        ((Compose)PipelineFile.Parse(Saved("largest_box"))).Apply(new AnnotatedImage(image), seed: 0);
        var e = Assert.Throws<NotSupportedException>(() => ((Compose)PipelineFile.Parse(Saved("ellipse"))).Apply(new AnnotatedImage(image), seed: 0));
        Assert.Contains("Rotate.rotate_method", e.Message);
    }

    [Fact]
    public void Masks_can_move_with_linear_interpolation()
    {
        using var image = new ImageBuffer<byte>(40, 40, 1);
        using var soft = new ImageBuffer<byte>(40, 40, 1);
        for (int y = 0; y < 40; y++) for (int x = 0; x < 40; x++) soft[y, x, 0] = (byte)(x < 20 ? 0 : 200);
        var nearest = new Compose([new Rotate { Limit = new(30, 30), P = 1 }]).Apply(new AnnotatedImage(image, [soft]), seed: 0).Masks[0].As<byte>().ToArray().Distinct().Count();
        var linear = new Compose([new Rotate { Limit = new(30, 30), P = 1, MaskInterpolation = Interpolation.Linear }]).Apply(new AnnotatedImage(image, [soft]), seed: 0).Masks[0].As<byte>().ToArray().Distinct().Count();
        Assert.True(nearest <= 2);
        Assert.True(linear > 5);
    }

    [Fact]
    public void AugSharp_writes_the_saved_form_and_reads_it_back()
    {
        var p = (Compose)PipelineFile.Load(File("nested.json"));
        string saved = PipelineFile.ToAlbumentationsJson(p);
        Assert.Contains("__class_fullname__", saved);
        Assert.Contains("__version__", saved);
        Assert.Equal(PipelineFile.ToYaml(p), PipelineFile.ToYaml(PipelineFile.Parse(saved)));
    }
}

/// <summary>Files in the full form A.save writes (every init argument), read and run.</summary>
public class FullAlbumentationsFileTests
{
    private static string File(string name) => TestPaths.TestData("Albumentations", name);

    [Fact]
    public void A_full_detection_file_loads_every_argument_and_moves_coco_boxes()
    {
        var p = Assert.IsType<Compose>(PipelineFile.Load(File("full-detection.json")));
        Assert.Equal(["RandomResizedCrop", "HorizontalFlip", "Affine", "RandomBrightnessContrast", "GaussNoise", "CoarseDropout"], p.Transforms.Select(t => t.Name));
        var crop = (RandomResizedCrop)p.Transforms[0];
        Assert.Equal([320, 320], crop.Size);
        Assert.Equal(Interpolation.Nearest, crop.MaskInterpolation);
        Assert.Null(crop.AreaForDownscale);
        Assert.Equal(BoxFormat.Coco, p.BoxParams!.Format);
        Assert.Equal(0.3, p.BoxParams.MinVisibility);
        using var photo = ImageCodec.Read(TestPaths.Image("chelsea.png"));
        for (int copy = 0; copy < 4; copy++)
        {
            var result = p.Apply(new AnnotatedImage(photo, boxes: [BoxFormats.FromValues([150, 60, 150, 190], BoxFormat.Coco, photo.Width, photo.Height, "cat")]), seed: 1, item: 0, copy);
            Assert.Equal((320, 320), (result.Image.Width, result.Image.Height));
            Assert.All(result.Boxes, b => Assert.True(b.X2 <= 320 && b.Y2 <= 320 && b.Label == "cat"));
        }
    }

    [Fact]
    public void A_full_keypoint_file_resizes_pads_rotates_and_crops_with_its_keypoints()
    {
        var p = Assert.IsType<Compose>(PipelineFile.Load(File("full-keypoints.yaml")));
        Assert.Equal(["LongestMaxSize", "PadIfNeeded", "Rotate", "ColorJitter", "CenterCrop"], p.Transforms.Select(t => t.Name));
        Assert.Equal([512], ((LongestMaxSize)p.Transforms[0]).MaxSize);
        Assert.Equal(BorderMode.Reflect101, ((Rotate)p.Transforms[2]).BorderMode);
        Assert.True(p.KeypointParams!.RemoveInvisible);
        using var image = TestImages.Make(PixelType.UInt8, 3, 640, 480);
        var result = p.Apply(new AnnotatedImage(image, keypoints: [new Keypoint(320, 240, Label: "centre")]), seed: 2);
        Assert.Equal((448, 448), (result.Image.Width, result.Image.Height));
        var centre = Assert.Single(result.Keypoints);
        Assert.InRange(centre.X, 222, 226);
        Assert.InRange(centre.Y, 222, 226);
    }

    [Fact]
    public void A_full_nested_file_pads_small_images_and_ends_as_a_normalised_float_tensor()
    {
        var p = Assert.IsType<Compose>(PipelineFile.Load(File("full-nested.json")));
        var crop = Assert.IsType<RandomCrop>(p.Transforms[0]);
        Assert.True(crop.PadIfNeeded);
        Assert.Equal(2, Assert.IsType<SomeOf>(p.Transforms[2]).N);
        Assert.IsType<ToTensor>(p.Transforms[^1]);
        using var small = TestImages.Make(PixelType.UInt8, 3, 200, 150);
        for (int copy = 0; copy < 6; copy++)
        {
            var result = p.Apply(new AnnotatedImage(small), seed: 3, item: 0, copy);
            Assert.Equal(PixelType.Float32, result.Image.PixelType);
            Assert.Equal((256, 256), (result.Image.Width, result.Image.Height));
            Assert.Equal(new[] { 3, 256, 256 }, TensorLayout.ToChw(result.Image).Shape);
        }
    }
}

/// <summary>TextImage as A.save writes it: its default augmentations are [null].</summary>
public class SavedTextImageTests
{
    [Fact]
    public void A_saved_text_image_with_its_default_augmentations_loads_and_writes_them_back_as_null()
    {
        string saved = """
            {"__version__": "2.0.8", "transform": {"__class_fullname__": "Compose", "p": 1.0, "transforms": [
              {"__class_fullname__": "TextImage", "p": 0.5, "font_path": null, "stopwords": ["the", "is", "in", "at", "of"], "augmentations": [null],
               "fraction_range": [1.0, 1.0], "font_size_fraction_range": [0.8, 0.9], "font_color": [0, 0, 0], "clear_bg": false, "metadata_key": "textimage_metadata"}]}}
            """;
        var pipeline = (Compose)PipelineFile.Parse(saved, "saved.json");
        var text = Assert.IsType<TextImage>(pipeline.Transforms[0]);
        Assert.Equal(["none"], text.Augmentations);
        using var written = System.Text.Json.JsonDocument.Parse(PipelineFile.ToAlbumentationsJson(pipeline));
        var entry = written.RootElement.GetProperty("transform").GetProperty("transforms")[0];
        Assert.Equal("TextImage", entry.GetProperty("__class_fullname__").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, Assert.Single(entry.GetProperty("augmentations").EnumerateArray()).ValueKind);
    }
}
