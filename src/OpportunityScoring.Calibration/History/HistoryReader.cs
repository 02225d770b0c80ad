using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CsvHelper;

namespace OpportunityScoring.Calibration.History;

/// <summary>
/// Reads a won/lost CSV history through a <see cref="HistoryMapping"/> (CsvHelper: RFC 4180 quoting, header by name)
/// into contract <see cref="Opportunity"/> objects with their outcome. Every row must fit the mapping: a missing column,
/// an unmapped value or an unknown outcome stops the read with a message naming the row and column (no row is dropped
/// silently). A <c>.zip</c> file is read through its single CSV member.
/// </summary>
public static class HistoryReader
{
    /// <summary>Reads a history file (<c>.csv</c>, or a <c>.zip</c> holding exactly one CSV file).</summary>
    /// <param name="path">The file.</param>
    /// <param name="mapping">The mapping.</param>
    /// <returns>The closed opportunities, in file order.</returns>
    /// <exception cref="HistoryFormatException">The file does not fit the mapping.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static IReadOnlyList<ClosedOpportunity> ReadFile(string path, HistoryMapping mapping) => ReadFileWithReport(path, mapping).Opportunities;

    /// <summary>Reads a history file (<c>.csv</c>, or a <c>.zip</c> holding exactly one CSV file), with what was skipped and what did not parse.</summary>
    /// <param name="path">The file.</param>
    /// <param name="mapping">The mapping.</param>
    /// <returns>The opportunities, the skipped rows and unparsed cells, and the source cells.</returns>
    /// <exception cref="HistoryFormatException">The file does not fit the mapping.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HistoryReadResult ReadFileWithReport(string path, HistoryMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(mapping);
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var archive = ZipFile.OpenRead(path);
            var members = archive.Entries.Where(e => e.Length > 0 && e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
            if (members.Count != 1)
            {
                throw new HistoryFormatException($"{Path.GetFileName(path)}: expected exactly one .csv member in the zip, found {members.Count}");
            }

            using var entry = members[0].Open();
            using var zipped = new StreamReader(entry);
            return ReadWithReport(zipped, mapping);
        }

        using var reader = new StreamReader(path);
        return ReadWithReport(reader, mapping);
    }

    /// <summary>Reads a history from CSV text.</summary>
    /// <param name="reader">The CSV text, header first.</param>
    /// <param name="mapping">The mapping.</param>
    /// <returns>The closed opportunities, in file order.</returns>
    /// <exception cref="HistoryFormatException">The text does not fit the mapping.</exception>
    public static IReadOnlyList<ClosedOpportunity> Read(TextReader reader, HistoryMapping mapping) => ReadWithReport(reader, mapping).Opportunities;

    /// <summary>Reads a history from CSV text, with what was skipped and what did not parse.</summary>
    /// <param name="reader">The CSV text, header first.</param>
    /// <param name="mapping">The mapping.</param>
    /// <returns>The opportunities, the skipped rows and unparsed cells, and the source cells.</returns>
    /// <exception cref="HistoryFormatException">The text does not fit the mapping.</exception>
    public static HistoryReadResult ReadWithReport(TextReader reader, HistoryMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(mapping);
        var options = new CsvReaderOptions
        {
            Separator = mapping.Delimiter,
            HasHeader = true,
            TrimWhitespace = true,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            MalformedData = CsvMalformedDataHandling.Throw,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        var hasRow = csv.Read();
        var header = csv.Headers;
        if (header is null || header.Count == 0)
        {
            throw new HistoryFormatException("the history is empty: expected a header row");
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        var derived = mapping.Derived.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var sources = SourceColumns(mapping);
        var needed = sources.Select(s => s.Column).Append(mapping.OutcomeColumn)
            .Concat(mapping.IdColumn is null ? [] : [mapping.IdColumn]);
        var missing = needed.Where(c => !index.ContainsKey(c)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new HistoryFormatException($"the history lacks the column(s) {string.Join(", ", missing)} that mapping '{mapping.Name}' needs (header: {string.Join(", ", header)})");
        }

        var won = new HashSet<string>(mapping.WonValues, StringComparer.OrdinalIgnoreCase);
        var lost = new HashSet<string>(mapping.LostValues, StringComparer.OrdinalIgnoreCase);
        var skip = new HashSet<string>(mapping.SkippedValues, StringComparer.OrdinalIgnoreCase);
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var unparsed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var cells = new List<string[]>();
        var result = new List<ClosedOpportunity>();
        var dateColumns = mapping.Columns.Where(c => c.Kind == CellKind.Date).DistinctBy(c => c.Column).ToList();
        DateOnly? first = null, last = null;
        string Cell(string column) => derived.TryGetValue(column, out var d) ? d.Compute(Cell) : csv.GetString(index[column]) ?? string.Empty;
        void Unparsed(string column) => unparsed[column] = unparsed.GetValueOrDefault(column) + 1;
        long row = 0;
        try
        {
            for (; hasRow; hasRow = csv.Read())
            {
                row++;
                var outcome = csv.GetString(index[mapping.OutcomeColumn])?.Trim() ?? string.Empty;
                var isWon = won.Contains(outcome);
                if (!isWon && !lost.Contains(outcome))
                {
                    if (skip.Contains(outcome) || mapping.SkipOtherOutcomes)
                    {
                        skipped[outcome] = skipped.GetValueOrDefault(outcome) + 1;
                        continue;
                    }

                    throw new HistoryFormatException($"row {row}, column {mapping.OutcomeColumn}: outcome '{outcome}' is neither won ({string.Join(", ", mapping.WonValues)}) nor lost ({string.Join(", ", mapping.LostValues)}); list it in the mapping's outcome.skip to skip such rows (they are counted), or set outcome.skipOthers");
                }

                var id = mapping.IdColumn is null ? mapping.IdPrefix + row.ToString(CultureInfo.InvariantCulture) : mapping.IdPrefix + csv.GetString(index[mapping.IdColumn]);
                var amount = mapping.PlaceholderAmount;
                double? known = null;
                if (mapping.AmountColumn is not null)
                {
                    var cell = Cell(mapping.AmountColumn);
                    if (CellValue.TryNumber(cell, CellKind.Money, out var a) && a * mapping.AmountFactor is var scaled && scaled is > 0 and < 1e15)
                    {
                        known = scaled;
                        amount = (decimal)Math.Round(scaled, 2);
                        amount = amount > 0 ? amount : mapping.PlaceholderAmount;
                    }
                    else if (cell.Trim().Length > 0 && !(CellValue.TryNumber(cell, CellKind.Money, out var z) && z == 0))
                    {
                        Unparsed(mapping.AmountColumn); // not a number: the placeholder stands in, and it is counted
                    }
                }

                var json = mapping.BuildRow(id, amount, Cell, row, Unparsed);
                var record = RecordReader.ReadRecord(JsonSerializer.SerializeToElement(json), (int)row - 1);
                if (record.Opportunity is null)
                {
                    throw new HistoryFormatException($"row {row}: the mapped opportunity is not valid: {string.Join("; ", record.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
                }

                result.Add(new ClosedOpportunity(record.Opportunity, isWon) { Segment = mapping.SegmentOf(Cell), Amount = known });
                cells.Add([.. sources.Select(s => Cell(s.Column))]);
                foreach (var c in dateColumns)
                {
                    if (CellValue.TryDate(Cell(c.Column), c.DateFormat, out var date))
                    {
                        first = first is { } f && f <= date ? f : date;
                        last = last is { } l && l >= date ? l : date;
                    }
                }
            }
        }
        catch (FormatException e) when (e is CsvFormatException or CsvValidationException)
        {
            throw new HistoryFormatException($"row {row}: the CSV cannot be read: {e.Message}", e);
        }

        return new HistoryReadResult(result, skipped, unparsed, [.. sources.Select(s => s.Column)], [.. sources.Select(s => s.Numeric)], cells)
        {
            FirstDate = first,
            LastDate = last,
        };
    }

    // The file's columns the mapping reads (derived columns are replaced by their inputs), each once, in mapping order.
    private static List<(string Column, bool Numeric)> SourceColumns(HistoryMapping mapping)
    {
        var derived = mapping.Derived.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var result = new List<(string Column, bool Numeric)>();
        void Add(string column, bool numeric)
        {
            if (derived.TryGetValue(column, out var d))
            {
                foreach (var input in d.Inputs)
                {
                    Add(input, true);
                }

                return;
            }

            if (!result.Any(r => r.Column == column))
            {
                result.Add((column, numeric));
            }
        }

        foreach (var c in mapping.Columns)
        {
            Add(c.Column, c.Kind != CellKind.Value);
        }

        if (mapping.AmountColumn is not null)
        {
            Add(mapping.AmountColumn, true);
        }

        foreach (var column in mapping.SegmentColumns)
        {
            Add(column, false);
        }

        return result;
    }
}
