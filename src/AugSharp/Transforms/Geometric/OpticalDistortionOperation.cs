namespace AugSharp;

/// <summary>
/// A radial distortion about (<paramref name="CenterX"/>, <paramref name="CenterY"/>): output
/// pixel (u, v) has normalised coordinates x = (u - cx) / <paramref name="ScaleX"/>, y = (v - cy) /
/// <paramref name="ScaleY"/>, r² = x² + y², and reads the source at (cx + ScaleX·x·f, cy +
/// ScaleY·y·f), with f = 1 + k r² + k r⁴ in the camera model and f = 1 + k r² in the fisheye one.
/// </summary>
/// <param name="K">The distortion coefficient.</param>
/// <param name="Mode">The lens model.</param>
/// <param name="CenterX">The centre's x, in pixel-index coordinates.</param>
/// <param name="CenterY">The centre's y.</param>
/// <param name="ScaleX">The horizontal normalisation (the focal length in x for the camera model).</param>
/// <param name="ScaleY">The vertical normalisation.</param>
public sealed record OpticalDistortionOperation(double K, OpticalDistortionMode Mode, double CenterX, double CenterY, double ScaleX, double ScaleY) : DistortionOperation
{
    /// <inheritdoc />
    public override ImageBuffer<float> GetMap(ImageShape input)
    {
        var map = ImageBuffer<float>.CreateUninitialized(input.Width, input.Height, 2);
        bool camera = Mode == OpticalDistortionMode.Camera;
        for (int v = 0; v < input.Height; v++)
        {
            var row = map.GetRow(v);
            double y = (v - CenterY) / ScaleY;
            for (int u = 0; u < input.Width; u++)
            {
                double x = (u - CenterX) / ScaleX;
                double r2 = x * x + y * y;
                double f = camera ? 1 + K * r2 + K * r2 * r2 : 1 + K * r2;
                row[2 * u] = (float)(CenterX + ScaleX * x * f);
                row[2 * u + 1] = (float)(CenterY + ScaleY * y * f);
            }
        }
        return map;
    }
}
