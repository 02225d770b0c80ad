using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>
/// An assessment's decisions as the ledger stores them, compared as the diff compares written assessments: grade,
/// score, win probability, gate outcome and next stage, bid (in the contract's words and numbers), then the red flags
/// and knock-outs as sets.
/// </summary>
internal sealed record StoredDecisions(string Grade, decimal Score, double WinProbability, string GateOutcome, string NextStage, string? Bid, string RedFlags, string KnockOuts)
{
    /// <summary>The columns read by <see cref="Read"/>, for table alias <paramref name="a"/>.</summary>
    public static string Columns(string a) =>
        $"{a}.grade, {a}.score, {a}.win_probability, {a}.gate_outcome, {a}.next_stage, {a}.bid, {a}.red_flags, {a}.knock_outs";

    public static StoredDecisions Read(DbDataReader reader, int first) => new(
        reader.GetString(first), reader.GetDecimal(first + 1), reader.GetDouble(first + 2), reader.GetString(first + 3), reader.GetString(first + 4),
        reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5), reader.GetString(first + 6), reader.GetString(first + 7));

    /// <summary>The paths and values of the six decision fields, as <see cref="FieldChange"/> names them.</summary>
    public (string Path, string? Value)[] Fields() =>
    [
        ("grade", Grade), ("score", Number(Score)), ("winProbability", Number((decimal)WinProbability)),
        ("gate.outcome", GateOutcome), ("gate.nextStage", NextStage), ("bid.decision", Bid),
    ];

    /// <summary>What changed from <paramref name="before"/> to this.</summary>
    public List<FieldChange> Since(StoredDecisions before)
    {
        var now = Fields();
        var then = before.Fields();
        var changes = new List<FieldChange>();
        for (var i = 0; i < now.Length; i++)
        {
            if (now[i].Value != then[i].Value)
            {
                changes.Add(new FieldChange(now[i].Path, then[i].Value, now[i].Value));
            }
        }

        if (Codes(RedFlags) is var flags && flags != Codes(before.RedFlags))
        {
            changes.Add(new FieldChange("redFlags", Blank(Codes(before.RedFlags)), Blank(flags)));
        }

        if (Codes(KnockOuts) is var knockOuts && knockOuts != Codes(before.KnockOuts))
        {
            changes.Add(new FieldChange("knockOuts", Blank(Codes(before.KnockOuts)), Blank(knockOuts)));
        }

        return changes;
    }

    /// <summary>Every decision field, from <paramref name="before"/> (or none) to <paramref name="after"/> (or none): a new or removed opportunity.</summary>
    public static List<FieldChange> All(StoredDecisions? before, StoredDecisions? after)
    {
        var then = before?.Fields();
        var now = after?.Fields();
        var paths = (now ?? then)!;
        return [.. paths.Select((f, i) => new FieldChange(f.Path, then?[i].Value, now?[i].Value))];
    }

    /// <summary>The codes of a stored list (joined with ';'), one by one.</summary>
    public static IReadOnlyList<string> Split(string codes) => codes.Length == 0 ? [] : codes.Split(';');

    /// <summary>The rules whose points differ between two assessments' JSON (rules that fired in one only included).</summary>
    public static List<ReasonChange> Why(string? beforeJson, string? afterJson)
    {
        var before = Points(beforeJson);
        var after = Points(afterJson);
        var changes = new List<ReasonChange>();
        foreach (var (rule, points) in before)
        {
            if (!after.TryGetValue(rule, out var p))
            {
                changes.Add(new ReasonChange(rule, points, null));
            }
            else if (p != points)
            {
                changes.Add(new ReasonChange(rule, points, p));
            }
        }

        changes.AddRange(after.Where(kv => !before.ContainsKey(kv.Key)).Select(kv => new ReasonChange(kv.Key, null, kv.Value)));
        return changes;
    }

    /// <summary>Each rule's points in an assessment's JSON (summed when a rule gives several reasons).</summary>
    public static Dictionary<string, decimal> Points(string? json)
    {
        var points = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (json is null)
        {
            return points;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
        {
            foreach (var reason in reasons.EnumerateArray())
            {
                if (reason.TryGetProperty("rule", out var rule) && rule.GetString() is { } name)
                {
                    points[name] = points.GetValueOrDefault(name) + (reason.TryGetProperty("points", out var p) && p.TryGetDecimal(out var d) ? d : 0m);
                }
            }
        }

        return points;
    }

    /// <summary>A number as the contract writes it: no trailing zeros.</summary>
    public static string Number(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private static string Codes(string stored) => string.Join(", ", Split(stored).Order(StringComparer.Ordinal));

    private static string? Blank(string codes) => codes.Length == 0 ? null : codes;
}
