using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// Keeps the rectangle (<paramref name="X"/>, <paramref name="Y"/>, <paramref name="CropWidth"/>,
/// <paramref name="CropHeight"/>) and resizes it to <paramref name="Width"/> x <paramref name="Height"/>
/// with the resize kernel (masks with nearest-neighbour unless <see cref="MaskInterpolation"/> says otherwise).
/// </summary>
/// <param name="X">Left column of the crop.</param>
/// <param name="Y">Top row of the crop.</param>
/// <param name="CropWidth">Columns of the crop.</param>
/// <param name="CropHeight">Rows of the crop.</param>
/// <param name="Width">Output columns.</param>
/// <param name="Height">Output rows.</param>
/// <param name="Interpolation">Interpolation of the image.</param>
public sealed record CropAndResizeOperation(int X, int Y, int CropWidth, int CropHeight, int Width, int Height, Interpolation Interpolation = Interpolation.Linear)
    : GeometricOperation
{
    private CropOperation CropPart => new(X, Y, CropWidth, CropHeight);

    private ResizeOperation ResizePart => new(Width, Height, Interpolation) { MaskInterpolationMode = MaskInterpolationMode };

    /// <summary>Interpolation of the masks: nearest (the default) keeps their labels; another one resizes them as images.</summary>
    [JsonPropertyName("mask_interpolation")]
    public Interpolation MaskInterpolationMode { get; init; } = Interpolation.Nearest;

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation MaskInterpolation => MaskInterpolationMode;


    /// <inheritdoc />
    [JsonIgnore]
    public override Fusion Fusion => Fusion.None;

    /// <inheritdoc />
    [JsonIgnore]
    public override Interpolation? ImageInterpolation => Interpolation;

    /// <inheritdoc />
    [JsonIgnore]
    public override BorderMode? ImageBorder => null;

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input)
        => ResizePart.GetMatrix(new ImageShape(CropHeight, CropWidth, input.Channels)) * CropPart.GetMatrix(input);

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (Width, Height);

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CropPart.CheckFits(input.Shape);
        ImageBuffer View(ImageBuffer b) => b.CropView(X, Y, CropWidth, CropHeight);
        var views = new AnnotatedImage(View(input.Image), input.Masks.Select(View).ToArray(), additionalImages: input.AdditionalImages.Select(View).ToArray());
        try
        {
            var resized = ResizePart.Apply(views);
            var m = GetMatrix(input.Shape);
            return resized.With(boxes: MoveBoxes(input.Boxes, m), keypoints: MoveKeypoints(input.Keypoints, m), orientedBoxes: MoveOrientedBoxes(input.OrientedBoxes, m));
        }
        finally
        {
            foreach (var view in views.Buffers) view.Dispose();
        }
    }
}
