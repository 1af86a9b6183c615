namespace AugSharp;

/// <summary>
/// An elastic deformation: output pixel (x, y) reads the source at (x + Dx, y + Dy), the
/// displacements given per pixel, row by row, for a <paramref name="Width"/> x
/// <paramref name="Height"/> image. An empty <paramref name="Dy"/> means Dy equals Dx.
/// </summary>
/// <param name="Width">The image width the fields were drawn for.</param>
/// <param name="Height">The image height the fields were drawn for.</param>
/// <param name="Dx">Horizontal displacement per pixel.</param>
/// <param name="Dy">Vertical displacement per pixel (empty: the same as <paramref name="Dx"/>).</param>
public sealed record ElasticTransformOperation(int Width, int Height, IReadOnlyList<float> Dx, IReadOnlyList<float> Dy) : DistortionOperation
{
    /// <inheritdoc />
    public override ImageBuffer<float> GetMap(ImageShape input)
    {
        CheckSize(input, Width, Height, Name);
        var dy = Dy.Count == 0 ? Dx : Dy;
        if (Dx.Count != Width * Height || dy.Count != Width * Height)
            throw new InvalidOperationException($"The {Name} fields must hold {Width * Height} values each.");
        var map = ImageBuffer<float>.CreateUninitialized(Width, Height, 2);
        for (int y = 0; y < Height; y++)
        {
            var row = map.GetRow(y);
            int offset = y * Width;
            for (int x = 0; x < Width; x++)
            {
                row[2 * x] = x + Dx[offset + x];
                row[2 * x + 1] = y + dy[offset + x];
            }
        }
        return map;
    }
}
