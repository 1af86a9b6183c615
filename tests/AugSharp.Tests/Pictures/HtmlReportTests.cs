using AugSharp.Pictures;

namespace AugSharp.Tests.Pictures;

public class HtmlReportTests
{
    [Fact]
    public void ReportEscapesTextAndLinksImages()
    {
        var report = new HtmlReport("A <demo>") { Introduction = "x & y", Footer = "Photo: CC0" };
        report.Sections.Add(new HtmlReportSection("Rotation", "rotation range.png", "Turns.", ["ImageDataGenerator(rotation_range=90)"]));
        string html = report.ToHtml();
        Assert.Contains("<title>A &lt;demo&gt;</title>", html);
        Assert.Contains("x &amp; y", html);
        Assert.Contains("src=\"rotation%20range.png\"", html);
        Assert.Contains("ImageDataGenerator(rotation_range=90)", html);
        Assert.Contains("Photo: CC0", html);
    }

    [Fact]
    public void WriteLeavesNoTemporaryFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "augsharp-html-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            new HtmlReport("t").Write(Path.Combine(dir, "index.html"));
            Assert.Equal(["index.html"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void TheDemoHasTheSevenTutorialAugmentations()
    {
        Assert.Equal(
            ["rotation_range", "height_shift_range", "width_shift_range", "brightness_range", "zoom_range", "horizontal_flip", "vertical_flip"],
            DemoReport.Augmentations.Select(a => a.Name));
        Assert.Equal("ImageDataGenerator(rotation_range=90.0)", DemoReport.Augmentations[0].Config.ToKerasCall());
        Assert.Equal("ImageDataGenerator(zoom_range=[0.2, 1.0])", DemoReport.Augmentations[4].Config.ToKerasCall());
        Assert.Equal("ImageDataGenerator(brightness_range=[0.2, 1.0])", DemoReport.Augmentations[3].Config.ToKerasCall());
    }
}
