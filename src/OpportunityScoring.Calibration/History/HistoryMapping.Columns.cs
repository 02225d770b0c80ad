using System.Text.Json.Nodes;

namespace OpportunityScoring.Calibration.History;

// Reading the column entries of a mapping: value lists, typed pass-through, bins, one column onto several fields, and
// derived columns.
public sealed partial class HistoryMapping
{
    private static IEnumerable<ColumnMapping> ParseEntry(string column, JsonObject e, string source)
    {
        var where = $"columns.{column}";
        var kind = CellKind.Value;
        if (e["type"] is not null)
        {
            var type = TextOf(e, "type", where, source);
            kind = type switch
            {
                "number" => CellKind.Number,
                "money" => CellKind.Money,
                "date" => CellKind.Date,
                _ => throw new HistoryMappingException($"{source}: {where}.type '{type}' is not a type: use number, money or date"),
            };
        }

        var factor = 1d;
        if (e["factor"] is not null)
        {
            factor = e["factor"] is JsonValue fv && fv.TryGetValue<double>(out var f) && f > 0 && kind is CellKind.Number or CellKind.Money
                ? f
                : throw new HistoryMappingException($"{source}: {where}.factor must be a positive number, on a number or money column");
        }

        var format = e["format"] is null ? null : TextOf(e, "format", where, source);
        if (format is not null && kind != CellKind.Date)
        {
            throw new HistoryMappingException($"{source}: {where}.format is for a date column (\"type\": \"date\")");
        }

        List<KeyValuePair<double?, JsonNode?>>? bins = null;
        if (e["bins"] is not null)
        {
            if (kind is not (CellKind.Number or CellKind.Money) || e["bins"] is not JsonArray binArray || binArray.Count == 0)
            {
                throw new HistoryMappingException($"{source}: {where}.bins is a non-empty array [{{\"below\": 10000, \"value\": \"…\"}}, …, {{\"value\": \"…\"}}] on a number or money column");
            }

            bins = [];
            double? last = null;
            foreach (var b in binArray)
            {
                if (b is not JsonObject bin || !bin.ContainsKey("value"))
                {
                    throw new HistoryMappingException($"{source}: {where}.bins: each bin is {{\"below\": <number>, \"value\": <contract value>}} (the last may omit below)");
                }

                double? below = null;
                if (bin["below"] is not null)
                {
                    below = bin["below"] is JsonValue bv && bv.TryGetValue<double>(out var x)
                        ? x
                        : throw new HistoryMappingException($"{source}: {where}.bins: below must be a number");
                    if (last is { } l && x <= l)
                    {
                        throw new HistoryMappingException($"{source}: {where}.bins: the bins' below values must increase ({x} after {l})");
                    }

                    last = x;
                }
                else if (!ReferenceEquals(b, binArray[^1]))
                {
                    throw new HistoryMappingException($"{source}: {where}.bins: only the last bin may omit below");
                }

                bins.Add(new(below, bin["value"]?.DeepClone()));
            }
        }

        IReadOnlyList<string> fields = e["fields"] switch
        {
            null => [TextOf(e, "field", where, source)],
            JsonArray a when a.Count > 0 && a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)) => [.. a.Select(x => x!.GetValue<string>())],
            _ => throw new HistoryMappingException($"{source}: {where}.fields must be a non-empty array of contract fields"),
        };
        if (e["field"] is not null && e["fields"] is not null)
        {
            throw new HistoryMappingException($"{source}: {where}: give field or fields, not both");
        }

        var note = e["note"] is null ? null : TextOf(e, "note", where, source);
        if (kind != CellKind.Value)
        {
            if (e["values"] is not null || e.ContainsKey("otherwise"))
            {
                throw new HistoryMappingException($"{source}: {where}: a {kind.ToString().ToLowerInvariant()} column passes its value through (or through bins); it has no values list");
            }

            foreach (var field in fields)
            {
                yield return new ColumnMapping(column, field, new Dictionary<string, JsonNode?>(), false, null, note) { Kind = kind, Factor = factor, DateFormat = format, Bins = bins };
            }

            yield break;
        }

        if (e["values"] is not JsonObject valueMap)
        {
            throw new HistoryMappingException($"{source}: {where}.values is required: the contract value of each source value (\"unknown\" leaves the field unknown), or a \"type\" (number, money, date)");
        }

        for (var k = 0; k < fields.Count; k++)
        {
            var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (from, to) in valueMap)
            {
                values[from] = Pick(to, k, fields.Count, $"{where}.values.{from}", source);
            }

            var hasOtherwise = e.ContainsKey("otherwise");
            var otherwise = hasOtherwise ? Pick(e["otherwise"], k, fields.Count, $"{where}.otherwise", source) : null;
            yield return new ColumnMapping(column, fields[k], values, hasOtherwise, otherwise, note);
        }
    }

    // With several fields, a value is an array of one value per field (or one value for all).
    private static JsonNode? Pick(JsonNode? value, int k, int count, string where, string source)
    {
        if (count == 1 || value is not JsonArray array)
        {
            return value?.DeepClone();
        }

        return array.Count == count
            ? array[k]?.DeepClone()
            : throw new HistoryMappingException($"{source}: {where} has {array.Count} values for {count} fields");
    }

    private static List<DerivedColumn> ParseDerived(JsonNode? node, string source)
    {
        var result = new List<DerivedColumn>();
        if (node is null)
        {
            return result;
        }

        if (node is not JsonObject derived)
        {
            throw new HistoryMappingException($"{source}: derived is an object: {{\"Cost share\": {{\"ratio\": [\"Cost\", \"Amount\"]}}}}");
        }

        foreach (var (name, spec) in derived)
        {
            var op = spec is JsonObject o && o.Count == 1 ? o.First().Key : null;
            if (op is null || !DerivedColumn.Operations.Contains(op))
            {
                throw new HistoryMappingException($"{source}: derived.{name} must be one of {{\"ratio\": [a, b]}}, {{\"difference\": [a, b]}}, {{\"log\": a}}");
            }

            var arg = ((JsonObject)spec!)[op];
            IReadOnlyList<string> inputs = arg switch
            {
                JsonValue v when v.TryGetValue<string>(out var one) && op == "log" => [one],
                JsonArray a when a.Count == (op == "log" ? 1 : 2) && a.All(x => x is JsonValue v && v.TryGetValue<string>(out _)) => [.. a.Select(x => x!.GetValue<string>())],
                _ => throw new HistoryMappingException($"{source}: derived.{name}.{op} takes {(op == "log" ? "one column" : "two columns")}"),
            };
            result.Add(new DerivedColumn(name, op, inputs));
        }

        return result;
    }

    private static string TextOf(JsonObject o, string key, string where, string source) => o[key] switch
    {
        null => throw new HistoryMappingException($"{source}: {where}.{key} is required"),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new HistoryMappingException($"{source}: {where}.{key} must be a string"),
    };
}
