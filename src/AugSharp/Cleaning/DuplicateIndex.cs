namespace AugSharp.Cleaning;

/// <summary>
/// Groups of near-identical images by their perceptual hashes, without comparing all pairs:
/// multi-index hashing (Norouzi et al., 2012). The 64 bits are cut into four 16-bit parts; two
/// hashes within <c>d</c> bits agree to within <c>d / 4</c> bits on at least one part, so each hash
/// only meets the few others filed under its parts' near values. For 100 000 images this is
/// milliseconds of lookups per image where all pairs would be five billion comparisons.
/// </summary>
public sealed class DuplicateIndex
{
    /// <summary>The largest distance the index answers (a part's search radius of 2).</summary>
    public const int MaxDistance = 11;

    private readonly int _maxDistance;
    private readonly List<ulong> _hashes = [];
    private readonly Dictionary<ushort, List<int>>[] _parts = [new(), new(), new(), new()];

    /// <summary>An empty index for hashes within <paramref name="maxDistance"/> bits of each other.</summary>
    public DuplicateIndex(int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDistance, MaxDistance);
        _maxDistance = maxDistance;
    }

    /// <summary>Hashes added so far.</summary>
    public int Count => _hashes.Count;

    /// <summary>Adds a hash; returns its index (the order of the calls).</summary>
    public int Add(ulong hash)
    {
        int id = _hashes.Count;
        _hashes.Add(hash);
        for (int p = 0; p < 4; p++)
        {
            ushort part = (ushort)(hash >> (16 * p));
            if (!_parts[p].TryGetValue(part, out var list)) _parts[p][part] = list = [];
            list.Add(id);
        }
        return id;
    }

    /// <summary>The indices of the hashes within the distance of <paramref name="hash"/> (itself included when added), ascending.</summary>
    public IReadOnlyList<int> Near(ulong hash)
    {
        var found = new SortedSet<int>();
        int radius = _maxDistance / 4;
        for (int p = 0; p < 4; p++)
        {
            ushort part = (ushort)(hash >> (16 * p));
            foreach (ushort probe in Within(part, radius))
            {
                if (!_parts[p].TryGetValue(probe, out var list)) continue;
                foreach (int id in list)
                    if (ImageMetrics.HammingDistance(_hashes[id], hash) <= _maxDistance) found.Add(id);
            }
        }
        return [.. found];
    }

    /// <summary>
    /// The groups of near-identical hashes (connected through pairs within the distance), each
    /// ascending, the groups in the order of their first member; single hashes are left out.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Groups()
    {
        var parent = Enumerable.Range(0, _hashes.Count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        for (int i = 0; i < _hashes.Count; i++)
            foreach (int j in Near(_hashes[i]))
            {
                int a = Find(i), b = Find(j);
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        var groups = new SortedDictionary<int, List<int>>();
        for (int i = 0; i < _hashes.Count; i++)
        {
            int root = Find(i);
            if (!groups.TryGetValue(root, out var members)) groups[root] = members = [];
            members.Add(i);
        }
        return groups.Values.Where(g => g.Count > 1).Select(g => (IReadOnlyList<int>)g).ToList();
    }

    /// <summary>Every 16-bit value within <paramref name="radius"/> bits of <paramref name="value"/>.</summary>
    private static IEnumerable<ushort> Within(ushort value, int radius)
    {
        yield return value;
        if (radius < 1) yield break;
        for (int i = 0; i < 16; i++)
        {
            yield return (ushort)(value ^ (1 << i));
            if (radius < 2) continue;
            for (int j = i + 1; j < 16; j++) yield return (ushort)(value ^ (1 << i) ^ (1 << j));
        }
    }
}
