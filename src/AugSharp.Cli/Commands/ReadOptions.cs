using System.CommandLine;
using System.Globalization;

namespace AugSharp.Cli.Commands;

/// <summary>
/// The options of the commands that read images: <c>--max-pixels N</c> (the decompression-bomb
/// limit) and <c>--allow-truncated</c> (read files that end early, with a warning on stderr).
/// </summary>
internal sealed class ReadOptions
{
    private readonly Option<long?> _maxPixels = new("--max-pixels")
    {
        HelpName = "N",
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Largest image read, in pixels (width*height); a larger one is refused from its header. Default {ImageReadOptions.DefaultMaxPixels:N0}."),
    };

    private readonly Option<bool> _allowTruncated = new("--allow-truncated")
    {
        Description = "Read an image whose file ends early (the missing part filled by the decoder) with a warning, instead of failing.",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(_maxPixels);
        command.Add(_allowTruncated);
    }

    /// <summary>The read options given on the command line; warnings go to stderr as one line each.</summary>
    public ImageReadOptions Build(ParseResult parse, CliContext context)
    {
        long? maxPixels = parse.GetValue(_maxPixels);
        if (maxPixels is < 1) throw new UsageException($"--max-pixels must be 1 or more, got {maxPixels}");
        var error = context.Error;
        return new ImageReadOptions
        {
            MaxPixels = maxPixels ?? ImageReadOptions.DefaultMaxPixels,
            AllowTruncated = parse.GetValue(_allowTruncated),
            Warning = warning =>
            {
                lock (error) error.WriteLine($"warning: {warning.ToString().TrimEnd('.')}");
            },
        };
    }
}
