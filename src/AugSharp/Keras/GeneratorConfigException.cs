namespace AugSharp.Keras;

/// <summary>A pipeline file or a generator argument is invalid; the message names the key.</summary>
public sealed class GeneratorConfigException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The Keras name of the argument concerned (null when the whole file is malformed).</param>
    /// <param name="problem">What is wrong, without the key.</param>
    /// <param name="source">The file name, when the value came from a file.</param>
    /// <param name="inner">The underlying parser error, if any.</param>
    public GeneratorConfigException(string? key, string problem, string? source = null, Exception? inner = null)
        : base(Compose(key, problem, source), inner)
    {
        Key = key;
        Problem = problem;
        Source = source;
    }

    /// <summary>The Keras name of the argument concerned, or null.</summary>
    public string? Key { get; }

    /// <summary>What is wrong, without the key or the file name.</summary>
    public string Problem { get; }

    /// <summary>The file name, when the value came from a file.</summary>
    public new string? Source { get; }

    private static string Compose(string? key, string problem, string? source)
    {
        string where = source is null ? "" : source + ": ";
        return key is null ? where + problem : $"{where}{key} {problem}";
    }
}
