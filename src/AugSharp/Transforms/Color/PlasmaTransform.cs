namespace AugSharp;

/// <summary>The base of the transforms that follow a plasma fractal (PlasmaBrightnessContrast, PlasmaShadow): the fractal's size and roughness.</summary>
/// <typeparam name="TOperation">The operation record.</typeparam>
public abstract class PlasmaTransform<TOperation> : Transform<TOperation>
    where TOperation : IOperation
{
    private readonly int _plasmaSize = 256;
    private readonly double _roughness = 3;

    /// <summary>The largest side of the fractal's grid (1 or more); an image with a larger side gets the grid enlarged bilinearly. Default 256.</summary>
    public int PlasmaSize
    {
        get => _plasmaSize;
        init => _plasmaSize = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(PlasmaSize), value, "plasma_size must be at least 1.");
    }

    /// <summary>How much fine detail the fractal keeps, above 0: the noise of each finer level shrinks by 2^(−1/roughness), so below 1 gives smooth patterns, about 2 to 3 natural ones and larger values grainy ones. Default 3.</summary>
    public double Roughness
    {
        get => _roughness;
        init => _roughness = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Roughness), value, "roughness must be above 0.");
    }
}
