namespace AugSharp;

/// <summary>
/// One of the 8 symmetries of the square, drawn uniformly: the identity, three quarter turns,
/// and the four mirrors (Albumentations' D4; default p = 1). On non-square images four of them
/// swap width and height.
/// </summary>
[TransformCategory("geometric")]
public sealed class D4 : Transform<D4Operation>
{
    /// <summary>A D4 transform with p = 1.</summary>
    public D4() => P = 1;

    /// <inheritdoc />
    protected override D4Operation SampleOperation(RandomStream rng, TransformContext context)
    {
        int element = rng.NextInt(8);
        return new D4Operation(element % 4, element >= 4);
    }
}

/// <summary>An element of the symmetry group of the square: an optional transposition, then <paramref name="QuarterTurns"/> counter-clockwise quarter turns.</summary>
/// <param name="QuarterTurns">0 to 3.</param>
/// <param name="Transposed">Transpose first.</param>
public sealed record D4Operation(int QuarterTurns, bool Transposed) : ExactGeometricOperation
{
    private Rotate90Operation Turn => new(QuarterTurns);

    /// <inheritdoc />
    public override Matrix3x3 GetMatrix(ImageShape input)
    {
        if (!Transposed) return Turn.GetMatrix(input);
        var transposed = new ImageShape(input.Width, input.Height, input.Channels);
        return Turn.GetMatrix(transposed) * new TransposeOperation().GetMatrix(input);
    }

    /// <inheritdoc />
    public override (int Width, int Height) GetOutputSize(ImageShape input)
        => Transposed ? Turn.GetOutputSize(new ImageShape(input.Width, input.Height, input.Channels)) : Turn.GetOutputSize(input);

    /// <inheritdoc />
    protected override ImageBuffer<T> Move<T>(ImageBuffer<T> source)
    {
        if (!Transposed) return Turn.Apply(new AnnotatedImage(source)).Image.As<T>();
        using var transposed = new TransposeOperation().Apply(new AnnotatedImage(source)).Image.As<T>();
        if (QuarterTurns % 4 == 0) return transposed.Clone();
        return Turn.Apply(new AnnotatedImage(transposed)).Image.As<T>();
    }
}
