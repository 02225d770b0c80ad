using System.Globalization;
using OpportunityScoring.Pipelines;
using Spectre.Console;

namespace OpportunityScoring.Cli;

/// <summary>The table format: one row per opportunity with its grade, score, strongest reasons and red flags.</summary>
internal static class TableRenderer
{
    private static string Gate(GateResult gate) => gate.Outcome switch
    {
        GateOutcome.Advance => $"{ContractWords.Of(gate.Stage)}: advance → {ContractWords.Of(gate.NextStage)}",
        GateOutcome.Defer => $"{ContractWords.Of(gate.Stage)}: defer ({gate.Missing.Count} missing)",
        _ => $"{ContractWords.Of(gate.Stage)}: end ({string.Join(", ", gate.EndedBy.Select(e => e.Code))})",
    };

    public static void Render(PolicyStamp policy, DateOnly asOf, IReadOnlyList<Assessment> assessments, IReadOnlyList<InputError> errors, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{assessments.Count} assessed, {errors.Count} rejected — policy {policy.Name} {policy.Version} ({policy.Sha256[..12]}), as of {asOf:yyyy-MM-dd}")
            .AddColumn("Opportunity").AddColumn("Grade").AddColumn(new TableColumn("Score").RightAligned()).AddColumn(new TableColumn("P(win)").RightAligned())
            .AddColumn("Gate").AddColumn("Bid")
            .AddColumn("Top reasons").AddColumn("Red flags").AddColumn("Missing evidence");
        foreach (var a in assessments)
        {
            var top = a.Reasons.Where(r => r.Points > 0).OrderByDescending(r => r.Points).Take(3)
                .Select(r => $"+{r.Points.ToString("0.##", CultureInfo.InvariantCulture)} {r.Rule}");
            table.AddRow(
                Markup.Escape(a.Id),
                a.Grade.ToString(),
                a.Score.ToString("0.##", CultureInfo.InvariantCulture),
                a.WinProbability.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(Gate(a.Gate)),
                Markup.Escape(a.Bid is null ? "-" : ContractWords.Of(a.Bid.Decision) + (a.Bid.FatalFactors.Count > 0 ? "\n" + string.Join("\n", a.Bid.FatalFactors.Select(f => f.Code)) : "")),
                Markup.Escape(string.Join("\n", top)),
                Markup.Escape(a.RedFlags.Count == 0 ? "-" : string.Join("\n", a.RedFlags.Select(f => f.Code))),
                a.MissingEvidence.Count.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (errors.Count > 0)
        {
            var rejected = new Table().Border(TableBorder.Rounded).Title("Rejected records")
                .AddColumn("Id / index").AddColumn("Field").AddColumn("Message");
            foreach (var e in errors)
            {
                rejected.AddRow(Markup.Escape(e.Id ?? $"#{e.Index}"), Markup.Escape(e.Field), Markup.Escape(e.Message));
            }

            console.Write(rejected);
        }
    }
}
