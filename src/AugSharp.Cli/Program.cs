namespace AugSharp.Cli;

/// <summary>The entry point of the <c>augsharp</c> tool.</summary>
public static class Program
{
    /// <summary>
    /// Runs the command line and returns its exit code. The first Ctrl-C cancels the running
    /// command, which stops cleanly (exit code 130); a second one ends the process at once.
    /// </summary>
    public static int Main(string[] args)
    {
        // The tool codes one image after another: freed codec memory is kept for the next image.
        NativeHeap.KeepFreedBlocksForReuse();
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancel.IsCancellationRequested) return;
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return AugSharpCli.Run(args, Console.Out, Console.Error, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
