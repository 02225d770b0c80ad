using System.Globalization;
using System.Reflection;
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
public sealed class HistoryMapping
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
    /// it stood before the decision, so the default is <c>tender</c>). The grading rules do not read the stage.
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
        if (obj["amount"] is JsonObject amount)
        {
            amountColumn = amount["column"] is null ? null : Text(amount, "column", "amount.");
            if (amount["placeholder"] is JsonValue pv)
            {
                placeholder = pv.TryGetValue<decimal>(out var d) && d > 0
                    ? d
                    : throw new HistoryMappingException($"{source}: amount.placeholder must be a positive number");
            }
        }

        if (obj["columns"] is not JsonObject columnsNode)
        {
            throw new HistoryMappingException($"{source}: columns is required: {{\"Source column\": {{\"field\": \"budget.status\", \"values\": {{\"Yes\": \"willBuy\"}}}}}}");
        }

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

                var field = Text(e, "field", $"columns.{column}.");
                var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
                if (e["values"] is not JsonObject valueMap)
                {
                    throw new HistoryMappingException($"{source}: columns.{column}.values is required: the contract value of each source value (\"unknown\" leaves the field unknown)");
                }

                foreach (var (from, to) in valueMap)
                {
                    values[from] = to?.DeepClone();
                }

                var otherwise = e.ContainsKey("otherwise") ? e["otherwise"]?.DeepClone() : null;
                var mapping = new ColumnMapping(column, field, values, e.ContainsKey("otherwise"), otherwise, e["note"] is null ? null : Text(e, "note", $"columns.{column}."));
                CheckAgainstContract(mapping, stage, source);
                columns.Add(mapping);
            }
        }

        CheckAgainstContract(new ColumnMapping("(stage)", "stage", new Dictionary<string, JsonNode?> { ["x"] = stage }, false, null, null), stage, source);
        return new HistoryMapping(name, description, delimiterText[0], outcomeColumn, won, lost, idColumn, idPrefix, stage, amountColumn, placeholder, columns, ignored);
    }

    /// <summary>Builds the contract JSON of one history row (without the outcome).</summary>
    /// <param name="id">The opportunity id.</param>
    /// <param name="amount">The expected contract amount.</param>
    /// <param name="cell">The value of a source column in this row.</param>
    /// <param name="rowNumber">The data row number, for messages.</param>
    /// <returns>The opportunity as contract JSON.</returns>
    /// <exception cref="HistoryFormatException">A value has no mapping.</exception>
    internal JsonObject BuildRow(string id, decimal amount, Func<string, string> cell, long rowNumber)
    {
        var row = new JsonObject
        {
            ["id"] = id,
            ["stage"] = Stage,
            ["expectedContractAmount"] = amount,
        };
        foreach (var c in Columns)
        {
            var raw = cell(c.Column).Trim();
            if (!c.TryMap(raw, out var value))
            {
                throw new HistoryFormatException($"row {rowNumber.ToString(CultureInfo.InvariantCulture)}, column {c.Column}: value '{raw}' is not in the mapping for {c.Field} (mapped values: {string.Join(", ", c.Values.Keys.Select(k => "'" + k + "'"))}); add it to the mapping's values or give an \"otherwise\"");
            }

            if (value is not null && !ColumnMapping.IsUnknown(value))
            {
                Set(row, c.Field, value.DeepClone());
            }
        }

        return row;
    }

    // Sets a dotted contract path (a numeric segment indexes an array), keeping the first known value when several
    // columns set the same field.
    private static void Set(JsonObject root, string path, JsonNode value)
    {
        var parts = path.Split('.');
        JsonNode current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            var part = parts[i];
            var nextIsIndex = !last && int.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
            if (current is JsonArray array)
            {
                var index = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
                while (array.Count <= index)
                {
                    array.Add(new JsonObject());
                }

                if (last)
                {
                    return; // arrays of values are not set element-wise
                }

                current = array[index]!;
                continue;
            }

            var obj = (JsonObject)current;
            if (last)
            {
                if (obj[part] is null)
                {
                    obj[part] = value;
                }

                return;
            }

            if (obj[part] is null)
            {
                obj[part] = nextIsIndex ? new JsonArray() : new JsonObject();
            }

            current = obj[part]!;
        }
    }

    private static void CheckAgainstContract(ColumnMapping mapping, string stage, string source)
    {
        var parts = mapping.Field.Split('.');
        if (parts.Any(string.IsNullOrWhiteSpace) || parts[0] is "id" or "expectedContractAmount" || (parts[0] == "stage" && mapping.Column != "(stage)"))
        {
            throw new HistoryMappingException($"{source}: columns.{mapping.Column}: '{mapping.Field}' cannot be mapped (id, stage and amount have their own settings)");
        }

        if (mapping.Column != "(stage)" && !KnownPath(mapping.Field))
        {
            throw new HistoryMappingException($"{source}: columns.{mapping.Column}: '{mapping.Field}' is not a contract field");
        }

        var candidates = mapping.Values.Values.Append(mapping.Otherwise).Where(v => v is not null && !ColumnMapping.IsUnknown(v)).ToList();
        foreach (var value in candidates)
        {
            var row = new JsonObject { ["id"] = "check", ["stage"] = mapping.Column == "(stage)" ? value!.DeepClone() : stage, ["expectedContractAmount"] = 1 };
            if (mapping.Column != "(stage)")
            {
                Set(row, mapping.Field, value!.DeepClone());
            }

            var record = RecordReader.ReadRecord(JsonSerializer.SerializeToElement(row), 0);
            if (record.Opportunity is null)
            {
                var why = string.Join("; ", record.Errors.Select(e => $"{e.Field}: {e.Message}"));
                throw new HistoryMappingException(mapping.Column == "(stage)"
                    ? $"{source}: stage '{stage}' is not a contract stage: {why}"
                    : $"{source}: columns.{mapping.Column} sets {mapping.Field} to {value!.ToJsonString()}, which the contract rejects: {why}");
            }

        }
    }

    // The contract reader ignores unknown members, so check the path against the model's properties.
    private static bool KnownPath(string path)
    {
        var type = typeof(Opportunity);
        foreach (var part in path.Split('.'))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || property.SetMethod is null)
            {
                return false;
            }

            type = property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                type = type.GetGenericArguments()[0];
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
        }

        return true;
    }

    private static string[] Strings(JsonNode? node, string source, string where) => node switch
    {
        JsonArray a when a.Count > 0 && a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)) => [.. a.Select(x => x!.GetValue<string>())],
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => throw new HistoryMappingException($"{source}: {where} must be a string or a non-empty array of strings"),
    };
}

/// <summary>One source column's mapping onto one contract field.</summary>
/// <param name="Column">The source column.</param>
/// <param name="Field">The contract field it sets, as a dotted path (e.g. <c>budget.status</c>, <c>decisionChain.stakeholders.0.role</c>).</param>
/// <param name="Values">The contract value of each source value (compared ignoring case); <c>"unknown"</c> or null leaves the field unknown.</param>
/// <param name="HasOtherwise">Whether <paramref name="Otherwise"/> applies to values not listed (else such a value is an error).</param>
/// <param name="Otherwise">The contract value of any value not listed, when <paramref name="HasOtherwise"/>.</param>
/// <param name="Note">Why the column maps this way, for people.</param>
public sealed record ColumnMapping(string Column, string Field, IReadOnlyDictionary<string, JsonNode?> Values, bool HasOtherwise, JsonNode? Otherwise, string? Note)
{
    /// <summary>The contract value of a source value.</summary>
    /// <param name="raw">The source value (trimmed).</param>
    /// <param name="value">The contract value; <see langword="null"/> or <c>"unknown"</c> means unknown.</param>
    /// <returns>Whether the value is mapped (listed, or covered by <see cref="Otherwise"/>); an empty cell is unknown unless listed.</returns>
    public bool TryMap(string raw, out JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (Values.TryGetValue(raw, out value))
        {
            return true;
        }

        if (HasOtherwise)
        {
            value = Otherwise;
            return true;
        }

        value = null;
        return raw.Length == 0;
    }

    /// <summary>Whether a mapped value means unknown (the field stays absent).</summary>
    /// <param name="value">The mapped value.</param>
    /// <returns><see langword="true"/> for null or the word <c>unknown</c>.</returns>
    public static bool IsUnknown(JsonNode? value) =>
        value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && string.Equals(s, "unknown", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A mapping document is not valid.</summary>
public sealed class HistoryMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HistoryMappingException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    public HistoryMappingException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public HistoryMappingException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A history file does not fit its mapping (a missing column, an unmapped value, an unknown outcome).</summary>
public sealed class HistoryFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HistoryFormatException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the row and column.</param>
    public HistoryFormatException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HistoryFormatException(string message, Exception innerException) : base(message, innerException) { }
}
