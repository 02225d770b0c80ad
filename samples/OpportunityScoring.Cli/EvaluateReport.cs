using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpportunityScoring.Calibration;
using OpportunityScoring.Calibration.History;

namespace OpportunityScoring.Cli;

/// <summary>What <c>evaluate</c> says beside the figures: rows skipped, cells that did not parse, the fields scored and unscored, the baseline.</summary>
internal static class EvaluateReport
{
    /// <summary>A new policy is written only when its cross-validated AUC is at least this share of the current policy's.</summary>
    public const double RetrainShare = 0.95;

    public static void WriteRead(HistoryReadResult read, TextWriter stderr)
    {
        if (read.Skipped.Count > 0)
        {
            stderr.WriteLine($"skipped {read.Skipped.Values.Sum()} row(s) whose outcome is neither won nor lost: {string.Join(", ", read.Skipped.Select(s => $"'{s.Key}' {s.Value}"))}");
        }

        foreach (var (column, count) in read.Unparsed)
        {
            stderr.WriteLine($"warning: {count} cell(s) of column {column} do not parse as the mapping's type; their field is left unknown (the amount: the placeholder stands in)");
        }
    }

    /// <summary>Writes the scored and unscored fields; <see langword="false"/> when nothing scored is mapped.</summary>
    public static bool WriteCoverage(IReadOnlyList<MappedField> coverage, TextWriter stderr)
    {
        static string List(IEnumerable<MappedField> fields) => string.Join(", ", fields.Select(f => $"{f.Field} ({f.Column})"));
        var scored = coverage.Where(c => c.Scored).ToList();
        var unscored = coverage.Where(c => !c.Scored).ToList();
        stderr.WriteLine($"scored: {(scored.Count == 0 ? "none" : List(scored))}");
        if (unscored.Count > 0)
        {
            stderr.WriteLine($"read but unscored (no rule reads them as mapped): {List(unscored)}");
        }

        return scored.Count > 0;
    }

    /// <summary>The data set's name for the policy's metadata: the mapping, the file, the counts and the training window (from the mapped dates).</summary>
    public static string Dataset(HistoryMapping mapping, string file, HistoryReadResult read)
    {
        var won = read.Opportunities.Count(o => o.Won);
        var text = string.Create(CultureInfo.InvariantCulture, $"{mapping.Name}: {file}; {read.Opportunities.Count} closed ({won} won, {read.Opportunities.Count - won} lost)");
        if (read.Skipped.Count > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {read.Skipped.Values.Sum()} skipped");
        }

        if (read.FirstDate is { } from && read.LastDate is { } to)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; training window {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
        }

        var segments = read.Opportunities.Where(o => o.Segment is not null).GroupBy(o => o.Segment!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (segments.Count > 0)
        {
            text += "; segments " + string.Join(", ", segments.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count(o => o.Won)}/{g.Count()} won")));
        }

        return text;
    }

    public static string Json(EvaluationResult evaluation, HistoryReadResult read, CrossValidatedReport? baseline)
    {
        var node = JsonNode.Parse(evaluation.ToJson())!.AsObject();
        var p = (double)evaluation.Won / evaluation.Samples;
        node["baseRate"] = new JsonObject { ["rate"] = p, ["brier"] = p * (1 - p) };
        node["skipped"] = JsonSerializer.SerializeToNode(read.Skipped);
        node["unparsed"] = JsonSerializer.SerializeToNode(read.Unparsed);
        if (baseline is not null)
        {
            node["baseline"] = new JsonObject
            {
                ["auc"] = baseline.Auc,
                ["brier"] = baseline.Brier,
                ["logLoss"] = baseline.LogLoss,
                ["folds"] = baseline.Folds,
                ["seed"] = baseline.Seed,
                ["lambda"] = baseline.Lambda,
            };
        }

        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
