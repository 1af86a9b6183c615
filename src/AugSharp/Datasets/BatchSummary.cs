namespace AugSharp.Datasets;

/// <summary>A file or folder that could not be augmented or listed.</summary>
/// <param name="Path">The input file (or folder).</param>
/// <param name="Message">Why, in one line.</param>
/// <param name="Copy">The copy that could not be written, or null when the whole input failed (it could not be read).</param>
public sealed record AugmentFileError(string Path, string Message, int? Copy = null);

/// <summary>Progress of a run: reported once when the work starts (<see cref="FilesDone"/> 0), then once per finished input file.</summary>
/// <param name="FilesDone">Input files finished (written or failed).</param>
/// <param name="FilesTotal">Input files found.</param>
/// <param name="File">The file just finished (the input folder or file at the start).</param>
public readonly record struct AugmentProgress(int FilesDone, int FilesTotal, string File);

/// <summary>What a run did; it matches what is on disk, copy by copy.</summary>
/// <param name="FilesFound">Input images found.</param>
/// <param name="FilesAugmented">Input images whose copies were all written.</param>
/// <param name="Outputs">Files written (every one complete), sorted.</param>
/// <param name="Errors">Inputs that could not be read, copies that could not be written and folders that could not be listed, in input order.</param>
public sealed record AugmentSummary(int FilesFound, int FilesAugmented, IReadOnlyList<string> Outputs, IReadOnlyList<AugmentFileError> Errors)
{
    /// <summary>True when nothing failed.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Copies that were not written: every copy of an input that could not be read, and each copy whose writing failed.</summary>
    public int CopiesFailed { get; init; }

    /// <summary>Folders that could not be listed (skipped; each is also in <see cref="Errors"/>).</summary>
    public int FoldersSkipped { get; init; }

    /// <summary>Things the user should know that did not stop the run, each said once (for example 16-bit images through an 8-bit step).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>An output file of a run would replace one of its inputs (or another output): nothing was written.</summary>
public sealed class AugmentOutputConflictException : ArgumentException
{
    /// <summary>Creates the exception with a one-line message naming the file.</summary>
    public AugmentOutputConflictException(string message) : base(message)
    {
    }
}
