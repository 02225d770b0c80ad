using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpportunityScoring.Engine;

namespace OpportunityScoring.Calibration.History;

/// <summary>A mapped contract field and whether the policy's rules score it.</summary>
/// <param name="Column">The source column.</param>
/// <param name="Field">The contract field.</param>
/// <param name="Scored">Whether setting the field changes a sub-score, a knock-out or a red flag (on an empty opportunity or on one of the history's).</param>
public sealed record MappedField(string Column, string Field, bool Scored);

/// <summary>
/// Which mapped fields the policy scores and which are read but unscored (<c>account.relationship</c>, milestones,
/// <c>purchaseProcess</c> without stakeholders…), found by scoring: each field's mapped values are set on an empty
/// opportunity and on a few of the history's, and a field is scored when any value moves a sub-score, a knock-out or a
/// red flag.
/// </summary>
public static class MappingCoverage
{
    private const int Bases = 8;
    private static readonly decimal[] NumberProbes = [0m, 1m, 1000m, 1_000_000m, 1_000_000_000m];
    private static readonly string[] DateProbes = ["1999-06-01", "2000-01-15", "2000-06-01", "2002-01-01"];

    /// <summary>The mapped fields with whether each is scored, in mapping order (one entry per column and field).</summary>
    /// <param name="mapping">The mapping.</param>
    /// <param name="scorer">The scorer, under the policy.</param>
    /// <param name="history">The history read with the mapping (a few of its opportunities are the probes' bases).</param>
    /// <returns>The fields.</returns>
    public static IReadOnlyList<MappedField> Of(HistoryMapping mapping, IOpportunityScorer scorer, IReadOnlyList<ClosedOpportunity> history)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(history);
        var asOf = new DateOnly(2000, 1, 1);
        var empty = new JsonObject { ["id"] = "probe", ["stage"] = mapping.Stage, ["expectedContractAmount"] = 1 };
        var bases = new List<JsonObject> { empty };
        var step = Math.Max(1, history.Count / Bases);
        for (var i = 0; i < history.Count && bases.Count <= Bases; i += step)
        {
            bases.Add(JsonSerializer.SerializeToNode(history[i].Opportunity, ContractJson.Options)!.AsObject());
        }

        var baseKeys = bases.Select(b => Key(scorer, b, asOf)).ToList();
        var result = new List<MappedField>();
        foreach (var c in mapping.Columns)
        {
            IEnumerable<JsonNode?> probes = c switch
            {
                { Bins: { } bins } => bins.Select(b => b.Value),
                { Kind: CellKind.Number or CellKind.Money } => NumberProbes.Select(v => (JsonNode?)JsonValue.Create(v)),
                { Kind: CellKind.Date } => DateProbes.Select(v => (JsonNode?)JsonValue.Create(v)),
                _ => c.Values.Values.Append(c.Otherwise),
            };
            var values = probes.Where(v => v is not null && !ColumnMapping.IsUnknown(v)).ToList();
            var scored = false;
            for (var b = 0; b < bases.Count && !scored; b++)
            {
                foreach (var v in values)
                {
                    var probe = (JsonObject)bases[b].DeepClone();
                    Overwrite(probe, c.Field, v!.DeepClone());
                    var key = Key(scorer, probe, asOf);
                    if (key is not null && baseKeys[b] is not null && key != baseKeys[b])
                    {
                        scored = true;
                        break;
                    }
                }
            }

            result.Add(new MappedField(c.Column, c.Field, scored));
        }

        return result;
    }

    private static string? Key(IOpportunityScorer scorer, JsonObject json, DateOnly asOf)
    {
        var record = RecordReader.ReadRecord(JsonSerializer.SerializeToElement(json), 0);
        if (record.Opportunity is null)
        {
            return null;
        }

        var a = scorer.Score(record.Opportunity, asOf);
        return string.Join('|', GradingCriteria(a)) + "#" + a.KnockOuts.Count.ToString(CultureInfo.InvariantCulture) + "#" + string.Join(',', a.RedFlags.Select(f => f.Code).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> GradingCriteria(Assessment a) =>
        Enumerable.Range(0, 7).Select(c => a.Criteria[(Criterion)c].ToString(CultureInfo.InvariantCulture));

    private static void Overwrite(JsonObject root, string path, JsonNode value)
    {
        var parts = path.Split('.');
        JsonNode current = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var nextIsIndex = int.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
            if (current is JsonArray array)
            {
                var index = int.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
                while (array.Count <= index)
                {
                    array.Add(new JsonObject());
                }

                current = array[index]!;
                continue;
            }

            var obj = (JsonObject)current;
            obj[parts[i]] ??= nextIsIndex ? new JsonArray() : new JsonObject();
            current = obj[parts[i]]!;
        }

        if (current is JsonObject last)
        {
            last[parts[^1]] = value;
        }
    }
}
