using Spectre.Console;

namespace AugSharp.Cli;

/// <summary>Where a run writes: plain writers for messages, a Spectre console for tables and progress.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        Out = output;
        Error = error;
        Cancellation = cancellation;
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Console_ = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) Console_.Profile.Width = 100;
        IsInteractive = terminal && Console_.Profile.Capabilities.Interactive;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public IAnsiConsole Console_ { get; }

    /// <summary>True when output goes to a terminal that shows live displays (progress bars, tables).</summary>
    public bool IsInteractive { get; }

    /// <summary>Cancelled by Ctrl-C.</summary>
    public CancellationToken Cancellation { get; }
}

/// <summary>A usage error (exit code 2): a bad option value, a bad pipeline file.</summary>
internal sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
