using System.Globalization;
using CsvHelper;

namespace OpportunityScoring.Ledger;

/// <summary>
/// Reads outcomes from files: a CSV (<c>opportunityId, result, closedOn[, competitor, finalPrice, note]</c>) or a
/// Salesforce Opportunity export (<c>Id, IsClosed, IsWon, CloseDate[, Amount]</c>: a closed row is won or lost, an
/// open row is skipped). A row that cannot be read is an error naming its line and field; the others are read.
/// </summary>
public static class OutcomeFiles
{
    private static readonly CsvReaderOptions Options = new() { Separator = ',', HasHeader = true, SkipEmptyLines = true, FormatProvider = CultureInfo.InvariantCulture };

    /// <summary>Reads the outcomes of a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="salesforce">A Salesforce Opportunity export rather than the outcomes CSV.</param>
    /// <param name="errors">The rows that cannot be read: <c>line N, field: what is wrong</c>.</param>
    /// <returns>The outcomes read.</returns>
    /// <exception cref="LedgerException">The file cannot be read, or its header lacks a column it needs.</exception>
    public static IReadOnlyList<OutcomeDraft> Read(string path, bool salesforce, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var outcomes = new List<OutcomeDraft>();
        try
        {
            using var stream = File.OpenRead(path);
            using var csv = CsvReader.Create(stream, Options, leaveOpen: false);
            var header = csv.Headers.Select(h => h.Trim()).ToList();
            var required = salesforce ? new[] { "Id", "IsClosed", "IsWon", "CloseDate" } : ["opportunityId", "result", "closedOn"];
            var missing = required.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0)
            {
                throw new LedgerException($"{Path.GetFileName(path)}: the header has no {string.Join(", ", missing)} column ({(salesforce ? "a Salesforce Opportunity export" : "an outcomes CSV")} needs {string.Join(", ", required)}).");
            }

            var line = 1;
            while (csv.Read())
            {
                line++;
                string? Get(string name)
                {
                    var i = header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
                    return i >= 0 && i < csv.FieldCount && csv.GetString(i) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
                }

                var draft = salesforce ? Salesforce(Get, line, problems) : Plain(Get, line, problems);
                if (draft is not null)
                {
                    outcomes.Add(draft);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            throw new LedgerException($"Cannot read {path}: {e.Message}", e);
        }

        errors = problems;
        return outcomes;
    }

    private static OutcomeDraft? Plain(Func<string, string?> get, int line, List<string> errors)
    {
        var id = get("opportunityId");
        var ok = Check(id is not null, line, "opportunityId", "is empty", errors);
        var result = default(OutcomeResult);
        ok &= Check(LoopWords.TryRead(get("result"), out result), line, "result", $"'{get("result")}' is not won, lost, noBid or withdrawn", errors);
        ok &= Check(Day(get("closedOn"), out var closed), line, "closedOn", $"'{get("closedOn")}' is not a day yyyy-MM-dd", errors);
        decimal? price = null;
        if (get("finalPrice") is { } p)
        {
            ok &= Check(decimal.TryParse(p, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v >= 0, line, "finalPrice", $"'{p}' is not an amount", errors);
            price = v;
        }

        return ok ? new OutcomeDraft(id!, result, closed) { Competitor = get("competitor"), FinalPrice = price, Note = get("note"), Source = "csv" } : null;
    }

    private static OutcomeDraft? Salesforce(Func<string, string?> get, int line, List<string> errors)
    {
        if (!Flag(get("IsClosed")))
        {
            return null; // still open: no outcome yet
        }

        var id = get("Id");
        var ok = Check(id is not null, line, "Id", "is empty", errors);
        var date = get("CloseDate");
        ok &= Check(Day(date is { Length: >= 10 } ? date[..10] : date, out var closed), line, "CloseDate", $"'{date}' is not a date", errors);
        decimal? amount = get("Amount") is { } a && decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;
        var won = Flag(get("IsWon"));
        return ok ? new OutcomeDraft(id!, won ? OutcomeResult.Won : OutcomeResult.Lost, closed) { FinalPrice = won ? amount : null, Source = "salesforce" } : null;
    }

    private static bool Check(bool ok, int line, string field, string message, List<string> errors)
    {
        if (!ok)
        {
            errors.Add($"line {line}, {field}: {message}");
        }

        return ok;
    }

    private static bool Day(string? text, out DateOnly day) => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    private static bool Flag(string? value) => value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
