using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>Keeps the rectangle (<paramref name="X"/>, <paramref name="Y"/>, <paramref name="Width"/>, <paramref name="Height"/>) of the image, in pixels.</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Columns kept.</param>
/// <param name="Height">Rows kept.</param>
public sealed record CropOperation(int X, int Y, int Width, int Height) : ExactGeometricOperation
{
    /// <inheritdoc />
    [JsonIgnore]
    public override Fusion Fusion => Fusion.RunStart;

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input) => Matrix3x3.Translation(-X, -Y);

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input) => (Width, Height);

    /// <summary>Throws unless the rectangle lies inside an image of <paramref name="input"/>.</summary>
    public void CheckFits(ImageShape input)
    {
        if (X < 0 || Y < 0 || Width <= 0 || Height <= 0 || X + Width > input.Width || Y + Height > input.Height)
            throw new ArgumentException($"The crop ({X}, {Y}, {Width}x{Height}) does not fit a {input.Width}x{input.Height} image.");
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> Move<T>(ImageBuffer<T> source)
    {
        CheckFits(source.Shape);
        using var view = source.Crop(X, Y, Width, Height);
        return view.Clone();
    }
}
