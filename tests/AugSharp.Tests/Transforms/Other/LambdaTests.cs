namespace AugSharp.Tests.Transforms.Other;

public class LambdaTests
{
    public LambdaTests() => TransformTestParameters.RegisterInvertLambda();

    [Fact]
    public void Code_functions_move_every_target_they_are_given()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var (_, mask) = TestImages.Blocks();
        using var __ = mask;
        var lambda = new Lambda
        {
            Functions = new LambdaFunctions
            {
                Image = TransformTestParameters.Invert,
                Mask = m => TransformTestParameters.Invert(m),
                Boxes = (boxes, shape) => boxes.Select(b => b with { X1 = 0, Label = "moved" }).ToArray(),
                Keypoints = (points, shape) => points.Select(k => k with { X = shape.Width - 1 - k.X }).ToArray(),
            },
        };
        var result = new Compose([lambda]).Apply(new AnnotatedImage(image, [mask], [new BoundingBox(2, 3, 15, 12, "a")], [new Keypoint(10, 12, 0, 1, "k")]), seed: 1, item: 0, copy: 0);
        Assert.Equal(255 - image.As<byte>()[4, 5, 1], result.Image.As<byte>()[4, 5, 1]);
        Assert.Equal(255 - mask[4, 5, 0], result.Masks[0].As<byte>()[4, 5, 0]);
        Assert.Equal(new BoundingBox(0, 3, 15, 12, "moved"), Assert.Single(result.Boxes));
        Assert.Equal(image.Width - 11, Assert.Single(result.Keypoints).X);
    }

    [Fact]
    public void A_named_lambda_goes_through_pipeline_files_and_recipes_and_an_unnamed_one_is_refused()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3);
        var named = new Compose([new Lambda { FunctionName = TransformTestParameters.InvertLambdaName }]);
        string yaml = PipelineFile.ToYaml(named);
        Assert.Contains(TransformTestParameters.InvertLambdaName, yaml, StringComparison.Ordinal);
        var loaded = PipelineFile.Parse(yaml);
        var (result, recipe) = new Compose([loaded]).Run(new AnnotatedImage(image), RandomStream.For(1, 0, 0));
        Assert.Equal(TestImages.Values(TransformTestParameters.Invert(image)), TestImages.Values(result.Image));
        var replayed = OperationJson.Deserialize(OperationJson.Serialize(recipe)).Apply(new AnnotatedImage(image));
        Assert.Equal(TestImages.Values(result.Image), TestImages.Values(replayed.Image));

        var unnamed = new Compose([new Lambda { Functions = new LambdaFunctions { Image = TransformTestParameters.Invert } }]);
        var e = Assert.Throws<NotSupportedException>(() => PipelineFile.ToYaml(unnamed));
        Assert.Contains("function_name", e.Message, StringComparison.Ordinal);
        var unnamedRecipe = unnamed.Run(new AnnotatedImage(image), RandomStream.For(1, 0, 0)).Recipe;
        var replay = Assert.Throws<InvalidOperationException>(() => OperationJson.Deserialize(OperationJson.Serialize(unnamedRecipe)).Apply(new AnnotatedImage(image)));
        Assert.Contains("without a name", replay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Albumentations_saved_form_names_the_lambda_and_an_unregistered_name_is_refused_by_name()
    {
        string saved = """
            {"__version__": "2.0.8", "transform": {"__class_fullname__": "Compose", "p": 1.0, "transforms": [
              {"__class_fullname__": "Lambda", "__name__": "augsharp_tests_invert"},
              {"__class_fullname__": "Lambda", "__name__": "nobody_registered_this"}]}}
            """;
        var pipeline = PipelineFile.Parse(saved, "saved.json");
        string written = PipelineFile.ToAlbumentationsJson(new Compose([new Lambda { FunctionName = TransformTestParameters.InvertLambdaName }]));
        Assert.Contains("\"__name__\"", written, StringComparison.Ordinal);
        Assert.DoesNotContain("function_name", written, StringComparison.Ordinal);
        using var image = TestImages.Make(PixelType.UInt8, 1);
        var e = Assert.Throws<InvalidOperationException>(() => new Compose([pipeline]).Run(new AnnotatedImage(image), RandomStream.For(1, 0, 0)));
        Assert.Contains("nobody_registered_this", e.Message, StringComparison.Ordinal);
    }
}
