namespace AugSharp.Tests.Randomness;

public class RandomStreamTests
{
    [Fact]
    public void Same_key_same_stream()
    {
        var a = RandomStream.For(42, 7, 3);
        var b = RandomStream.For(42, 7, 3);
        Assert.Equal(Enumerable.Range(0, 100).Select(_ => a.NextUInt64()), Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
    }

    [Fact]
    public void Neighbouring_keys_give_unrelated_streams()
    {
        var first = new HashSet<ulong>();
        for (int seed = 0; seed < 4; seed++)
            for (int item = 0; item < 50; item++)
                for (int copy = 0; copy < 5; copy++)
                    Assert.True(first.Add(RandomStream.For((ulong)seed, item, copy).NextUInt64()), $"collision at ({seed},{item},{copy})");
    }

    [Fact]
    public void Uniform_doubles_cover_the_unit_interval_evenly()
    {
        var rng = new RandomStream(1);
        var bins = new int[10];
        for (int i = 0; i < 100_000; i++)
        {
            double v = rng.NextDouble();
            Assert.InRange(v, 0, 1 - double.Epsilon);
            bins[(int)(v * 10)]++;
        }
        Assert.All(bins, b => Assert.InRange(b, 9_500, 10_500));
    }

    [Fact]
    public void Bounded_ints_are_unbiased_and_in_range()
    {
        var rng = new RandomStream(2);
        var counts = new int[3];
        for (int i = 0; i < 30_000; i++) counts[rng.NextInt(3)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_600, 10_400));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void Permutation_is_a_permutation()
    {
        var p = new RandomStream(3).Permutation(100);
        Assert.Equal(Enumerable.Range(0, 100), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), p);
    }
}
