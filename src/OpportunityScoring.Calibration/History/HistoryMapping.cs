using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpportunityScoring.Calibration.History;

/// <summary>
/// How a won/lost CSV history maps onto the contract: the delimiter, the outcome column and its won/lost values, and
/// for each source column the contract field(s) it sets with a value map. Source values mapped to <c>unknown</c> leave
/// the field unknown (absent), never a known negative. Read one with <see cref="Parse"/>, <see cref="LoadFile"/> or
/// <see cref="Builtin"/> (<c>salvirt</c>, <c>ibm</c>); every field path and value is checked against the contract
/// when the mapping is loaded.
/// </summary>
/// <remarks>Immutable after loading.</remarks>
public sealed partial class HistoryMapping
{
    private const string ResourcePrefix = "OpportunityScoring.Calibration.History.Mappings.";

    private HistoryMapping(string name, string? description, char delimiter, string outcomeColumn, IReadOnlyList<string> won, IReadOnlyList<string> lost,
        string? idColumn, string idPrefix, string stage, string? amountColumn, decimal placeholderAmount, IReadOnlyList<ColumnMapping> columns, IReadOnlyDictionary<string, string> ignored)
    {
        Name = name;
        Description = description;
        Delimiter = delimiter;
        OutcomeColumn = outcomeColumn;
        WonValues = won;
        LostValues = lost;
        IdColumn = idColumn;
        IdPrefix = idPrefix;
        Stage = stage;
        AmountColumn = amountColumn;
        PlaceholderAmount = placeholderAmount;
        Columns = columns;
        Ignored = ignored;
    }

    /// <summary>The mapping's name (e.g. <c>salvirt</c>); recorded as the calibration's data set.</summary>
    public string Name { get; }

    /// <summary>What the history is, for people.</summary>
    public string? Description { get; }

    /// <summary>The CSV delimiter.</summary>
    public char Delimiter { get; }

    /// <summary>The column holding the outcome.</summary>
    public string OutcomeColumn { get; }

    /// <summary>The outcome values that mean won (compared ignoring case).</summary>
    public IReadOnlyList<string> WonValues { get; }

    /// <summary>The outcome values that mean lost (compared ignoring case).</summary>
    public IReadOnlyList<string> LostValues { get; }

    /// <summary>The column holding an id; when <see langword="null"/> ids are <see cref="IdPrefix"/> + the data row number (from 1).</summary>
    public string? IdColumn { get; }

    /// <summary>The prefix of generated ids.</summary>
    public string IdPrefix { get; }

    /// <summary>
    /// The contract stage every opportunity gets (the contract requires one; a won/lost history records the evidence as
    /// it stood before the decision, so the default is <c>tender</c>, and a stage after the tender is refused: there the win
    /// probability states the outcome instead of estimating it). The grading points do not read the stage.
    /// </summary>
    public string Stage { get; }

    /// <summary>The column holding the contract amount, if any.</summary>
    public string? AmountColumn { get; }

    /// <summary>
    /// The expected contract amount used when the history has none (or a non-positive one): the contract requires a
    /// positive amount, and no grading rule reads it without a budget amount or a cost, which these histories lack.
    /// </summary>
    public decimal PlaceholderAmount { get; }

    /// <summary>The mapped columns with the field each sets, in the mapping's order (a column may set several fields).</summary>
    public IReadOnlyList<ColumnMapping> Columns { get; }

    /// <summary>Columns deliberately not mapped, with the reason (e.g. no contract field, or the column leaks the outcome).</summary>
    public IReadOnlyDictionary<string, string> Ignored { get; }

    /// <summary>Outcome values whose rows are skipped (not won, not lost: "Not Bid", "Pending"…), counted by value (compared ignoring case).</summary>
    public IReadOnlyList<string> SkippedValues { get; private init; } = [];

    /// <summary>Whether every outcome value that is neither won, lost nor listed as skipped is skipped too (counted by value) instead of stopping the read.</summary>
    public bool SkipOtherOutcomes { get; private init; }

    /// <summary>Columns computed from others (ratio, difference, log), usable in <see cref="Columns"/> by name.</summary>
    internal IReadOnlyList<DerivedColumn> Derived { get; private init; } = [];

    /// <summary>
    /// The column whose value is the opportunity's segment (line of business, department…): written to the contract's
    /// <c>initiationReport.classification</c> (the project's classification, which the policy's bid floors and
    /// per-segment win-probability intercepts read) and used by the calibration to fit a per-segment intercept. When the
    /// segment combines several columns (<c>"columns": [...]</c>), the first of them.
    /// </summary>
    public string? SegmentColumn => SegmentColumns.Count > 0 ? SegmentColumns[0] : null;

    /// <summary>The segment's columns: one, or several whose values combine (joined by <see cref="SegmentSeparator"/>) into one segment.</summary>
    internal IReadOnlyList<string> SegmentColumns { get; private init; } = [];

    /// <summary>Joins the values of a segment's columns: "Project / Yes".</summary>
    internal const string SegmentSeparator = " / ";

    /// <summary>The contract field a segment is written to: the project's classification.</summary>
    public const string SegmentField = "initiationReport.classification";

    /// <summary>The factor the amount column is multiplied by (e.g. 1000 for amounts in thousands).</summary>
    public double AmountFactor { get; private init; } = 1;

    /// <summary>The names of the mappings shipped with the library.</summary>
    public static IReadOnlyList<string> BuiltinNames { get; } = ["salvirt", "ibm"];

    /// <summary>A mapping shipped with the library, by name.</summary>
    /// <param name="name">The name (<c>salvirt</c> or <c>ibm</c>).</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="ArgumentException">No mapping has that name.</exception>
    public static HistoryMapping Builtin(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        if (!BuiltinNames.Contains(key))
        {
            throw new ArgumentException($"no built-in mapping '{name}'; use one of {string.Join(", ", BuiltinNames)} or a mapping file", nameof(name));
        }

        return Parse(BuiltinJson(key), key + ".json");
    }

    /// <summary>The JSON text of a built-in mapping.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The JSON.</returns>
    public static string BuiltinJson(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = typeof(HistoryMapping).Assembly.GetManifestResourceStream(ResourcePrefix + name.Trim().ToLowerInvariant() + ".json")
            ?? throw new ArgumentException($"no built-in mapping '{name}'", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A built-in mapping when <paramref name="nameOrPath"/> names one, else the mapping file at that path.</summary>
    /// <param name="nameOrPath">A built-in name or a file path.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="HistoryMappingException">The file is not a valid mapping.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HistoryMapping Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        return BuiltinNames.Contains(nameOrPath.Trim().ToLowerInvariant()) ? Builtin(nameOrPath) : LoadFile(nameOrPath);
    }

    /// <summary>Loads a mapping file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="HistoryMappingException">The file is not a valid mapping.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HistoryMapping LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads and checks a mapping.</summary>
    /// <param name="json">The mapping document.</param>
    /// <param name="source">A name for messages.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="HistoryMappingException">The document is not a valid mapping; the message says what and where.</exception>
    public static HistoryMapping Parse(string json, string source = "mapping")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new HistoryMappingException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        if (root is not JsonObject obj)
        {
            throw new HistoryMappingException($"{source}: a mapping is a JSON object with name, delimiter, outcome and columns");
        }

        string Text(JsonObject o, string key, string where, bool required = true)
        {
            var node = o[key];
            if (node is null)
            {
                return required ? throw new HistoryMappingException($"{source}: {where}{key} is required") : string.Empty;
            }

            return node is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw new HistoryMappingException($"{source}: {where}{key} must be a string");
        }

        var name = Text(obj, "name", string.Empty);
        var description = obj["description"] is null ? null : Text(obj, "description", string.Empty);
        var delimiterText = obj["delimiter"] is null ? "," : Text(obj, "delimiter", string.Empty);
        if (delimiterText.Length != 1)
        {
            throw new HistoryMappingException($"{source}: delimiter must be one character, not '{delimiterText}'");
        }

        if (obj["outcome"] is not JsonObject outcome)
        {
            throw new HistoryMappingException($"{source}: outcome is required: {{\"column\": \"Status\", \"won\": [\"Won\"], \"lost\": [\"Lost\"]}}");
        }

        var outcomeColumn = Text(outcome, "column", "outcome.");
        var won = Strings(outcome["won"], source, "outcome.won");
        var lost = Strings(outcome["lost"], source, "outcome.lost");
        if (won.Intersect(lost, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } both)
        {
            throw new HistoryMappingException($"{source}: outcome value '{both}' is both won and lost");
        }

        var skipped = outcome["skip"] is null ? [] : Strings(outcome["skip"], source, "outcome.skip");
        if (skipped.Intersect(won.Concat(lost), StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } clash)
        {
            throw new HistoryMappingException($"{source}: outcome value '{clash}' is both skipped and won or lost");
        }

        var skipOthers = outcome["skipOthers"] is JsonValue so && so.TryGetValue<bool>(out var sob) && sob;
        string? idColumn = null;
        var idPrefix = name + "-";
        if (obj["id"] is JsonObject id)
        {
            idColumn = id["column"] is null ? null : Text(id, "column", "id.");
            idPrefix = id["prefix"] is null ? idPrefix : Text(id, "prefix", "id.");
        }

        var stage = obj["stage"] is null ? "tender" : Text(obj, "stage", string.Empty);
        string? amountColumn = null;
        var placeholder = 1m;
        var amountFactor = 1d;
        if (obj["amount"] is JsonObject amount)
        {
            amountColumn = amount["column"] is null ? null : Text(amount, "column", "amount.");
            if (amount["placeholder"] is JsonValue pv)
            {
                placeholder = pv.TryGetValue<decimal>(out var d) && d > 0
                    ? d
                    : throw new HistoryMappingException($"{source}: amount.placeholder must be a positive number");
            }

            if (amount["factor"] is JsonValue fv)
            {
                amountFactor = fv.TryGetValue<double>(out var f) && f > 0
                    ? f
                    : throw new HistoryMappingException($"{source}: amount.factor must be a positive number");
            }
        }

        if (obj["columns"] is not JsonObject columnsNode)
        {
            throw new HistoryMappingException($"{source}: columns is required: {{\"Source column\": {{\"field\": \"budget.status\", \"values\": {{\"Yes\": \"willBuy\"}}}}}}");
        }

        var derived = ParseDerived(obj["derived"], source);
        var columns = new List<ColumnMapping>();
        var ignored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, spec) in columnsNode)
        {
            var entries = spec switch
            {
                JsonArray array => array.ToList(),
                JsonObject => [spec],
                _ => throw new HistoryMappingException($"{source}: columns.{column} must be an object {{field, values}}, an array of them, or {{\"ignore\": \"why\"}}"),
            };
            foreach (var entry in entries)
            {
                if (entry is not JsonObject e)
                {
                    throw new HistoryMappingException($"{source}: columns.{column} entries must be objects");
                }

                if (e["ignore"] is not null)
                {
                    ignored[column] = Text(e, "ignore", $"columns.{column}.");
                    continue;
                }

                foreach (var mapping in ParseEntry(column, e, source))
                {
                    CheckAgainstContract(mapping, stage, source);
                    columns.Add(mapping);
                }
            }
        }

        string[] segment = [];
        if (obj["segment"] is JsonObject segmentNode)
        {
            // One column, or several whose values combine into one segment ("Project / Yes").
            segment = segmentNode["columns"] is { } several
                ? segmentNode["column"] is null ? Strings(several, source, "segment.columns") : throw new HistoryMappingException($"{source}: segment takes \"column\" or \"columns\", not both")
                : [Text(segmentNode, "column", "segment.")];
            if (segment.Distinct(StringComparer.Ordinal).Count() != segment.Length || segment.Any(c => c.Trim().Length == 0))
            {
                throw new HistoryMappingException($"{source}: segment.columns names each column once: {string.Join(", ", segment)}");
            }
        }
        else if (obj["segment"] is not null)
        {
            throw new HistoryMappingException($"{source}: segment is an object: {{\"column\": \"Line of business\"}} or {{\"columns\": [\"Deal type\", \"Opportunity type\"]}}");
        }

        CheckAgainstContract(new ColumnMapping("(stage)", "stage", new Dictionary<string, JsonNode?> { ["x"] = stage }, false, null, null), stage, source);
        var known = derived.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var c in columns.Where(c => known.Contains(c.Column) && c.Kind is CellKind.Value or CellKind.Date))
        {
            throw new HistoryMappingException($"{source}: columns.{c.Column} is a derived number: give it \"type\": \"number\" (with or without bins)");
        }

        if (columns.Count == 0)
        {
            throw new HistoryMappingException($"{source}: columns maps no column onto a contract field");
        }

        return new HistoryMapping(name, description, delimiterText[0], outcomeColumn, won, lost, idColumn, idPrefix, stage, amountColumn, placeholder, columns, ignored)
        {
            SkippedValues = skipped,
            SkipOtherOutcomes = skipOthers,
            Derived = derived,
            SegmentColumns = segment,
            AmountFactor = amountFactor,
        };
    }

    private static string[] Strings(JsonNode? node, string source, string where) => node switch
    {
        JsonArray a when a.Count > 0 && a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)) => [.. a.Select(x => x!.GetValue<string>())],
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => throw new HistoryMappingException($"{source}: {where} must be a string or a non-empty array of strings"),
    };
}
