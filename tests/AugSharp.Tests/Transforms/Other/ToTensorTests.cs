namespace AugSharp.Tests.Transforms.Other;

public class ToTensorTests
{
    [Fact]
    public void The_image_becomes_float_with_its_values_and_a_channels_first_array()
    {
        using var image = TestImages.Make(PixelType.UInt8, 3, width: 5, height: 4);
        var toTensor = new ToTensor { TransposeMask = true };
        var mask = new ImageBuffer<byte>(5, 4, 2);
        mask[1, 2, 1] = 7;
        var result = new Compose([new HorizontalFlip { P = 1 }, toTensor]).Apply(new AnnotatedImage(image, [mask]), seed: 0, item: 0, copy: 0);
        Assert.Equal(PixelType.Float32, result.Image.PixelType);
        var (tensor, masks) = toTensor.Tensors(result);
        Assert.Equal(new[] { 3, 4, 5 }, tensor.Shape);
        // Channel 2, row 1, column 0 of the flipped image is column 4 of the input.
        Assert.Equal(image.As<byte>()[1, 4, 2], tensor.Data[2 * 20 + 1 * 5 + 0]);
        Assert.Equal(new[] { 2, 4, 5 }, masks[0].Shape);
        Assert.Equal(7, masks[0].Data[1 * 20 + 1 * 5 + 2]);
    }

    [Fact]
    public void Albumentations_ToTensorV2_reads_and_writes_under_its_own_name()
    {
        var pipeline = PipelineFile.Parse("""
            {"__version__": "2.0.8", "transform": {"__class_fullname__": "Compose", "p": 1.0, "transforms": [
              {"__class_fullname__": "Normalize", "p": 1.0},
              {"__class_fullname__": "albumentations.pytorch.transforms.ToTensorV2", "p": 1.0, "transpose_mask": false}]}}
            """, "saved.json");
        Assert.Contains("ToTensor", PipelineFile.ToYaml(pipeline), StringComparison.Ordinal);
        Assert.Contains("\"ToTensorV2\"", PipelineFile.ToAlbumentationsJson(pipeline), StringComparison.Ordinal);
    }
}
