using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using nietras.SeparatedValues;

namespace AugSharp.Datasets;

/// <summary>
/// A CSV file with a header and one row per image (Keras' <c>flow_from_dataframe</c>): a path
/// column (named path, filename, file, image or filepath, else the first column), relative to
/// the CSV file's folder (absolute paths inside that folder are accepted too), a label column (named label, class or category, else the second
/// column) and any more columns. Written back as a CSV of the same name and columns, one row per
/// output image, its path relative to the new CSV's folder and the other columns kept.
/// </summary>
public static class CsvLayout
{
    private static readonly string[] PathNames = ["path", "filename", "file_name", "file", "image", "filepath", "image_path"];
    private static readonly string[] LabelNames = ["label", "class", "category", "class_name"];

    /// <summary>True when <paramref name="input"/> is a file with a .csv extension.</summary>
    public static bool Detect(string input)
        => File.Exists(input) && Path.GetExtension(input).Equals(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the rows of a CSV file; a malformed row, an unsafe or duplicate path and an unsafe label are reported and skipped.</summary>
    public sealed class Reader : DatasetReader
    {
        /// <inheritdoc />
        public override DatasetScan Scan(string input, string? excludedFolder)
        {
            ArgumentNullException.ThrowIfNull(input);
            string csv = Path.GetFullPath(input);
            string root = Path.GetDirectoryName(csv)!;
            var excluded = excludedFolder is null ? [] : ImageFolder.PathForms(Path.GetFullPath(excludedFolder));
            var items = new SortedDictionary<string, DatasetItem>(StringComparer.Ordinal);
            var rowOf = new Dictionary<string, long>(StringComparer.Ordinal);
            var errors = new List<GenerationError>();
            string[] header;
            int pathColumn, labelColumn;
            using (var reader = OpenReader(csv))
            {
                if (reader.Header.IsEmpty || reader.Header.ColNames.Count == 0)
                    throw new FormatException($"{csv}: the CSV file is empty: it needs a header row (path,label,...)");
                header = reader.Header.ColNames.ToArray();
                pathColumn = FindColumn(header, PathNames) ?? 0;
                labelColumn = FindColumn(header, LabelNames) ?? (header.Length > 1 ? (pathColumn == 1 ? 0 : 1) : -1);
                foreach (var row in reader)
                {
                    int line = row.LineNumberFrom;
                    string place = $"{csv}:{line.ToString(CultureInfo.InvariantCulture)}";
                    if (row.ColCount == 1 && row[0].Span.Trim().Length == 0) continue; // a blank line
                    if (row.ColCount != header.Length)
                    {
                        errors.Add(new GenerationError(place, $"malformed row: it has {row.ColCount} fields, the header has {header.Length}"));
                        continue;
                    }
                    var values = new string[row.ColCount];
                    for (int i = 0; i < values.Length; i++) values[i] = row[i].ToString();
                    string? key = KeyOf(values[pathColumn], root, out string reason);
                    if (key is null) { errors.Add(new GenerationError(place, reason)); continue; }
                    string? label = labelColumn >= 0 && values[labelColumn].Length > 0 ? values[labelColumn] : null;
                    if (label is not null && DatasetLayouts.LabelProblem(label) is { } problem) { errors.Add(new GenerationError(place, problem)); continue; }
                    string source = Path.GetFullPath(Path.Combine(root, key));
                    if (ImageFolder.IsUnder(source, excluded)) { errors.Add(new GenerationError(place, $"the path {key} is inside the output folder")); continue; }
                    if (rowOf.TryGetValue(key, out long first))
                    {
                        errors.Add(new GenerationError(place, $"the path {key} is already on line {first.ToString(CultureInfo.InvariantCulture)}"));
                        continue;
                    }
                    rowOf[key] = line;
                    items[key] = new DatasetItem(key, source, label, new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()));
                }
            }
            var settings = new JsonObject
            {
                ["file"] = Path.GetFileName(csv),
                ["header"] = new JsonArray(header.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()),
                ["path_column"] = pathColumn,
            };
            return new DatasetScan(root, items.Values.ToArray(), errors, settings);
        }

        /// <summary>
        /// The key (a safe path relative to <paramref name="root"/>, with <c>/</c>) of a row whose path
        /// column holds <paramref name="path"/>, as <see cref="Scan"/> reads it; null with the reason when it is unsafe.
        /// </summary>
        /// <param name="path">The value of the path column.</param>
        /// <param name="root">The CSV file's folder.</param>
        /// <param name="reason">Why the path is refused, or empty.</param>
        public static string? KeyOf(string path, string root, out string reason)
        {
            ArgumentNullException.ThrowIfNull(path);
            ArgumentNullException.ThrowIfNull(root);
            return DatasetLayouts.SafeRelativePath(UnderRoot(path, root), out reason);
        }

        /// <summary>An absolute path inside the CSV's folder as a relative one (Keras' absolute paths with <c>directory=None</c>); others as they are.</summary>
        private static string UnderRoot(string path, string root)
        {
            if (!Path.IsPathFullyQualified(path)) return path;
            string relative = Path.GetRelativePath(root, Path.GetFullPath(path));
            return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
        }

        private static int? FindColumn(string[] header, string[] names)
        {
            for (int i = 0; i < header.Length; i++)
                if (names.Contains(header[i].Trim(), StringComparer.OrdinalIgnoreCase)) return i;
            return null;
        }
    }

    /// <summary>Writes one CSV per split (or one for the output): the input's header, one row per output image.</summary>
    public sealed class Writer : DatasetWriter
    {
        private readonly string _file;
        private readonly string[] _header;
        private readonly int _pathColumn;

        /// <summary>A writer from the reader's settings (the file name, the header and the path column).</summary>
        public Writer(JsonObject settings)
        {
            ArgumentNullException.ThrowIfNull(settings);
            _file = (string?)settings["file"] ?? "labels.csv";
            _header = settings["header"]?.AsArray().Select(h => (string?)h ?? "").ToArray() ?? ["path", "label"];
            _pathColumn = (int?)settings["path_column"] ?? 0;
        }

        /// <inheritdoc />
        public override JsonNode? Annotate(DatasetItem item, AnnotatedImage output)
        {
            ArgumentNullException.ThrowIfNull(item);
            return item.Data?.DeepClone();
        }

        /// <inheritdoc />
        public override IReadOnlyList<string> WriteAggregates(string folder, string? split, IEnumerable<GenerationRecord> records)
        {
            ArgumentNullException.ThrowIfNull(folder);
            ArgumentNullException.ThrowIfNull(records);
            string prefix = split is null ? "" : split + "/";
            WriteFile(Path.Combine(folder, _file), stream => WriteRows(stream, _header, records.Select(record =>
            {
                var row = record.Annotation?.AsArray().Select(v => (string?)v ?? "").ToArray() ?? [];
                if (row.Length < _header.Length) row = [.. row, .. Enumerable.Repeat("", _header.Length - row.Length)];
                row[_pathColumn] = record.Output.StartsWith(prefix, StringComparison.Ordinal) ? record.Output[prefix.Length..] : record.Output;
                return row.Length > _header.Length ? row[.._header.Length] : row;
            })));
            return [_file];
        }
    }

    /// <summary>Opens a CSV file as the layout reads it: a header row, quoted fields unescaped, rows of any length.</summary>
    internal static SepReader OpenReader(string file) => Sep.New(',').Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true }).FromFile(file);

    /// <summary>Writes <paramref name="header"/> and <paramref name="rows"/> as the layout writes a CSV: UTF-8 without a byte-order mark, "\n" line ends, fields quoted where needed.</summary>
    internal static void WriteRows(Stream stream, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        using var csv = Sep.New(',').Writer(o => o with { Escape = true, DisableColCountCheck = true }).To(text);
        csv.Header.Add(header);
        foreach (var row in rows)
        {
            using var written = csv.NewRow();
            for (int i = 0; i < row.Length; i++) written[i].Set(row[i]);
        }
    }
}
