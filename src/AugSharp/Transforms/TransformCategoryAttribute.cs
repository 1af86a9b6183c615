namespace AugSharp;

/// <summary>The catalogue category of a transform (geometric, crops, resize, color, blur, noise, ...), as <c>augsharp transforms</c> lists it.</summary>
/// <param name="category">The category's name, lower case.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TransformCategoryAttribute(string category) : Attribute
{
    /// <summary>The category's name.</summary>
    public string Category { get; } = category;
}

/// <summary>Marks a range parameter whose single-number form in a file means [-x, x] (Albumentations' <c>*_limit</c> parameters).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SymmetricScalarAttribute : Attribute
{
}
