namespace AugSharp;

/// <summary>The crop rectangles of the box-safe crops: a random rectangle that holds the union of the boxes.</summary>
internal static class BoxSafeCrop
{
    /// <summary>
    /// A rectangle holding every box and oriented box (<see cref="TransformContext.EnclosingBoxes"/>: their union shrunk by <paramref name="erosionRate"/> of its
    /// size), each edge drawn uniformly between the union's edge and the image's; without boxes, a
    /// rectangle of (1 - erosion rate) of the image at a uniform place, as Albumentations does.
    /// </summary>
    public static (int X, int Y, int Width, int Height) Draw(RandomStream rng, TransformContext context, double erosionRate)
    {
        if (!(erosionRate >= 0 && erosionRate < 1)) throw new ArgumentException("erosion_rate must be in [0, 1).");
        int w = context.Width, h = context.Height;
        var boxes = context.EnclosingBoxes;
        if (boxes.Count == 0)
        {
            int cw = Math.Max(1, (int)(w * (1 - erosionRate))), ch = Math.Max(1, (int)(h * (1 - erosionRate)));
            return (rng.NextInt(w - cw + 1), rng.NextInt(h - ch + 1), cw, ch);
        }
        double bx1 = boxes.Min(b => b.X1), by1 = boxes.Min(b => b.Y1);
        double bx2 = boxes.Max(b => b.X2), by2 = boxes.Max(b => b.Y2);
        double ex = (bx2 - bx1) * erosionRate / 2, ey = (by2 - by1) * erosionRate / 2;
        int ux1 = Math.Clamp((int)Math.Floor(bx1 + ex), 0, w - 1), uy1 = Math.Clamp((int)Math.Floor(by1 + ey), 0, h - 1);
        int ux2 = Math.Clamp((int)Math.Ceiling(bx2 - ex), ux1 + 1, w), uy2 = Math.Clamp((int)Math.Ceiling(by2 - ey), uy1 + 1, h);
        int x1 = rng.NextInt(ux1 + 1), y1 = rng.NextInt(uy1 + 1);
        int x2 = rng.NextInt(ux2, w + 1), y2 = rng.NextInt(uy2, h + 1);
        return (x1, y1, x2 - x1, y2 - y1);
    }
}
