namespace AugSharp.Cli.Tests;

public class HelpTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("preview")]
    [InlineData("augment")]
    [InlineData("info")]
    [InlineData("enhance")]
    [InlineData("compare")]
    public void EveryCommandHasHelpWithExamples(string command)
    {
        var result = CliRunner.Run(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"augsharp {command}", result.Out);
        Assert.Contains("Examples:", result.Out);
        Assert.Contains($"  augsharp {command} ", result.Out.Split("Examples:")[1]);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public void RootHelpListsTheCommandsAndExamples()
    {
        var result = CliRunner.Run("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string command in new[] { "demo", "preview", "augment", "info" }) Assert.Contains(command, result.Out);
        Assert.Contains("Usage:\n  augsharp [command] [options]", result.Out.Replace("\r\n", "\n"));
        Assert.Contains("Examples:", result.Out);
    }

    [Fact]
    public void NoArgumentsShowsHelp()
    {
        var result = CliRunner.Run();
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Commands:", result.Out);
    }

    [Fact]
    public void PreviewHelpNamesEveryGeneratorOption()
    {
        var result = CliRunner.Run("preview", "--help");
        foreach (string key in AugSharp.Keras.GeneratorConfig.Keys)
            Assert.Contains("--" + key.Replace('_', '-'), result.Out);
    }

    [Fact]
    public void VersionPrintsTheVersion()
    {
        var result = CliRunner.Run("--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Out.Trim());
    }
}
