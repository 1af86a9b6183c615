using System.Globalization;
using AugSharp.Keras;

namespace AugSharp.Pictures;

/// <summary>Short ASCII captions of drawn operations, for preview grids.</summary>
public static class TransformCaption
{
    /// <summary>
    /// The operations of a recipe, one short phrase each (Keras' parameters with Keras' names,
    /// other operations by name with their values); <c>identity</c> when nothing was applied.
    /// </summary>
    public static string Format(ComposeOperation recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var parts = recipe.Operations.Where(o => o is not SkippedOperation).Select(Format).ToArray();
        return parts.Length == 0 ? "identity" : string.Join("; ", parts);
    }

    /// <summary>One operation: Keras' parameters, or the name and the values that do something (<c>Rotate90 quarter_turns=1</c>); settings such as the interpolation are left out.</summary>
    public static string Format(IOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation is KerasOperation keras) return Format(keras.Parameters);
        var json = System.Text.Json.JsonSerializer.SerializeToElement(operation, OperationJson.Options);
        var values = new List<string>();
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name is "type" or "transform" or "seed" or "interpolation" or "border_mode" or "fill" or "fill_mask") continue;
            if (property.Value.ValueKind == System.Text.Json.JsonValueKind.Number
                && (property.Value.GetDouble() == 0 || (property.Name.StartsWith("scale", StringComparison.Ordinal) && property.Value.GetDouble() == 1))) continue;
            string text = property.Value.ValueKind switch
            {
                System.Text.Json.JsonValueKind.Number => F(property.Value.GetDouble()),
                System.Text.Json.JsonValueKind.True => "true",
                System.Text.Json.JsonValueKind.False => "",
                System.Text.Json.JsonValueKind.String => property.Value.GetString() ?? "",
                System.Text.Json.JsonValueKind.Array when property.Value.GetArrayLength() is > 0 and <= 8 && property.Value.EnumerateArray().All(v => v.ValueKind == System.Text.Json.JsonValueKind.Number)
                    => "[" + string.Join(",", property.Value.EnumerateArray().Select(v => F(v.GetDouble()))) + "]",
                System.Text.Json.JsonValueKind.Array when property.Value.GetArrayLength() > 0 => property.Value.GetArrayLength().ToString(CultureInfo.InvariantCulture),
                _ => "",
            };
            if (text.Length > 0) values.Add($"{property.Name}={text}");
        }
        return values.Count == 0 ? operation.Name : operation.Name + " " + string.Join(' ', values);
    }

    private static string F(double v) => v.ToString(Math.Abs(v) >= 10 || v == Math.Round(v) ? "0.#" : "0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The non-identity parameters of <paramref name="parameters"/> with Keras' names, for example
    /// <c>theta=-37.2 zx=0.91 zy=1.05 flip_h</c>; <c>identity</c> when nothing changes.
    /// </summary>
    public static string Format(KerasTransformParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        static string F(double v) => v.ToString(Math.Abs(v) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
        var parts = new List<string>();
        if (parameters.Theta != 0) parts.Add("theta=" + F(parameters.Theta));
        if (parameters.Tx != 0) parts.Add("tx=" + F(parameters.Tx));
        if (parameters.Ty != 0) parts.Add("ty=" + F(parameters.Ty));
        if (parameters.Shear != 0) parts.Add("shear=" + F(parameters.Shear));
        if (parameters.Zx != 1) parts.Add("zx=" + F(parameters.Zx));
        if (parameters.Zy != 1) parts.Add("zy=" + F(parameters.Zy));
        if (parameters.FlipHorizontal) parts.Add("flip_h");
        if (parameters.FlipVertical) parts.Add("flip_v");
        if (parameters.ChannelShiftIntensity is double cs) parts.Add("channel_shift=" + F(cs));
        if (parameters.Brightness is double b) parts.Add("brightness=" + F(b));
        return parts.Count == 0 ? "identity" : string.Join(' ', parts);
    }
}
