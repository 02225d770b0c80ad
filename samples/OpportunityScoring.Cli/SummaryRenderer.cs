using System.Globalization;
using OpportunityScoring.Pipelines;
using Spectre.Console;

namespace OpportunityScoring.Cli;

/// <summary>The pipeline summary table, and the changes since the previous run.</summary>
internal static class SummaryRenderer
{
    public static void Render(PipelineSummary summary, DiffCounts? diff, IReadOnlyList<OpportunityChange> changes, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;

        var table = new Table().Border(TableBorder.Rounded).Title("Pipeline summary").AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("records in", N(summary.Records));
        table.AddRow("assessed", N(summary.Assessed));
        table.AddRow("rejected", N(summary.Rejected));
        foreach (var (field, counts) in summary.CountsBy)
        {
            foreach (var (value, count) in counts)
            {
                table.AddRow(Markup.Escape($"{field} {value}"), N(count));
            }
        }

        table.AddRow("open pipeline value", summary.OpenPipelineValue.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("weighted pipeline value", summary.WeightedPipelineValue?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a (no win probability yet)");
        if (summary.Scores is { } s)
        {
            table.AddRow("score mean", F(s.Mean));
            table.AddRow("score median", F(s.Median));
            table.AddRow("score p10 / p90", $"{F(s.P10)} / {F(s.P90)}");
            table.AddRow("score std dev", F(s.StandardDeviation));
            table.AddRow("score min / max", $"{F(s.Min)} / {F(s.Max)}");
        }

        if (diff is not null)
        {
            table.AddRow("since previous: changed", N(diff.Changed));
            table.AddRow("since previous: unchanged", N(diff.Unchanged));
            table.AddRow("since previous: new / removed", $"{N(diff.New)} / {N(diff.Removed)}");
        }

        console.Write(table);
        if (changes.Count == 0)
        {
            return;
        }

        var list = new Table().Border(TableBorder.Rounded).Title(diff is { } d && d.Changed + d.New + d.Removed > changes.Count ? $"Changes (first {changes.Count})" : "Changes")
            .AddColumn("Opportunity").AddColumn("Change").AddColumn("Why (rules whose points differ)");
        foreach (var change in changes)
        {
            var what = string.Join("\n", change.Fields.Where(f => f.Before != f.After).Select(f => $"{f.Field}: {f.Before ?? "-"} → {f.After ?? "-"}"));
            var why = string.Join("\n", change.Reasons.Take(6).Select(r => $"{r.Rule}: {P(r.Before)} → {P(r.After)}"))
                + (change.Reasons.Count > 6 ? $"\n… {change.Reasons.Count - 6} more" : string.Empty);
            list.AddRow(Markup.Escape(change.Id), Markup.Escape(change.Kind == ChangeKind.Changed ? what : change.Kind.ToString().ToLowerInvariant() + "\n" + what), Markup.Escape(why.Length == 0 ? "-" : why));
        }

        console.Write(list);
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static string P(decimal? p) => p is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";
}
