using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace AugSharp;

/// <summary>
/// The functions of a <see cref="Lambda"/>, one per target; a null function leaves its target as it is.
/// A function must not modify its input: it returns a new buffer or list (or the same one unchanged).
/// </summary>
public sealed record LambdaFunctions
{
    /// <summary>The image function (also applied to the additional images).</summary>
    public Func<ImageBuffer, ImageBuffer>? Image { get; init; }

    /// <summary>The mask function; the result must keep the image's height and width.</summary>
    public Func<ImageBuffer, ImageBuffer>? Mask { get; init; }

    /// <summary>The boxes function, given the boxes in pixels and the image's shape before the step.</summary>
    public Func<IReadOnlyList<BoundingBox>, ImageShape, IReadOnlyList<BoundingBox>>? Boxes { get; init; }

    /// <summary>The keypoints function, given the keypoints in pixels and the image's shape before the step.</summary>
    public Func<IReadOnlyList<Keypoint>, ImageShape, IReadOnlyList<Keypoint>>? Keypoints { get; init; }

    /// <summary>
    /// The oriented boxes function, given the oriented boxes in pixels and the image's shape before
    /// the step. When it is null but <see cref="Boxes"/> is set (the step moves boxes), an input
    /// with oriented boxes is refused: the step would leave them behind.
    /// </summary>
    public Func<IReadOnlyList<OrientedBox>, ImageShape, IReadOnlyList<OrientedBox>>? OrientedBoxes { get; init; }
}

/// <summary>
/// A user's own step (Albumentations' Lambda; default p = 1): C# functions per target, given in
/// <see cref="Functions"/>. Delegates cannot be written to a pipeline file: a Lambda that should
/// live in files has a <see cref="FunctionName"/>, and the program that reads the file registers
/// the functions under that name with <see cref="Register"/> first (Albumentations' file form,
/// <c>{"__class_fullname__": "Lambda", "__name__": NAME}</c>, reads the same way). Writing an
/// unnamed Lambda to a file is refused. The step draws nothing: a function that wants randomness
/// must bring its own, and then the pipeline is no longer reproducible from its seed.
/// </summary>
[TransformCategory("other")]
public sealed class Lambda : Transform<LambdaOperation>
{
    private static readonly ConcurrentDictionary<string, LambdaFunctions> Registered = new(StringComparer.Ordinal);

    /// <summary>Creates the transform with p = 1.</summary>
    public Lambda() => P = 1;

    /// <summary>The name the functions are registered under (<see cref="Register"/>), or null for a Lambda that lives in code only.</summary>
    public string? FunctionName { get; init; }

    /// <summary>The functions; null to use those registered under <see cref="FunctionName"/>.</summary>
    [CodeOnly]
    public LambdaFunctions? Functions { get; init; }

    /// <summary>Registers <paramref name="functions"/> under <paramref name="name"/> for pipeline files and replayed recipes (a later registration replaces an earlier one).</summary>
    public static void Register(string name, LambdaFunctions functions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(functions);
        Registered[name] = functions;
    }

    /// <summary>The functions registered under <paramref name="name"/>; throws, naming it, when there are none.</summary>
    public static LambdaFunctions Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Registered.TryGetValue(name, out var functions)
            ? functions
            : throw new InvalidOperationException($"Lambda '{name}': no functions are registered under that name; call Lambda.Register(\"{name}\", ...) before reading the pipeline.");
    }

    /// <inheritdoc />
    protected override LambdaOperation SampleOperation(RandomStream rng, TransformContext context)
    {
        if (Functions is null && FunctionName is null) throw new InvalidOperationException("Lambda has neither functions nor a function_name.");
        return new LambdaOperation { FunctionName = FunctionName, Functions = Functions ?? Resolve(FunctionName!) };
    }
}

/// <summary>
/// The step of a <see cref="Lambda"/>: its <see cref="FunctionName"/> in a recipe; the functions
/// themselves are not written, and a replayed record finds them again by name.
/// </summary>
public sealed record LambdaOperation : Operation
{
    /// <summary>The registered name of the functions, or null for code-only functions (such a record cannot be replayed from JSON).</summary>
    public string? FunctionName { get; init; }

    /// <summary>The functions (not serialised).</summary>
    [JsonIgnore]
    public LambdaFunctions? Functions { get; init; }

    private LambdaFunctions Resolved => Functions
        ?? (FunctionName is null
            ? throw new InvalidOperationException("This Lambda step held C# functions without a name; it cannot be replayed from a recipe.")
            : Lambda.Resolve(FunctionName));

    /// <inheritdoc />
    public override AnnotatedImage Apply(AnnotatedImage input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var f = Resolved;
        var image = f.Image is null ? input.Image : f.Image(input.Image);
        IReadOnlyList<ImageBuffer> masks = f.Mask is null || input.Masks.Count == 0 ? input.Masks : input.Masks.Select(f.Mask).ToArray();
        var boxes = f.Boxes is null || input.Boxes.Count == 0 ? input.Boxes : f.Boxes(input.Boxes, input.Shape);
        var keypoints = f.Keypoints is null || input.Keypoints.Count == 0 ? input.Keypoints : f.Keypoints(input.Keypoints, input.Shape);
        IReadOnlyList<ImageBuffer> others = f.Image is null || input.AdditionalImages.Count == 0 ? input.AdditionalImages : input.AdditionalImages.Select(f.Image).ToArray();
        if (input.OrientedBoxes.Count > 0 && f.OrientedBoxes is null && f.Boxes is not null)
            throw new NotSupportedException($"{Name} cannot carry oriented boxes: it has a function for boxes but none for oriented boxes.");
        var oriented = f.OrientedBoxes is null || input.OrientedBoxes.Count == 0 ? input.OrientedBoxes : f.OrientedBoxes(input.OrientedBoxes, input.Shape);
        return input.With(image, masks, boxes, keypoints, others, orientedBoxes: oriented);
    }
}
