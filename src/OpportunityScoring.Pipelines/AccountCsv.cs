using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using CsvHelper;
using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// The accounts CSV layout (docs/accounts.md): a header row of the account record's paths (<c>id</c>, <c>type</c>,
/// <c>relationship.status</c>, …), one account per row, its scalar fields as cells and each repeated record (revenue per
/// year, the service lists) as a JSON-array cell, as the opportunity layout carries its stakeholders. An empty cell is
/// unknown (an absent field, an absent list: not recorded); <c>[]</c> is a list recorded empty. Each row is checked like
/// a JSON account (<see cref="AccountReader.Read"/>), so its errors name the same fields; the encoding policy, the
/// per-row limits and the errors of a cell that is not text or beyond the header are those of the opportunity CSV.
/// </summary>
internal static class AccountCsv
{
    /// <summary>The columns, in order.</summary>
    public static readonly IReadOnlyList<(string Path, CsvKind Kind)> Columns =
    [
        ("id", CsvKind.Text),
        ("name", CsvKind.Text),
        ("type", CsvKind.Text),
        ("standing", CsvKind.Text),
        ("owner", CsvKind.Text),
        ("shareOfWallet", CsvKind.Number),
        ("relationship.seniorPlan", CsvKind.Text),
        ("relationship.lastSeniorVisit", CsvKind.Text),
        ("relationship.status", CsvKind.Text),
        ("revenue", CsvKind.Json),
        ("service.acceptances", CsvKind.Json),
        ("service.satisfaction", CsvKind.Json),
        ("service.complaints", CsvKind.Json),
        ("service.payments", CsvKind.Json),
        ("service.followOnOrders", CsvKind.Json),
    ];

    private static readonly Dictionary<string, (string Path, CsvKind Kind)> ByHeader =
        Columns.ToDictionary(c => c.Path, c => c, StringComparer.OrdinalIgnoreCase);

    /// <summary>What each JSON-array cell holds, for its errors.</summary>
    private static readonly Dictionary<string, string> Shapes = new(StringComparer.Ordinal)
    {
        ["revenue"] = """[{"year": 2026, "amount": 22400000}]""",
        ["service.acceptances"] = """[{"date": "2026-09-02", "result": "passed"}]""",
        ["service.satisfaction"] = """[{"date": "2026-12-15", "score": 97}]""",
        ["service.complaints"] = """[{"date": "2026-11-07", "severity": "medium", "closed": true}]""",
        ["service.payments"] = """[{"due": "2026-10-31", "paid": "2026-10-30"}]""",
        ["service.followOnOrders"] = """[{"date": "2026-08-12", "amount": 3200000}]""",
    };

    /// <summary>
    /// Reads an accounts CSV row by row. A row's index is <paramref name="first"/> plus its position among the data
    /// rows; when other accounts were read before (<paramref name="first"/> &gt; 0), each error also names the data row.
    /// </summary>
    /// <param name="utf8">The CSV as UTF-8 (<see cref="PipelineText.Utf8"/>), left open.</param>
    /// <param name="first">The index of the first row.</param>
    /// <returns>One record per data row.</returns>
    /// <exception cref="PipelineFormatException">No header, no <c>id</c> column, a column named twice, or a row that makes the rest unreadable.</exception>
    public static IEnumerable<AccountRecord> Read(Stream utf8, int first)
    {
        using var csv = CsvReader.Create(utf8, PipelineCsv.ReaderOptions, leaveOpen: true);
        var header = PipelineCsv.Header(csv, "The accounts CSV");
        var columns = header.Select(h => ByHeader.TryGetValue(h.Trim(), out var c) ? c : ((string Path, CsvKind Kind)?)null).ToArray();
        var id = Array.FindIndex(columns, c => c?.Path == "id");
        if (id < 0)
        {
            throw new PipelineFormatException($"The accounts CSV has no 'id' column; the header must name the account's fields (id, name, type, owner, …, service.satisfaction; see docs/accounts.md). Found: {string.Join(", ", header.Take(8))}");
        }

        var row = 0;
        while (PipelineCsv.Next(csv))
        {
            var index = first + row;
            var size = PipelineCsv.RowBytes(csv);
            var name = PipelineCsv.Text(csv, id);
            var record = size > Limits.RecordBytes
                ? new AccountRecord(index, null, [new InputError(name, index, "(account)", string.Create(CultureInfo.InvariantCulture, $"the row is {size:N0} bytes, over the limit of {Limits.Bytes(Limits.RecordBytes)} per record: it is rejected unread (a cell holding a whole document?)"))])
                : ReadRow(csv, columns, name, index);
            yield return first > 0 && record.Errors.Count > 0
                ? record with { Errors = [.. record.Errors.Select(e => e with { Message = $"data row {row} of the accounts CSV: {e.Message}" })] }
                : record;
            row++;
        }
    }

    private static AccountRecord ReadRow(CsvReader csv, (string Path, CsvKind Kind)?[] columns, string? id, int index)
    {
        var root = new JsonObject();
        List<InputError>? errors = null;
        void Error(string field, string message) => (errors ??= []).Add(new InputError(id, index, field, message));

        for (var i = 0; i < columns.Length && i < csv.FieldCount; i++)
        {
            if (columns[i] is not { } column || csv.IsEmpty(i))
            {
                continue;
            }

            var (path, kind) = column;
            if (!Utf8.IsValid(csv.GetSpan(i)))
            {
                Error(path, PipelineCsv.NotText(path));
                continue;
            }

            var cell = csv.GetString(i);
            if (string.IsNullOrWhiteSpace(cell))
            {
                continue; // unknown: the field, or the list, was not recorded
            }

            var shape = Shapes.GetValueOrDefault(path, string.Empty);
            var value = CsvLayout.Value(cell, kind, out var problem, $"write the list as a JSON array, e.g. {shape}");
            if (problem is not null)
            {
                Error(path, $"{path} {problem}");
                continue;
            }

            if (kind == CsvKind.Json && value is not JsonArray)
            {
                Error(path, $"{path} is not a JSON array: write the entries as one, e.g. {shape} ([] for none recorded; an empty cell for not recorded)");
                continue;
            }

            CsvLayout.Set(root, path, value);
        }

        PipelineCsv.ExtraCells(csv, columns.Length, Error);
        if (errors is not null)
        {
            return new AccountRecord(index, null, errors);
        }

        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(root, ContractJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return new AccountRecord(index, null, [new InputError(id, index, "(account)", $"the row cannot be read: {RecordReader.FirstSentence(e.Message)}")]);
        }

        return AccountReader.Read(element, index);
    }
}
