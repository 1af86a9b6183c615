namespace AugSharp.Cli;

/// <summary>The entry point of the <c>augsharp</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns its exit code.</summary>
    public static int Main(string[] args) => AugSharpCli.Run(args, Console.Out, Console.Error);
}
