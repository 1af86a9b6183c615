using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using AugSharp.Cli.Commands;
using AugSharp.Keras;

namespace AugSharp.Cli;

/// <summary>
/// The <c>augsharp</c> command line, callable in-process: <see cref="Run"/> parses the arguments,
/// runs the command and returns the exit code (0 success, 1 failure, 2 usage error, 130 cancelled).
/// </summary>
public static class AugSharpCli
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code when something failed (a missing or corrupt file, a file that could not be written).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a usage error (an unknown option, a value out of range, no command).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// Runs <c>augsharp</c> with <paramref name="args"/>, writing results to <paramref name="output"/>
    /// and errors to <paramref name="error"/>; <paramref name="cancellationToken"/> stops a running
    /// command cleanly (exit code <see cref="Cancelled"/>).
    /// </summary>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var context = new CliContext(output, error, cancellationToken);
        var verbose = new Option<bool>("--verbose") { Description = "Show full error details (stack traces).", Recursive = true };
        var root = BuildRoot(context, verbose);
        var parse = root.Parse(args);
        bool showDetails = args.Contains("--verbose");
        try
        {
            if (parse.Action is not HelpWithExamples && UnknownOption(parse) is string unknown)
            {
                error.WriteLine("error: " + DescribeUnknownOption(parse, unknown));
                return UsageError;
            }
            if (parse.Action is ParseErrorAction)
            {
                error.WriteLine("error: " + DescribeParseError(parse));
                return UsageError;
            }
            if (parse.Action is HelpWithExamples) return WriteHelp(parse, output, error);
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("error: cancelled");
            return Cancelled;
        }
        catch (Exception e)
        {
            var (code, message) = Describe(e);
            error.WriteLine("error: " + message);
            if (showDetails) error.WriteLine(e.ToString());
            return code;
        }
        finally
        {
            output.Flush();
            error.Flush();
        }
    }

    private static int WriteHelp(ParseResult parse, TextWriter output, TextWriter error)
    {
        using var text = new StringWriter();
        int code = parse.Invoke(new InvocationConfiguration { Output = text, Error = error, EnableDefaultExceptionHandler = false });
        string exe = RootCommand.ExecutableName;
        foreach (string line in text.ToString().Split('\n'))
        {
            string fixedLine = line.TrimEnd('\r');
            if (fixedLine.StartsWith("  " + exe, StringComparison.Ordinal)) fixedLine = "  augsharp" + fixedLine[(2 + exe.Length)..];
            output.WriteLine(fixedLine);
        }
        return code;
    }

    private static string DescribeParseError(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        string name = CommandPath(parse.CommandResult);
        if (command is RootCommand && parse.UnmatchedTokens.FirstOrDefault() is string typed && !typed.StartsWith('-'))
        {
            string? near = Spelling.Closest(typed, command.Subcommands.Select(c => c.Name), maxDistance: 2);
            string hint = near is not null ? $"; did you mean '{near}'?" : "";
            return $"unknown command '{typed}'{hint} (see 'augsharp --help')";
        }
        string message = parse.Errors[0].Message.TrimEnd('.');
        var match = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'$");
        if (match.Success)
        {
            string kind = match.Groups[3].Value switch
            {
                "System.UInt64" => "a whole number, 0 or more",
                "System.Int32" or "System.Nullable`1[System.Int32]" => "a whole number",
                "System.Boolean" => "true or false",
                var t => "a value of type " + t,
            };
            message = $"{match.Groups[2].Value} must be {kind}, got '{match.Groups[1].Value}'";
        }
        return $"{message} (see '{name} --help')";
    }

    /// <summary>"augsharp stego hide" for a subcommand, "augsharp info" for a command, "augsharp" for the root.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null && r.Command is not RootCommand; r = r.Parent as System.CommandLine.Parsing.CommandResult) names.Insert(0, r.Command.Name);
        return string.Join(' ', names.Prepend("augsharp"));
    }

    private static string? UnknownOption(ParseResult parse)
    {
        string? unmatched = parse.UnmatchedTokens.FirstOrDefault(t => t.StartsWith("--", StringComparison.Ordinal));
        if (unmatched is not null) return unmatched;
        foreach (var argument in parse.CommandResult.Command.Arguments)
        {
            var token = parse.GetResult(argument)?.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal));
            if (token is not null) return token.Value;
        }
        return null;
    }

    private static string DescribeUnknownOption(ParseResult parse, string unknown)
    {
        var command = parse.CommandResult.Command;
        string name = CommandPath(parse.CommandResult);
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
        string? near = Spelling.Closest(unknown, names);
        string hint = near is not null ? $"; did you mean {near}?" : "";
        return $"unknown option '{unknown}' for '{name}'{hint} (see '{name} --help')";
    }

    private static (int Code, string Message) Describe(Exception e) => e switch
    {
        // Work done in parallel (preview cells, batch items) fails once per item: one message says it.
        AggregateException a when a.Flatten().InnerExceptions.Count > 0 => Describe(a.Flatten().InnerExceptions[0]),
        UsageException u => (UsageError, u.Message),
        AugSharp.Datasets.AugmentOutputConflictException c => (UsageError, c.Message),
        GeneratorConfigException g => (UsageError, g.Message),
        PipelineFormatException pf => (UsageError, pf.Message),
        ImageFormatException f => (Failure, f.Message),
        InvalidDataException data => (UsageError, data.Message),
        FormatException bad => (Failure, bad.Message),
        FileNotFoundException nf => (Failure, nf.Message),
        DirectoryNotFoundException dn => (Failure, dn.Message),
        UnauthorizedAccessException ua => (Failure, ua.Message),
        IOException io => (Failure, io.Message),
        _ => (Failure, $"{e.Message} ({e.GetType().Name}; run with --verbose for details)"),
    };

    private static RootCommand BuildRoot(CliContext context, Option<bool> verbose)
    {
        var root = new RootCommand("augsharp: Keras ImageDataGenerator augmentation from the command line. Preview grids, a demo report, deterministic batch augmentation.");
        root.Add(verbose);
        var examples = new Dictionary<Command, string[]>
        {
            [root] =
            [
                "augsharp demo",
                "augsharp preview cat.jpg --rotation-range 40 --zoom-range 0.8,1.2 --horizontal-flip --captions",
                "augsharp augment data/train out/train --pipeline pipeline.yaml --copies 5 --seed 42",
                "augsharp generate data/train data/train-aug --pipeline pipeline.yaml --copies 5 --split train=0.8,val=0.2",
                "augsharp info cat.jpg",
                "augsharp bench --compare opencv.json",
            ],
        };
        foreach (var (command, commandExamples) in new (Command, string[])[]
        {
            DemoCommand.Create(context),
            PreviewCommand.Create(context),
            AugmentCommand.Create(context),
            GenerateCommand.Create(context),
            MergeCommand.Create(context),
            ReplayCommand.Create(context),
            InfoCommand.Create(context),
            TransformsCommand.Create(context),
            BenchCommand.Create(context),
            StegoCommand.Create(context),
            CleanCommand.Create(context),
            EnhanceCommand.Create(context),
            CompareCommand.Create(context),
            StudioCommand.Create(context),
        })
        {
            root.Add(command);
            examples[command] = commandExamples;
            foreach (var sub in command.Subcommands)
                examples[sub] = commandExamples.Where(e => e.Contains($" {command.Name} {sub.Name} ", StringComparison.Ordinal)).ToArray();
        }
        root.SetAction(parse =>
        {
            // No command: the help, as a usage error.
            WriteHelp(root.Parse(["--help"]), context.Out, context.Error);
            return UsageError;
        });
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithExamples((HelpAction)help.Action!, examples);
        return root;
    }

    private sealed class HelpWithExamples(HelpAction inner, IReadOnlyDictionary<Command, string[]> examples) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int code = inner.Invoke(parseResult);
            if (examples.TryGetValue(parseResult.CommandResult.Command, out var lines))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (string line in lines) output.WriteLine("  " + line);
                output.WriteLine();
            }
            return code;
        }
    }
}
