using System.Globalization;
using AugSharp.Keras;

namespace AugSharp.Pictures;

/// <summary>Short ASCII captions of drawn transform parameters, for preview grids.</summary>
public static class TransformCaption
{
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
