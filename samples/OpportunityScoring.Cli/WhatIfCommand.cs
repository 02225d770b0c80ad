using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OpportunityScoring.Insights;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Cli;

/// <summary><c>whatif &lt;pipeline&gt; --policy &lt;proposed&gt;</c>: what a proposed policy would change in a pipeline, and why.</summary>
internal static class WhatIfCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("pipeline") { Description = "The pipeline file (the contract's JSON)." };
        var proposed = new Option<FileInfo>("--policy") { Description = "The proposed policy (JSON).", Required = true };
        var basePolicy = new Option<FileInfo?>("--base-policy") { Description = "The current policy; the embedded default when absent." };
        var format = new Option<string>("--format") { Description = "table (for people) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var culture = CommonOptions.Culture();
        var store = LedgerOptions.StoreOption(required: false);
        store.Description = "A decision ledger: also list the overrides in force whose engine decision the proposed policy would change (re-raised).";
        var command = new Command("whatif", "Score a pipeline under the current and a proposed policy; list every opportunity whose grade, gate or bid decision changes, and why, with counts.")
        {
            file, proposed, basePolicy, format, culture, store,
        };
        command.SetAction(parse =>
        {
            var current = CommonOptions.LoadPolicy(parse.GetValue(basePolicy), stderr);
            var next = CommonOptions.LoadPolicy(parse.GetValue(proposed), stderr);
            if (current is null || next is null)
            {
                return CliApp.Unusable;
            }

            WhatIfResult result;
            try
            {
                // Streamed: records are parsed and scored on all cores as they are read; only the changes are kept.
                using var source = PipelineSource.Open(PipelineFormat.Json, parse.GetValue(file)!.FullName);
                result = PolicyWhatIf.Compare(OpportunityRules.CreateScorer(current), OpportunityRules.CreateScorer(next), source);
            }
            catch (Exception e) when (e is PipelineFormatException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine(e.Message);
                return CliApp.Unusable;
            }

            List<WhatIfOverrides.ReRaised>? reRaised = null;
            if (parse.GetValue(store) is { } ledgerStore && LoopOutput.With(ledgerStore, stderr, ledger =>
                {
                    reRaised = WhatIfOverrides.Find(ledger, result);
                    return CliApp.Ok;
                }) != CliApp.Ok)
            {
                return CliApp.Unusable;
            }

            if (parse.GetValue(format) == "json")
            {
                var json = JsonSerializer.Serialize(result, ContractJson.Indented);
                stdout.WriteLine(reRaised is null ? json : WhatIfOverrides.AddTo(json, reRaised));
            }
            else
            {
                Render(result, Texts.For(parse.GetValue(culture)), stdout);
                if (reRaised is not null)
                {
                    WhatIfOverrides.Write(reRaised, stdout);
                }
            }

            foreach (var error in result.Errors)
            {
                stderr.WriteLine($"rejected {error.Id ?? "record " + error.Index} (index {error.Index}), {error.Field}: {error.Message}");
            }

            return result.Errors.Count == 0 ? CliApp.Ok : CliApp.SomeRejected;
        });
        return command;
    }

    internal static void Render(WhatIfResult result, Texts t, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(t.Get("whatif.title", $"{result.Current.Name} {result.Current.Version}", $"{result.Proposed.Name} {result.Proposed.Version}", result.AsOf.ToString("yyyy-MM-dd", inv)));
        output.WriteLine(t.Get("whatif.compared", result.Compared, result.Counts["changed"]));
        foreach (var (kind, count) in result.Counts.Where(c => c.Key != "changed"))
        {
            output.WriteLine($"  {kind}: {count.ToString(inv)}");
        }

        foreach (var c in result.Changes)
        {
            output.WriteLine();
            var parts = new List<string>();
            if (c.Kinds.Contains("grade"))
            {
                parts.Add($"grade {c.GradeBefore} → {c.GradeAfter}");
            }

            if (c.Kinds.Contains("gate"))
            {
                parts.Add($"gate {ContractWords.Of(c.GateBefore)} → {ContractWords.Of(c.GateAfter)}");
            }

            if (c.Kinds.Contains("bid"))
            {
                parts.Add($"bid {PolicyWhatIf.Word(c.BidBefore)} → {PolicyWhatIf.Word(c.BidAfter)}");
            }

            output.WriteLine($"{c.Id}: {string.Join(", ", parts)} ({t.Get("whatif.score")} {c.ScoreBefore.ToString(inv)} → {c.ScoreAfter.ToString(inv)})");
            foreach (var r in c.Reasons)
            {
                output.WriteLine($"  {r.Rule}: {r.PointsBefore.ToString(inv)} → {r.PointsAfter.ToString(inv)}");
            }

            Codes(output, t.Get("whatif.fatalAdded"), c.FatalAdded);
            Codes(output, t.Get("whatif.fatalRemoved"), c.FatalRemoved);
            Codes(output, t.Get("whatif.reviewAdded"), c.ReviewAdded);
            Codes(output, t.Get("whatif.reviewRemoved"), c.ReviewRemoved);
            Codes(output, t.Get("whatif.knockOutsAdded"), c.KnockOutsAdded);
            Codes(output, t.Get("whatif.knockOutsRemoved"), c.KnockOutsRemoved);
            Codes(output, t.Get("whatif.gateAdded"), c.GateMissingAdded);
            Codes(output, t.Get("whatif.gateRemoved"), c.GateMissingRemoved);
        }
    }

    private static void Codes(TextWriter output, string label, IReadOnlyList<string> codes)
    {
        if (codes.Count > 0)
        {
            output.WriteLine($"  {label}: {string.Join(", ", codes)}");
        }
    }
}
