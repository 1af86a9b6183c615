namespace AugSharp.Datasets;

/// <summary>Exception messages as one line for error reports (an image error without the file name it repeats).</summary>
internal static class ErrorText
{
    /// <summary>The first line of <paramref name="e"/>'s message; for an <see cref="ImageFormatException"/> that starts with its file name, the part after it.</summary>
    public static string OneLine(Exception e)
    {
        string message = e is ImageFormatException ife && ife.FileName is not null && e.Message.StartsWith(ife.FileName, StringComparison.Ordinal)
            ? e.Message[(ife.FileName.Length + 1)..].Trim()
            : e.Message;
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline >= 0 ? message[..newline] : message;
    }
}
