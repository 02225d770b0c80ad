using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// Reads and writes opportunities in the flat CSV layout (docs/csv-layout.md): a header row of contract paths
/// (<c>id</c>, <c>stage</c>, <c>budget.amount</c>, …), one opportunity per row, empty cells unknown. Each row is
/// checked like a JSON record (<see cref="RecordReader.ReadRecord"/>), so its errors name the same fields.
/// </summary>
internal static class PipelineCsv
{
    internal static CsvReaderOptions ReaderOptions { get; } = new()
    {
        Separator = ',',
        HasHeader = true,
        SkipEmptyLines = true,
        FormatProvider = CultureInfo.InvariantCulture,
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
    /// <param name="stream">UTF-8 CSV with a header row.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records (no <c>asOf</c>: CSV carries none).</returns>
    /// <exception cref="PipelineFormatException">No header row or no <c>id</c> column.</exception>
    public static PipelineSource Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var csv = CsvReader.Create(stream, ReaderOptions, leaveOpen: true);
        string[] header;
        try
        {
            header = [.. csv.Headers];
        }
        catch (CsvFormatException e)
        {
            Close(csv, stream, leaveOpen);
            throw new PipelineFormatException($"The CSV header cannot be read: {e.Message}", e);
        }

        var columns = header.Select(h => CsvLayout.TryGet(h, out var p, out var k) ? (p, k, true) : (p, k, false)).ToArray();
        if (!columns.Any(c => c.p == "id"))
        {
            Close(csv, stream, leaveOpen);
            throw new PipelineFormatException($"The CSV has no 'id' column; the header must name contract paths (id, stage, expectedContractAmount, …; see docs/csv-layout.md). Found: {string.Join(", ", header.Take(8))}");
        }

        if (columns.Where(c => c.Item3).GroupBy(c => c.p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            Close(csv, stream, leaveOpen);
            var headers = header.Where(h => CsvLayout.TryGet(h, out var p, out _) && p == twice.Key);
            throw new PipelineFormatException($"The CSV names the column '{twice.Key}' twice ({string.Join(", ", headers)}): keep one (which of the two was meant?).");
        }

        return new PipelineSource(stream, leaveOpen, null, _ => ReadRows(csv, columns));
    }

    private static void Close(CsvReader csv, Stream stream, bool leaveOpen)
    {
        csv.Dispose();
        if (!leaveOpen)
        {
            stream.Dispose();
        }
    }

    private static IEnumerable<PipelineRecord> ReadRows(CsvReader csv, (string Path, CsvKind Kind, bool Known)[] columns)
    {
        using (csv)
        {
            var duplicates = new DuplicateIds();
            var index = 0;
            while (Next(csv))
            {
                var root = new JsonObject();
                for (var i = 0; i < columns.Length; i++)
                {
                    if (!columns[i].Known)
                    {
                        continue;
                    }

                    var cell = i < csv.FieldCount ? csv.GetString(i) : null;
                    if (!string.IsNullOrWhiteSpace(cell))
                    {
                        CsvLayout.Set(root, columns[i].Path, CsvLayout.Value(cell, columns[i].Kind));
                    }
                }

                yield return duplicates.Check(ReadNode(root, index));
                index++;
            }
        }
    }

    internal static bool Next(CsvReader csv)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException e)
        {
            throw new PipelineFormatException($"The CSV cannot be read at record {e.RecordNumber}: {e.Message}", e);
        }
    }

    internal static PipelineRecord ReadNode(JsonObject root, int index)
    {
        var element = JsonSerializer.SerializeToElement(root, ContractJson.Options);
        return RecordReader.ReadRecord(element, index);
    }

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
