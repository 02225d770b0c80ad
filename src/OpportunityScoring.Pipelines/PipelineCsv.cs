using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CsvHelper;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// Reads and writes opportunities in the flat CSV layout (docs/csv-layout.md): a header row of contract paths
/// (<c>id</c>, <c>stage</c>, <c>budget.amount</c>, …), one opportunity per row, empty cells unknown. Each row is
/// checked like a JSON record (<see cref="RecordReader.ReadRecord"/>), so its errors name the same fields. A cell that
/// is not valid UTF-8 (<see cref="PipelineText"/>), a non-empty cell beyond the header and a row over the record limit
/// are errors of their row.
/// </summary>
internal static class PipelineCsv
{
    internal static CsvReaderOptions ReaderOptions { get; } = new()
    {
        Separator = ',',
        HasHeader = true,
        SkipEmptyLines = true,
        FormatProvider = CultureInfo.InvariantCulture,
        MaxRecordSize = Limits.CsvRowBytes,
        OnMalformedRecord = static record =>
        {
            // A stray quote inside a cell is kept as text (CsvHelper recovers it); a quote that is never closed would
            // swallow every later row into one cell, so reading stops there, naming the record.
            if (record.Reason == CsvMalformedReason.UnterminatedQuote)
            {
                throw new PipelineFormatException($"The CSV cannot be read at record {record.RecordNumber}: a quoted cell opened there is never closed, so every later row would be read into it; close the quote.");
            }
        },
    };

    internal static CsvWriterOptions WriterOptions { get; } = new()
    {
        Separator = ',',
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>The layout's column headers, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = CsvLayout.Columns.Select(c => c.Path).ToArray();

    /// <summary>Opens a CSV file in the flat layout for streaming.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The stream of records (dispose it).</returns>
    /// <exception cref="PipelineFormatException">The file has no header row or no <c>id</c> column.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PipelineSource OpenFile(string path) => Open(PipelineStreamReader.OpenRead(path));

    /// <summary>Opens CSV in the flat layout for streaming. Columns not in the layout are ignored.</summary>
    /// <param name="stream">CSV with a header row, in UTF-8 (a byte order mark is fine) or UTF-16 with a byte order mark.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records (no <c>asOf</c>: CSV carries none).</returns>
    /// <exception cref="PipelineFormatException">No header row, no <c>id</c> column, or a column named twice.</exception>
    public static PipelineSource Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var csv = CsvReader.Create(PipelineText.Utf8(stream), ReaderOptions, leaveOpen: true);
        string[] header;
        try
        {
            header = Header(csv, "The CSV");
        }
        catch (PipelineFormatException)
        {
            Close(csv, stream, leaveOpen);
            throw;
        }

        var columns = header.Select(h => CsvLayout.TryGet(h, out var p, out var k) ? new Column(p, k, true) : new Column(p, k, false)).ToArray();
        if (!columns.Any(c => c.Path == "id"))
        {
            Close(csv, stream, leaveOpen);
            throw new PipelineFormatException($"The CSV has no 'id' column; the header must name contract paths (id, stage, expectedContractAmount, …; see docs/csv-layout.md). Found: {string.Join(", ", header.Take(8))}");
        }

        return new PipelineSource(stream, leaveOpen, null, _ => ReadRows(csv, columns));
    }

    /// <summary>
    /// The header of a CSV, any column of which named twice (ignoring case and spaces around) makes the file unusable:
    /// which of the two was meant? A reader that ignores the column today might read it tomorrow.
    /// </summary>
    internal static string[] Header(CsvReader csv, string what)
    {
        string[] header;
        try
        {
            header = [.. csv.Headers];
        }
        catch (CsvFormatException e)
        {
            throw new PipelineFormatException($"{what}'s header cannot be read: {e.Message}", e);
        }

        var twice = header
            .Select(h => CsvLayout.TryGet(h, out var path, out _) ? (Key: path, Header: h) : (Key: h.Trim(), Header: h))
            .Where(c => c.Key.Length > 0)
            .GroupBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Count() > 1);
        return twice is null
            ? header
            : throw new PipelineFormatException($"{what} names the column '{twice.Key}' twice ({string.Join(", ", twice.Select(c => c.Header))}): keep one (which of the two was meant?).");
    }

    private static void Close(CsvReader csv, Stream stream, bool leaveOpen)
    {
        csv.Dispose();
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private static IEnumerable<SizedRecord> ReadRows(CsvReader csv, Column[] columns)
    {
        using (csv)
        {
            using var duplicates = new DuplicateIds();
            var id = Array.FindIndex(columns, c => c.Path == "id");
            var index = 0;
            while (Next(csv))
            {
                var size = RowBytes(csv);
                var record = size > Limits.RecordBytes
                    ? new PipelineRecord(index, null, [Limits.Oversized(Text(csv, id), index, size, "row")])
                    : ReadRow(csv, columns, Text(csv, id), index);
                yield return new SizedRecord(duplicates.Check(record), size);
                index++;
            }
        }
    }

    private static PipelineRecord ReadRow(CsvReader csv, Column[] columns, string? id, int index)
    {
        var root = new JsonObject();
        List<InputError>? errors = null;
        void Error(string field, string message) => (errors ??= []).Add(new InputError(id, index, field, message));

        for (var i = 0; i < columns.Length && i < csv.FieldCount; i++)
        {
            if (!columns[i].Known || csv.IsEmpty(i))
            {
                continue;
            }

            if (!Utf8.IsValid(csv.GetSpan(i)))
            {
                Error(columns[i].Path, NotText(columns[i].Path));
                continue;
            }

            var cell = csv.GetString(i);
            if (string.IsNullOrWhiteSpace(cell))
            {
                continue;
            }

            var value = CsvLayout.Value(cell, columns[i].Kind, out var problem);
            if (problem is not null)
            {
                Error(columns[i].Path, $"{columns[i].Path} {problem}");
                continue;
            }

            CsvLayout.Set(root, columns[i].Path, value);
        }

        ExtraCells(csv, columns.Length, Error);
        return errors is null ? ReadNode(root, index) : new PipelineRecord(index, null, errors);
    }

    /// <summary>A non-empty cell beyond the header is an error of its row: a comma not quoted has shifted its cells.</summary>
    internal static void ExtraCells(CsvReader csv, int columns, Action<string, string> error)
    {
        for (var i = columns; i < csv.FieldCount; i++)
        {
            if (!csv.IsEmpty(i) && !string.IsNullOrWhiteSpace(csv.GetString(i)))
            {
                error("(record)", $"the row has {csv.FieldCount} cells but the header names {columns} columns: cell {i + 1} has no column (a comma inside a cell that is not quoted?); quote the cell or name the column");
                return;
            }
        }
    }

    /// <summary>The row's bytes in the input (its cells and separators).</summary>
    internal static int RowBytes(CsvReader csv)
    {
        long bytes = Math.Max(0, csv.FieldCount - 1);
        for (var i = 0; i < csv.FieldCount; i++)
        {
            bytes += csv.GetRawSpan(i).Length;
        }

        return (int)Math.Min(bytes, int.MaxValue);
    }

    /// <summary>A cell as normalised text when it is short valid UTF-8 (an id for the errors), else <see langword="null"/>.</summary>
    internal static string? Text(CsvReader csv, int column) =>
        column >= 0 && column < csv.FieldCount && csv.GetSpan(column) is { Length: > 0 and <= 4096 } span && Utf8.IsValid(span)
            ? RecordReader.NormalizeId(csv.GetString(column))
            : null;

    /// <summary>The error of a cell that is not valid text.</summary>
    internal static string NotText(string column) =>
        $"{column} is not valid text: it holds bytes that are not valid UTF-8 (or, in a UTF-16 file, a lone surrogate); correct it at the source";

    internal static bool Next(CsvReader csv)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException e) when (e.Message.Contains("MaxRecordSize", StringComparison.Ordinal))
        {
            throw new PipelineFormatException($"The CSV cannot be read at record {e.RecordNumber}: the row is longer than {Limits.Bytes(Limits.CsvRowBytes)}, and CSV gives no safe way to find where such a row ends (an unclosed quote looks the same); a row over {Limits.Bytes(Limits.RecordBytes)} is rejected, one this long makes the file unusable.", e);
        }
        catch (CsvFormatException e)
        {
            throw new PipelineFormatException($"The CSV cannot be read at record {e.RecordNumber}: {e.Message}", e);
        }
    }

    /// <summary>Reads the record built from a row's cells; whatever cannot be turned into the contract's JSON is an error of the row.</summary>
    internal static PipelineRecord ReadNode(JsonObject root, int index)
    {
        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(root, ContractJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            var id = root["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? RecordReader.NormalizeId(s) : null;
            return new PipelineRecord(index, null, [new InputError(id, index, "(record)", $"the row cannot be read: {RecordReader.FirstSentence(e.Message)}")]);
        }

        return RecordReader.ReadRecord(element, index);
    }

    /// <summary>A column of the header: its contract path (or its header, when not in the layout) and kind.</summary>
    private sealed record Column(string Path, CsvKind Kind, bool Known);

    /// <summary>Writes opportunities in the flat layout (header row first), one row per opportunity, streaming.</summary>
    /// <param name="opportunities">The opportunities.</param>
    /// <param name="output">Where to write (UTF-8, left open).</param>
    /// <returns>The number of rows written.</returns>
    public static long Write(IEnumerable<Opportunity> opportunities, Stream output)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        ArgumentNullException.ThrowIfNull(output);
        using var csv = CsvWriter.Create(output, WriterOptions, leaveOpen: true);
        foreach (var (path, _) in CsvLayout.Columns)
        {
            csv.WriteField(path);
        }

        csv.EndRecord();
        long rows = 0;
        foreach (var opportunity in opportunities)
        {
            var element = JsonSerializer.SerializeToElement(opportunity, OpportunityJson.Writing);
            foreach (var (path, kind) in CsvLayout.Columns)
            {
                csv.WriteField(CsvLayout.Cell(element, path, kind));
            }

            csv.EndRecord();
            rows++;
        }

        return rows;
    }
}
