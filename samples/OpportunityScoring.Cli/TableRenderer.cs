using System.Globalization;
using Spectre.Console;

namespace OpportunityScoring.Cli;

/// <summary>The table format: one row per opportunity with its grade, score, strongest reasons and red flags.</summary>
internal static class TableRenderer
{
    private static string Gate(GateResult gate) => gate.Outcome switch
    {
        GateOutcome.Advance => $"{PolicyCatalog.Word(gate.Stage)}: advance → {PolicyCatalog.Word(gate.NextStage)}",
        GateOutcome.Defer => $"{PolicyCatalog.Word(gate.Stage)}: defer ({gate.Missing.Count} missing)",
        _ => $"{PolicyCatalog.Word(gate.Stage)}: end ({string.Join(", ", gate.EndedBy.Select(e => e.Code))})",
    };

    public static void Render(PipelineResult result, TextWriter output)
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
            .Title($"{result.Assessments.Count} assessed, {result.Errors.Count} rejected — policy {result.Policy.Name} {result.Policy.Version} ({result.Policy.Sha256[..12]}), as of {result.AsOf:yyyy-MM-dd}")
            .AddColumn("Opportunity").AddColumn("Grade").AddColumn(new TableColumn("Score").RightAligned()).AddColumn(new TableColumn("P(win)").RightAligned())
            .AddColumn("Gate").AddColumn("Bid")
            .AddColumn("Top reasons").AddColumn("Red flags").AddColumn("Missing evidence");
        foreach (var a in result.Assessments)
        {
            var top = a.Reasons.Where(r => r.Points > 0).OrderByDescending(r => r.Points).Take(3)
                .Select(r => $"+{r.Points.ToString("0.##", CultureInfo.InvariantCulture)} {r.Rule}");
            table.AddRow(
                Markup.Escape(a.Id),
                a.Grade.ToString(),
                a.Score.ToString("0.##", CultureInfo.InvariantCulture),
                a.WinProbability.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(Gate(a.Gate)),
                Markup.Escape(a.Bid is null ? "-" : PolicyCatalog.Word(a.Bid.Decision) + (a.Bid.FatalFactors.Count > 0 ? "\n" + string.Join("\n", a.Bid.FatalFactors.Select(f => f.Code)) : "")),
                Markup.Escape(string.Join("\n", top)),
                Markup.Escape(a.RedFlags.Count == 0 ? "-" : string.Join("\n", a.RedFlags.Select(f => f.Code))),
                a.MissingEvidence.Count.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (result.Errors.Count > 0)
        {
            var errors = new Table().Border(TableBorder.Rounded).Title("Rejected records")
                .AddColumn("Id / index").AddColumn("Field").AddColumn("Message");
            foreach (var e in result.Errors)
            {
                errors.AddRow(Markup.Escape(e.Id ?? $"#{e.Index}"), Markup.Escape(e.Field), Markup.Escape(e.Message));
            }

            console.Write(errors);
        }
    }
}
