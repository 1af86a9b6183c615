using AugSharp.Datasets;

namespace AugSharp.Tests.Datasets;

public class AugmentRunnerTests
{
    [Theory]
    [InlineData("cat.png", 0, "cat_aug0.png")]
    [InlineData("dogs/rex.jpg", 2, "dogs/rex_aug2.jpg")]
    [InlineData("anim.gif", 1, "anim_aug1.png")]
    public void OutputNamesAreDeterministic(string input, int copy, string expected)
        => Assert.Equal(expected, AugmentRunner.OutputName(input, copy));

    [Fact]
    public void InputsAreImageFilesSortedOrdinally()
    {
        string dir = Path.Combine(Path.GetTempPath(), "augsharp-runner-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "b"));
            foreach (string f in new[] { "b/z.png", "a.JPG", "B.png", "notes.txt", "b/a.webp" }) File.WriteAllText(Path.Combine(dir, f), "");
            Assert.Equal(["B.png", "a.JPG", "b/a.webp", "b/z.png"], AugmentRunner.FindInputs(dir));
            Assert.Throws<FileNotFoundException>(() => AugmentRunner.FindInputs(Path.Combine(dir, "missing")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CopiesMustBePositive()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentRunner(new AugSharp.Keras.ImageDataGenerator(), new AugmentOptions { Copies = 0 }));
}
