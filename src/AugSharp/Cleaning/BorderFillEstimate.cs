using AugSharp.Pictures;

namespace AugSharp.Cleaning;

/// <summary>
/// Estimates, from the pixels alone, the fraction of an image made by a mirrored (reflect,
/// reflect-101) or replicated (edge) border fill, for images whose operations are not known (no
/// manifest). A geometric augmentation moves the source to a parallelogram of the output (a
/// rectangle for shifts, zooms and rotations); a reflected border is the source mirrored about the
/// lines of its edges, and a replicated border is its edge pixels drawn out along the edge's normal.
/// So the fill shows as <i>mirror lines</i> (the image symmetric about a line all the way to the
/// image's border) and <i>streak lines</i> (the image constant along the normal from a line to the
/// border), at the source's edges and so at one angle and its right angle.
/// </summary>
/// <remarks>
/// The luminance is shrunk to at most <see cref="AnalysisSide"/> pixels and, for each candidate
/// angle (every 3 degrees over a quarter turn on a 64-pixel copy, then the best one to a degree), resampled so that lines at
/// that angle are columns and rows. Each row votes for the centres about which it is symmetric up
/// to the nearer end of the row (compared within a tolerance that grows with the local gradient, so
/// that JPEG and resampling pass), and for the end of a constant run that starts at the row's end.
/// Only rows with texture vote (a flat sky is symmetric about every point): a line is kept when at
/// least <see cref="MinRowFraction"/> of the textured rows that cross it vote for it, and a streak
/// line only when its streaks differ from each other (a replicated edge carries the edge's texture;
/// a real flat area does not). The source is then the rectangle between the streak lines and the
/// widest gap between consecutive mirror lines (a reflected border repeats the source as often as
/// it needs: any of the copies may be taken for it), and the estimate is the fraction of the image
/// outside it, at the angle whose lines have the most votes. Real photos have no line symmetric to
/// the border over most of its textured rows, so they estimate 0; a missed line makes the estimate
/// smaller, never larger.
/// </remarks>
public static class BorderFillEstimate
{
    /// <summary>The longest side of the luminance the estimate works on.</summary>
    public const int AnalysisSide = 128;

    /// <summary>The smallest fraction of the textured rows crossing a line that must vote for it.</summary>
    public const double MinRowFraction = 0.6;

    /// <summary>The smallest number of voting rows for a line, as a fraction of the analysed image's shorter side.</summary>
    private const double MinRowsFraction = 0.25;

    /// <summary>The narrowest fill strip seen, as a fraction of the analysed image's shorter side (a row votes for a mirror line only with this many pairs up to the border).</summary>
    private const double MinStripFraction = 0.06;

    /// <summary>Largest difference of two mirrored pixels (levels), before the allowance for the local gradient.</summary>
    private const float MirrorTolerance = 4f;

    /// <summary>Largest difference from the border pixel within a streak (levels).</summary>
    private const float StreakTolerance = 3f;

    /// <summary>Smallest mean variation along a compared segment (levels per pixel) for a row to count as textured.</summary>
    private const float MinTexture = 1.5f;

    /// <summary>Smallest mean difference between the streaks of consecutive voting rows (levels).</summary>
    private const float MinStreakTexture = 1.5f;

    /// <summary>The fraction of <paramref name="gray"/> (one 8-bit channel) made by a mirrored or replicated border fill, estimated; 0 when no such border is seen.</summary>
    public static double Estimate(ImageBuffer<byte> gray)
    {
        ArgumentNullException.ThrowIfNull(gray);
        if (gray.Channels != 1) throw new ArgumentException("The estimate works on one channel.", nameof(gray));
        if (Math.Min(gray.Width, gray.Height) < 16) return 0;
        // The angles are searched on a small copy, then the best ones (and 0) measured on the analysis copy.
        var coarse = Pixels(gray, CoarseSide);
        var candidates = new List<(int Degrees, long Votes)>();
        for (int degrees = 0; degrees < 90; degrees += CoarseStep)
        {
            var (_, votes) = Analyse(Frame.Rotated(coarse.Values, coarse.Width, coarse.Height, degrees), coarse.Width, coarse.Height);
            if (votes > 0) candidates.Add((degrees, votes));
        }
        var angles = new SortedSet<int> { 0 };
        foreach (var (degrees, _) in candidates.OrderByDescending(c => c.Votes).Take(1))
            for (int d = degrees - 1; d <= degrees + 1; d++) angles.Add(((d % 90) + 90) % 90);
        var fine = Pixels(gray, AnalysisSide);
        double best = 0;
        long bestVotes = 0;
        foreach (int degrees in angles)
        {
            var (fill, votes) = Analyse(Frame.Rotated(fine.Values, fine.Width, fine.Height, degrees), fine.Width, fine.Height);
            if (votes > bestVotes) (best, bestVotes) = (fill, votes);
        }
        return best;
    }

    /// <summary>The side of the copy the angles are searched on.</summary>
    private const int CoarseSide = 64;

    /// <summary>The step between the angles searched on the small copy, in degrees.</summary>
    private const int CoarseStep = 3;

    private static (float[] Values, int Width, int Height) Pixels(ImageBuffer<byte> gray, int side)
    {
        using var shrunk = Math.Max(gray.Width, gray.Height) > side ? PictureResize.Fit(gray, side) : null;
        var g = shrunk ?? gray;
        var values = new float[g.Width * g.Height];
        for (int y = 0; y < g.Height; y++)
        {
            var row = g.GetRow(y);
            for (int x = 0; x < g.Width; x++) values[y * g.Width + x] = row[x];
        }
        return (values, g.Width, g.Height);
    }



    /// <summary>The estimate at one angle and the votes of its lines.</summary>
    private static (double Fill, long Votes) Analyse(Frame frame, int width, int height)
    {
        int shorter = Math.Min(width, height);
        int minRows = Math.Max(6, (int)(shorter * MinRowsFraction)), minPairs = Math.Max(4, (int)(shorter * MinStripFraction));
        var columns = Lines(frame, minRows, minPairs);
        var transposed = frame.Transpose();
        var rows = Lines(transposed, minRows, minPairs);
        if (columns.Votes == 0 && rows.Votes == 0) return (0, 0);
        var (x0, x1) = Interval(columns, frame.MinIndex(), frame.MaxIndex());
        var (y0, y1) = Interval(rows, transposed.MinIndex(), transposed.MaxIndex());
        long valid = 0, inside = 0;
        for (int y = 0; y < frame.Height; y++)
            for (int x = 0; x < frame.Width; x++)
            {
                if (float.IsNaN(frame.Values[y * frame.Width + x])) continue;
                valid++;
                if (x + 0.5 > x0 && x + 0.5 < x1 && y + 0.5 > y0 && y + 0.5 < y1) inside++;
            }
        return valid == 0 ? (0, 0) : (1 - inside / (double)valid, columns.Votes + rows.Votes);
    }

    /// <summary>
    /// The source's interval along one axis (pixel indices, as boundaries between pixels: [start, end]):
    /// within the streak lines, the widest gap between consecutive mirror lines.
    /// </summary>
    private static (double Start, double End) Interval(LineSet lines, int first, int last)
    {
        double start = first, end = last;
        foreach (double p in lines.StreaksBefore) start = Math.Max(start, p);
        foreach (double p in lines.StreaksAfter) end = Math.Min(end, p);
        var cuts = lines.Mirrors.Where(p => p > start + 1 && p < end - 1).Order().Prepend(start).Append(end).ToList();
        double bestStart = start, bestEnd = end, width = -1;
        for (int i = 0; i + 1 < cuts.Count; i++)
            if (cuts[i + 1] - cuts[i] > width) (bestStart, bestEnd, width) = (cuts[i], cuts[i + 1], cuts[i + 1] - cuts[i]);
        return (bestStart, bestEnd);
    }

    /// <summary>
    /// Lines along the columns of a frame, as positions in pixel units (a mirror line at 10 lies on
    /// pixel 10, one at 10.5 between pixels 10 and 11; a streak line lies between the streak's last
    /// pixel and the source's first).
    /// </summary>
    private sealed record LineSet(List<double> Mirrors, List<double> StreaksBefore, List<double> StreaksAfter, long Votes);

    private static LineSet Lines(Frame frame, int minRows, int minPairs)
    {
        int n = frame.Width, slots = 2 * n + 2;
        var mirrorVotes = new int[slots];
        var mirrorTested = new int[slots];
        var mirrorLast = new int[slots];
        var before = new Streaks(slots);
        var after = new Streaks(slots);
        Array.Fill(mirrorLast, -1);
        var variation = new float[n + 1];
        var allowance = new float[n];
        for (int r = 0; r < frame.Height; r++)
        {
            var (lo, hi) = frame.Range(r);
            if (hi - lo + 1 < 2 * minPairs + 2) continue;
            var a = frame.Values.AsSpan(r * n, n);
            // variation[i] = sum of |a[j+1] - a[j]| for lo <= j < i.
            variation[lo] = 0;
            for (int i = lo; i < hi; i++) variation[i + 1] = variation[i] + Math.Abs(a[i + 1] - a[i]);
            // The difference a mirrored pixel may have: the tolerance and half the larger step to its neighbours
            // (a mirror line between the analysis pixels shifts each pair by up to half a pixel).
            for (int i = lo; i <= hi; i++)
            {
                float step = Math.Max(i > lo ? Math.Abs(a[i] - a[i - 1]) : 0, i < hi ? Math.Abs(a[i + 1] - a[i]) : 0);
                allowance[i] = MirrorTolerance + 0.5f * step;
            }

            // Mirror lines: centre m2 / 2; pairs (i - t, j + t) up to the nearer end of the row.
            for (int m2 = 2 * lo + 1; m2 <= 2 * hi - 1; m2++)
            {
                int i = (m2 - 1) / 2, j = m2 / 2 + 1;
                if ((m2 & 1) == 1) j = i + 1;
                int pairs = Math.Min(i - lo + 1, hi - j + 1);
                if (pairs < minPairs) continue;
                float texture = variation[i] - variation[i - pairs + 1] + variation[j + pairs - 1] - variation[j];
                if (texture < MinTexture * 2 * (pairs - 1)) continue;
                mirrorTested[m2]++;
                int fails = 0, t = 0;
                for (; t < pairs; t++)
                {
                    if (Math.Abs(a[i - t] - a[j + t]) > Math.Max(allowance[i - t], allowance[j + t]) && ++fails > 1 + t / 10) break;
                }
                if (t < pairs) continue;
                // A line slightly off the angle moves by a pixel along its length: the vote covers its neighbours.
                for (int s = Math.Max(0, m2 - 2); s <= Math.Min(slots - 1, m2 + 2); s++)
                    if (mirrorLast[s] != r) { mirrorLast[s] = r; mirrorVotes[s]++; }
            }

            // Streak lines: a constant run from each end of the row. A row whose run ends before a
            // slot is evidence against a line there; one whose run goes on past it (a flat source) says nothing.
            int e = lo;
            while (e < hi && Math.Abs(a[e + 1] - a[lo]) <= StreakTolerance) e++;
            before.Against(Math.Max(2 * e + 4, 2 * (lo + minPairs) - 1), 2 * (hi - minPairs) + 1);
            if (e - lo + 1 >= minPairs && e <= hi - minPairs) before.Vote(2 * e + 1, r, a[lo]);
            int b = hi;
            while (b > lo && Math.Abs(a[b - 1] - a[hi]) <= StreakTolerance) b--;
            after.Against(2 * (lo + minPairs) - 1, Math.Min(2 * b - 4, 2 * (hi - minPairs) + 1));
            if (hi - b + 1 >= minPairs && b >= lo + minPairs) after.Vote(2 * b - 1, r, a[hi]);
        }

        long votes = 0;
        var mirrors = new List<double>();
        foreach (int m2 in Peaks(mirrorVotes, s => mirrorVotes[s] >= minRows && mirrorVotes[s] >= MinRowFraction * mirrorTested[s]))
        {
            mirrors.Add(m2 / 2.0 + 0.5);
            votes += mirrorVotes[m2];
        }
        var streaksBefore = new List<double>();
        foreach (int m2 in Peaks(before.Votes, s => before.Accepts(s, minRows)))
        {
            streaksBefore.Add(m2 / 2.0 + 0.5);
            votes += before.Votes[m2];
        }
        var streaksAfter = new List<double>();
        foreach (int m2 in Peaks(after.Votes, s => after.Accepts(s, minRows)))
        {
            streaksAfter.Add(m2 / 2.0 + 0.5);
            votes += after.Votes[m2];
        }
        return new LineSet(mirrors, streaksBefore, streaksAfter, votes);
    }

    /// <summary>The accepted slots that are local maxima of the votes within 3 slots (the first of equal ones).</summary>
    private static IEnumerable<int> Peaks(int[] votes, Func<int, bool> accepted)
    {
        for (int s = 0; s < votes.Length; s++)
        {
            if (!accepted(s)) continue;
            bool peak = true;
            for (int d = -3; d <= 3 && peak; d++)
            {
                int o = s + d;
                if (d == 0 || o < 0 || o >= votes.Length) continue;
                if (votes[o] > votes[s] || (votes[o] == votes[s] && d < 0 && accepted(o))) peak = false;
            }
            if (peak) yield return s;
        }
    }

    /// <summary>Votes for the streak lines on one side of the rows: per slot, the voting rows, the rows against, and how much consecutive streaks differ.</summary>
    private sealed class Streaks(int slots)
    {
        public int[] Votes { get; } = new int[slots];
        private readonly int[] _crossing = new int[slots + 1];
        private readonly int[] _last = Enumerable.Repeat(-1, slots).ToArray();
        private readonly float[] _lastValue = new float[slots];
        private readonly float[] _difference = new float[slots];
        private readonly int[] _differences = new int[slots];

        /// <summary>A row that is evidence against a streak line at any slot from <paramref name="from"/> to <paramref name="to"/>.</summary>
        public void Against(int from, int to)
        {
            from = Math.Max(0, from);
            to = Math.Min(slots - 1, to);
            if (from > to) return;
            _crossing[from]++;
            _crossing[to + 1]--;
        }

        public void Vote(int slot, int row, float value)
        {
            for (int s = Math.Max(0, slot - 2); s <= Math.Min(slots - 1, slot + 2); s++)
            {
                if (_last[s] == row) continue;
                if (_last[s] >= 0)
                {
                    _difference[s] += Math.Abs(value - _lastValue[s]);
                    _differences[s]++;
                }
                _last[s] = row;
                _lastValue[s] = value;
                Votes[s]++;
            }
        }

        private int[]? _crossingTotals;

        public bool Accepts(int slot, int minRows)
        {
            if (Votes[slot] < minRows || _differences[slot] == 0) return false;
            if (_crossingTotals is null)
            {
                _crossingTotals = new int[slots];
                int running = 0;
                for (int s = 0; s < slots; s++) _crossingTotals[s] = running += _crossing[s];
            }
            int against = _crossingTotals[slot];
            return Votes[slot] >= MinRowFraction * (Votes[slot] + against) && _difference[slot] / _differences[slot] >= MinStreakTexture;
        }
    }

    /// <summary>The luminance resampled so that lines at an angle are columns: NaN outside the image.</summary>
    private sealed class Frame
    {
        private Frame(float[] values, int width, int height)
        {
            Values = values;
            Width = width;
            Height = height;
        }

        public float[] Values { get; }
        public int Width { get; }
        public int Height { get; }

        /// <summary>The image turned by <paramref name="degrees"/> about its centre, bilinear, in a frame that holds all of it.</summary>
        public static Frame Rotated(float[] pixels, int w, int h, int degrees)
        {
            if (degrees == 0) return new Frame(pixels, w, h);
            double a = degrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
            int fw = (int)Math.Ceiling(w * c + h * s), fh = (int)Math.Ceiling(w * s + h * c);
            var values = new float[fw * fh];
            double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, fcx = (fw - 1) / 2.0, fcy = (fh - 1) / 2.0;
            for (int v = 0; v < fh; v++)
            {
                double dv = v - fcy;
                for (int u = 0; u < fw; u++)
                {
                    double du = u - fcx;
                    double x = cx + du * c - dv * s, y = cy + du * s + dv * c;
                    if (x < 0 || y < 0 || x > w - 1 || y > h - 1) { values[v * fw + u] = float.NaN; continue; }
                    int x0 = Math.Min((int)x, w - 2), y0 = Math.Min((int)y, h - 2);
                    float fx = (float)(x - x0), fy = (float)(y - y0);
                    int i = y0 * w + x0;
                    float top = pixels[i] + fx * (pixels[i + 1] - pixels[i]);
                    float bottom = pixels[i + w] + fx * (pixels[i + w + 1] - pixels[i + w]);
                    values[v * fw + u] = top + fy * (bottom - top);
                }
            }
            return new Frame(values, fw, fh);
        }

        public Frame Transpose()
        {
            var values = new float[Values.Length];
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++) values[x * Height + y] = Values[y * Width + x];
            return new Frame(values, Height, Width);
        }

        /// <summary>The first and last valid index of a row (a rotated rectangle meets a row in one run); (0, -1) for none.</summary>
        public (int Lo, int Hi) Range(int row)
        {
            var span = Values.AsSpan(row * Width, Width);
            int lo = 0, hi = Width - 1;
            while (lo <= hi && float.IsNaN(span[lo])) lo++;
            while (hi >= lo && float.IsNaN(span[hi])) hi--;
            return lo > hi ? (0, -1) : (lo, hi);
        }

        /// <summary>The smallest valid column index (as a boundary).</summary>
        public int MinIndex()
        {
            int min = Width;
            for (int r = 0; r < Height; r++) { var (lo, hi) = Range(r); if (hi >= lo) min = Math.Min(min, lo); }
            return min;
        }

        /// <summary>The boundary after the largest valid column index.</summary>
        public int MaxIndex()
        {
            int max = 0;
            for (int r = 0; r < Height; r++) { var (lo, hi) = Range(r); if (hi >= lo) max = Math.Max(max, hi + 1); }
            return max;
        }
    }
}
