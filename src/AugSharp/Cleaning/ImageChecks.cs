namespace AugSharp.Cleaning;

/// <summary>A clean-up check.</summary>
public enum CleanCheck
{
    /// <summary>Too much of the image is border fill.</summary>
    Fill,

    /// <summary>Near-constant: too little entropy or contrast.</summary>
    Information,

    /// <summary>Mostly black or mostly white.</summary>
    Exposure,

    /// <summary>Blurred: too little Laplacian variance, alone or relative to the source.</summary>
    Blur,

    /// <summary>A detection or segmentation sample that lost all its objects.</summary>
    ObjectsLost,

    /// <summary>A near-identical copy of another image of the set.</summary>
    Duplicate,

    /// <summary>The file cannot be read as an image.</summary>
    Corrupt,
}

/// <summary>Why an image is rejected: the check, its score and the threshold it crossed.</summary>
/// <param name="Check">The check.</param>
/// <param name="Score">The image's score on the check's measure.</param>
/// <param name="Threshold">The threshold it crossed.</param>
/// <param name="Text">One line for people, for example <c>fill 0.72 &gt; 0.40</c>.</param>
public sealed record CleanReason(CleanCheck Check, double Score, double Threshold, string Text);

/// <summary>The checks on one image's measures, each usable alone.</summary>
public static class ImageChecks
{
    /// <summary>
    /// The reasons to reject an image with measures <paramref name="measures"/>: fill (the exact
    /// <paramref name="exactFill"/> when known, else the estimate), information, exposure and blur
    /// (relative to <paramref name="source"/>'s sharpness when the source is known). Empty when it passes.
    /// </summary>
    public static IReadOnlyList<CleanReason> Judge(ImageMeasures measures, CleanThresholds thresholds, ImageMeasures? source = null, double? exactFill = null)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(thresholds);
        var reasons = new List<CleanReason>();
        double fill = exactFill ?? measures.EstimatedFill;
        if (fill > thresholds.MaxFill)
            reasons.Add(new(CleanCheck.Fill, fill, thresholds.MaxFill, FormattableString.Invariant($"{(exactFill is null ? "estimated fill" : "fill")} {fill:F2} > {thresholds.MaxFill:F2}")));
        if (measures.Entropy < thresholds.MinEntropy)
            reasons.Add(new(CleanCheck.Information, measures.Entropy, thresholds.MinEntropy, FormattableString.Invariant($"entropy {measures.Entropy:F2} bits < {thresholds.MinEntropy:F2}")));
        else if (measures.StdDev < thresholds.MinStdDev)
            reasons.Add(new(CleanCheck.Information, measures.StdDev, thresholds.MinStdDev, FormattableString.Invariant($"contrast (std dev) {measures.StdDev:F1} < {thresholds.MinStdDev:F1}")));
        if (measures.DarkFraction > thresholds.MaxDark)
            reasons.Add(new(CleanCheck.Exposure, measures.DarkFraction, thresholds.MaxDark, FormattableString.Invariant($"black {measures.DarkFraction:P0} > {thresholds.MaxDark:P0}")));
        if (measures.BrightFraction > thresholds.MaxBright)
            reasons.Add(new(CleanCheck.Exposure, measures.BrightFraction, thresholds.MaxBright, FormattableString.Invariant($"white {measures.BrightFraction:P0} > {thresholds.MaxBright:P0}")));
        if (source is not null && source.Sharpness > 0)
        {
            double relative = measures.Sharpness / source.Sharpness;
            if (relative < thresholds.MinRelativeSharpness)
                reasons.Add(new(CleanCheck.Blur, relative, thresholds.MinRelativeSharpness, FormattableString.Invariant($"sharpness {relative:F2} of the source's < {thresholds.MinRelativeSharpness:F2}")));
        }
        else if (measures.Sharpness < thresholds.MinSharpness && measures.Entropy >= thresholds.MinEntropy)
            reasons.Add(new(CleanCheck.Blur, measures.Sharpness, thresholds.MinSharpness, FormattableString.Invariant($"sharpness {measures.Sharpness:F1} < {thresholds.MinSharpness:F1}")));
        return reasons;
    }

    /// <summary>
    /// A reason when <paramref name="output"/> lost every object <paramref name="source"/> had: all its
    /// boxes (or oriented boxes) fell out (or below the visibility rules), or every mask lost its last foreground pixel.
    /// Null when an object is left, or when the source had none.
    /// </summary>
    public static CleanReason? ObjectsLost(AnnotatedImage source, AnnotatedImage output)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        if (source.Boxes.Count > 0 && output.Boxes.Count == 0)
            return new(CleanCheck.ObjectsLost, 0, 1, FormattableString.Invariant($"all {source.Boxes.Count} boxes left the image"));
        if (source.OrientedBoxes.Count > 0 && output.OrientedBoxes.Count == 0)
            return new(CleanCheck.ObjectsLost, 0, 1, FormattableString.Invariant($"all {source.OrientedBoxes.Count} oriented boxes left the image"));
        if (source.Masks.Count > 0 && source.Masks.Any(HasForeground) && !output.Masks.Any(HasForeground))
            return new(CleanCheck.ObjectsLost, 0, 1, "the mask lost every foreground pixel");
        return null;
    }

    /// <summary>True when a mask has a non-zero value.</summary>
    public static bool HasForeground(ImageBuffer mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        using var bytes = PixelConversion.ToBytes(mask);
        for (int y = 0; y < bytes.Height; y++)
            if (bytes.GetRow(y).IndexOfAnyExcept((byte)0) >= 0) return true;
        return false;
    }
}
