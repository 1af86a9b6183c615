namespace AugSharp;

/// <summary>
/// Marks a transform property that is set from C# only (image buffers, readers): it is not a file
/// parameter, so pipeline files neither read nor write it. Delegate-typed properties are code-only
/// without the mark.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class CodeOnlyAttribute : Attribute
{
}
