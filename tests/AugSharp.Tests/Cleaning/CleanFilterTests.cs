using AugSharp.Cleaning;
using Xunit.Abstractions;

namespace AugSharp.Tests.Cleaning;

public class CleanFilterTests(ITestOutputHelper output)
{
    private static Compose Aggressive() => new([
        new Affine { Rotate = new(-60, 60), Scale = AxisRange.Both(new(0.4, 1.3)), TranslatePercent = AxisRange.Both(new(-0.3, 0.3)), P = 1 },
    ]);

    [Fact]
    public void RejectedDrawsAreDrawnAgainGoodFirstDrawsAreUntouchedAndAllIsDeterministic()
    {
        using var photo = ImageChecksTests.Read("chelsea.png");
        var filter = new CleanFilter(Aggressive());
        int redrawn = 0;
        for (int copy = 0; copy < 12; copy++)
        {
            var filtered = filter.Run(new AnnotatedImage(photo), RandomStream.For(4, 1, copy));
            Assert.True(filtered.Accepted, string.Join("; ", filtered.Reasons.Select(r => r.Text)));
            double fill = FillFraction.FromOperations(filtered.Recipe, photo.Width, photo.Height)!.Value;
            Assert.True(fill <= filter.Thresholds.MaxFill, $"copy {copy}: fill {fill:F2}");
            output.WriteLine($"copy {copy}: {filtered.Attempts} draw(s), fill {fill:P0}{string.Concat(filtered.Rejected.Select(r => "; rejected: " + string.Join(", ", r.Select(x => x.Text))))}");

            // The recipe replays to the same pixels, and the same stream gives the same result.
            Assert.Equal(filtered.Result.Image.As<byte>().ToArray(), filtered.Recipe.Apply(new AnnotatedImage(photo)).Image.As<byte>().ToArray());
            Assert.Equal(filtered.Result.Image.As<byte>().ToArray(), filter.Run(new AnnotatedImage(photo), RandomStream.For(4, 1, copy)).Result.Image.As<byte>().ToArray());
            var plain = Aggressive().Run(new AnnotatedImage(photo), RandomStream.For(4, 1, copy)).Result.Image.As<byte>().ToArray();
            if (filtered.Attempts == 1) Assert.Equal(plain, filtered.Result.Image.As<byte>().ToArray());
            else
            {
                redrawn++;
                Assert.NotEqual(plain, filtered.Result.Image.As<byte>().ToArray());
            }
        }
        Assert.InRange(redrawn, 1, 11);
    }

    [Fact]
    public void WhenNoDrawPassesTheLastIsReturnedWithItsReasons()
    {
        using var photo = ImageChecksTests.Read("rocket.jpg");
        var filter = new CleanFilter(new Compose([ImageChecksTests.MostlyFill()]), maxAttempts: 3);
        var filtered = filter.Run(new AnnotatedImage(photo), RandomStream.For(0, 0, 0));
        Assert.False(filtered.Accepted);
        Assert.Equal(3, filtered.Attempts);
        Assert.Equal(2, filtered.Rejected.Count);
        Assert.Contains(filtered.Reasons, r => r.Check == CleanCheck.Fill && r.Text.StartsWith("fill", StringComparison.Ordinal));
    }
}
