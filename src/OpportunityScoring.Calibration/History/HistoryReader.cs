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
    public static IReadOnlyList<ClosedOpportunity> ReadFile(string path, HistoryMapping mapping)
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
            return Read(zipped, mapping);
        }

        using var reader = new StreamReader(path);
        return Read(reader, mapping);
    }

    /// <summary>Reads a history from CSV text.</summary>
    /// <param name="reader">The CSV text, header first.</param>
    /// <param name="mapping">The mapping.</param>
    /// <returns>The closed opportunities, in file order.</returns>
    /// <exception cref="HistoryFormatException">The text does not fit the mapping.</exception>
    public static IReadOnlyList<ClosedOpportunity> Read(TextReader reader, HistoryMapping mapping)
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

        var needed = mapping.Columns.Select(c => c.Column).Append(mapping.OutcomeColumn)
            .Concat(mapping.IdColumn is null ? [] : [mapping.IdColumn])
            .Concat(mapping.AmountColumn is null ? [] : [mapping.AmountColumn]);
        var missing = needed.Where(c => !index.ContainsKey(c)).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new HistoryFormatException($"the history lacks the column(s) {string.Join(", ", missing)} that mapping '{mapping.Name}' needs (header: {string.Join(", ", header)})");
        }

        var won = new HashSet<string>(mapping.WonValues, StringComparer.OrdinalIgnoreCase);
        var lost = new HashSet<string>(mapping.LostValues, StringComparer.OrdinalIgnoreCase);
        var result = new List<ClosedOpportunity>();
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
                    throw new HistoryFormatException($"row {row}, column {mapping.OutcomeColumn}: outcome '{outcome}' is neither won ({string.Join(", ", mapping.WonValues)}) nor lost ({string.Join(", ", mapping.LostValues)})");
                }

                var id = mapping.IdColumn is null ? mapping.IdPrefix + row.ToString(CultureInfo.InvariantCulture) : mapping.IdPrefix + csv.GetString(index[mapping.IdColumn]);
                var amount = mapping.PlaceholderAmount;
                if (mapping.AmountColumn is not null
                    && decimal.TryParse(csv.GetString(index[mapping.AmountColumn]), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && a > 0)
                {
                    amount = a;
                }

                var json = mapping.BuildRow(id, amount, column => csv.GetString(index[column]) ?? string.Empty, row);
                var record = RecordReader.ReadRecord(JsonSerializer.SerializeToElement(json), (int)row - 1);
                if (record.Opportunity is null)
                {
                    throw new HistoryFormatException($"row {row}: the mapped opportunity is not valid: {string.Join("; ", record.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
                }

                result.Add(new ClosedOpportunity(record.Opportunity, isWon));
            }
        }
        catch (FormatException e) when (e is CsvFormatException or CsvValidationException)
        {
            throw new HistoryFormatException($"row {row}: the CSV cannot be read: {e.Message}", e);
        }

        return result;
    }
}
