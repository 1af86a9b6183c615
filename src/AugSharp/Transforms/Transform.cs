namespace AugSharp;

/// <summary>
/// The base of the catalogue's transforms: it rolls <see cref="P"/> and, when the transform
/// applies, asks <see cref="SampleOperation"/> for the typed operation record. Parameters are
/// init-only properties with Albumentations' names (PascalCase here, snake_case in files).
/// </summary>
/// <typeparam name="TOperation">The operation record.</typeparam>
public abstract class Transform<TOperation> : ITransform, IForcedSampling
    where TOperation : IOperation
{
    private double _p = 0.5;

    /// <inheritdoc />
    public virtual string Name => GetType().Name;

    /// <summary>The probability of applying the transform (0..1); Albumentations' default for the transform.</summary>
    public double P
    {
        get => _p;
        init
        {
            if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(nameof(P), value, "p must be between 0 and 1.");
            _p = value;
        }
    }

    /// <inheritdoc />
    public IOperation Sample(RandomStream rng, TransformContext context)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(context);
        if (_p < 1 && !(rng.NextDouble() < _p)) return new SkippedOperation { Transform = Name };
        return Named(SampleOperation(rng, context));
    }

    /// <inheritdoc />
    IOperation IForcedSampling.SampleApplied(RandomStream rng, TransformContext context) => Named(SampleOperation(rng, context));

    private IOperation Named(TOperation operation) => operation is Operation { Transform: null } o ? o with { Transform = Name } : operation;

    /// <summary>Draws the operation for <paramref name="context"/>'s image.</summary>
    protected abstract TOperation SampleOperation(RandomStream rng, TransformContext context);
}
