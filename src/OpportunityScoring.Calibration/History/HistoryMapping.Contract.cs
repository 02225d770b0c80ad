using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpportunityScoring.Calibration.History;

// Building a history row as contract JSON, and checking a mapping's fields and values against the contract.
public sealed partial class HistoryMapping
{
    /// <summary>Builds the contract JSON of one history row (without the outcome).</summary>
    /// <param name="id">The opportunity id.</param>
    /// <param name="amount">The expected contract amount.</param>
    /// <param name="cell">The value of a source column in this row.</param>
    /// <param name="rowNumber">The data row number, for messages.</param>
    /// <param name="unparsed">Told the column of each typed cell that does not parse (the field stays unknown).</param>
    /// <returns>The opportunity as contract JSON.</returns>
    /// <exception cref="HistoryFormatException">A value has no mapping.</exception>
    internal JsonObject BuildRow(string id, decimal amount, Func<string, string> cell, long rowNumber, Action<string>? unparsed = null)
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
            JsonNode? value;
            if (c.Kind != CellKind.Value)
            {
                if (!c.TryTyped(raw, out value))
                {
                    unparsed?.Invoke(c.Column);
                    continue;
                }
            }
            else if (!c.TryMap(raw, out value))
            {
                throw new HistoryFormatException($"row {rowNumber.ToString(CultureInfo.InvariantCulture)}, column {c.Column}: value '{raw}' is not in the mapping for {c.Field} (mapped values: {string.Join(", ", c.Values.Keys.Select(k => "'" + k + "'"))}); add it to the mapping's values or give an \"otherwise\"");
            }

            if (value is not null && !ColumnMapping.IsUnknown(value))
            {
                Set(row, c.Field, value.DeepClone());
            }
        }

        if (SegmentOf(cell) is { } segment)
        {
            Set(row, SegmentField, JsonValue.Create(segment)!);
        }

        return row;
    }

    /// <summary>
    /// A row's segment: its segment column's value, or the values of its segment columns joined ("Project / Yes");
    /// <see langword="null"/> when the mapping has no segment or a segment cell is empty (the row then shares the pooled intercept).
    /// </summary>
    internal string? SegmentOf(Func<string, string> cell)
    {
        if (SegmentColumns.Count == 0)
        {
            return null;
        }

        var values = SegmentColumns.Select(c => cell(c).Trim()).ToArray();
        return values.Any(v => v.Length == 0) ? null : string.Join(SegmentSeparator, values);
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

        // The outcome is the label: scored as evidence it would state the win probability (1 after a win, 0 once lost)
        // and the fit would learn the answer, not the evidence. A history is scored as it stood before the decision.
        if (mapping.Field == "milestones.bidOutcome")
        {
            throw new HistoryMappingException($"{source}: columns.{mapping.Column}: 'milestones.bidOutcome' is the outcome the history is labelled with (outcome.column); it cannot also be evidence");
        }

        if (mapping.Column == "(stage)" && mapping.Values.Values.Any(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>() is "implementation" or "closed"))
        {
            throw new HistoryMappingException($"{source}: stage '{stage}': a won/lost history is scored as it stood before the decision (development to tender); after the tender the win probability states the outcome instead of estimating it");
        }

        IEnumerable<JsonNode?> probes = mapping switch
        {
            { Bins: { } bins } => bins.Select(b => b.Value),
            { Kind: CellKind.Number or CellKind.Money } => [JsonValue.Create(1m)],
            { Kind: CellKind.Date } => [JsonValue.Create("2000-01-01")],
            _ => mapping.Values.Values.Append(mapping.Otherwise),
        };
        var candidates = probes.Where(v => v is not null && !ColumnMapping.IsUnknown(v)).ToList();
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
}
