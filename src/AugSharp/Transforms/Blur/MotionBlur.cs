namespace AugSharp;

/// <summary>
/// A motion blur (Albumentations' MotionBlur; default p = 0.5): a line of taps through a square
/// kernel of odd size from <c>blur_limit</c>, at an angle from <see cref="AngleRange"/>
/// (degrees), biased forward or backward by a direction from <see cref="DirectionRange"/>, and
/// shifted off centre when <see cref="AllowShifted"/>. The normalised kernel is applied with
/// reflect101 borders (<c>cv2.filter2D</c>); each channel on its own; float32 images in 0..1.
/// </summary>
[TransformCategory("blur")]
public sealed class MotionBlur : OddKernelTransform<MotionBlurOperation>
{
    /// <summary>Whether the line may be shifted off the kernel's centre. Default true.</summary>
    public bool AllowShifted { get; init; } = true;

    /// <summary>The line's angles in degrees, within [0, 360]. Default [0, 360].</summary>
    public ValueRange AngleRange { get; init; } = new(0, 360);

    /// <summary>The bias along the line, within [-1, 1]: -1 backward only, 0 both ways, 1 forward only. Default [-1, 1].</summary>
    public ValueRange DirectionRange { get; init; } = new(-1, 1);

    /// <inheritdoc />
    protected override MotionBlurOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        int size = DrawKernelSize(rng);
        double angle = AngleRange.Check(nameof(AngleRange), 0, 360).Draw(rng);
        double direction = DirectionRange.Check(nameof(DirectionRange), -1, 1).Draw(rng);
        double shiftX = 0, shiftY = 0;
        if (AllowShifted)
        {
            shiftX = rng.Uniform(-1, 1) * (size / 2) / 2.0;
            shiftY = rng.Uniform(-1, 1) * (size / 2) / 2.0;
        }
        return new MotionBlurOperation { Kernel = size, Angle = angle, Direction = direction, ShiftX = shiftX, ShiftY = shiftY };
    }
}

/// <summary>A motion blur: the line kernel rebuilt from its size, angle, direction and shift.</summary>
public sealed record MotionBlurOperation : Operation
{
    /// <summary>The odd kernel size.</summary>
    public int Kernel { get; init; } = 3;

    /// <summary>The line's angle in degrees (counter-clockwise from the x axis, y pointing down as in the kernel's rows).</summary>
    public double Angle { get; init; }

    /// <summary>The bias along the line, -1..1.</summary>
    public double Direction { get; init; }

    /// <summary>The line's shift in kernel columns.</summary>
    public double ShiftX { get; init; }

    /// <summary>The line's shift in kernel rows.</summary>
    public double ShiftY { get; init; }

    /// <summary>The kernel: ones on the line's taps (2·size points along the line, rounded half to even and clipped), normalised to sum 1.</summary>
    public float[] BuildKernel()
    {
        int k = Kernel, center = k / 2, length = k / 2, points = 2 * k;
        var kernel = new float[k * k];
        double rad = Angle * Math.PI / 180, dx = Math.Cos(rad), dy = Math.Sin(rad);
        for (int i = 0; i < points; i++)
        {
            double t = -length + (points == 1 ? 0 : 2.0 * length * i / (points - 1));
            if (Direction != 0)
            {
                t *= 1 + Math.Abs(Direction);
                if (Direction < 0) t = -t;
            }
            int x = (int)Math.Clamp(Math.Round(center + dx * t + ShiftX), 0, k - 1);
            int y = (int)Math.Clamp(Math.Round(center + dy * t + ShiftY), 0, k - 1);
            kernel[y * k + x] = 1;
        }
        float sum = kernel.Sum();
        if (sum == 0)
        {
            kernel[center * k + center] = 1;
            sum = 1;
        }
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= sum;
        return kernel;
    }

    /// <inheritdoc />
    protected override ImageBuffer<T> ApplyToPixels<T>(ImageBuffer<T> image) => BlurSampling.Convolve(image, BuildKernel(), Kernel);
}
