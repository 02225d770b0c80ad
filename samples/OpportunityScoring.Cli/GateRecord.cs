using System.Text;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>report --store</c>: the decision record becomes the gate record — the day, the decision, the engine's
/// recommendation, the override and its approver, the approved deviations, the fatal factors (Shipley files each gate
/// decision with its participants and approved deviations).
/// </summary>
internal static class GateRecord
{
    public static string Markdown(Assessment assessment, DateOnly asOf, IReadOnlyList<OverrideStatus> overrides, Texts t)
    {
        var md = new StringBuilder();
        md.AppendLine().Append("## ").AppendLine(LoopTexts.Get(t, "gate.title")).AppendLine();
        md.AppendLine("- " + LoopTexts.Get(t, "gate.date", LoopOutput.D(asOf)));
        var (kind, engine) = assessment.Bid is { } bid ? (OverrideKind.Bid, ContractWords.Of(bid.Decision)) : (OverrideKind.Gate, ContractWords.Of(assessment.Gate.Outcome));
        var standing = overrides.Where(o => o.State is OverrideState.Active or OverrideState.Lapsed or OverrideState.ReRaised).ToList();
        var decisive = standing.LastOrDefault(o => o.Kind == kind && o.State == OverrideState.Active);
        md.AppendLine("- " + LoopTexts.Get(t, "gate.decision", LoopTexts.Decision(t, kind, decisive?.Value ?? engine)));
        md.AppendLine("- " + LoopTexts.Get(t, "gate.engine", LoopTexts.Decision(t, kind, engine)));
        if (decisive is null)
        {
            md.AppendLine("- " + LoopTexts.Get(t, "gate.noOverride"));
        }

        md.AppendLine();
        if (standing.Count > 0)
        {
            md.Append("### ").AppendLine(LoopTexts.Get(t, "gate.deviations")).AppendLine();
            foreach (var o in standing)
            {
                md.AppendLine("- " + LoopTexts.Get(t, "gate.override", LoopTexts.Get(t, "kind." + LoopWords.Of(o.Kind)), LoopTexts.Decision(t, o.Kind, o.Value), o.ApprovedBy, o.Reason,
                    LoopTexts.Get(t, "state." + LoopWords.Of(o.State))));
            }

            md.AppendLine();
        }

        md.Append("### ").AppendLine(LoopTexts.Get(t, "gate.fatal")).AppendLine();
        var fatal = assessment.Bid?.FatalFactors ?? [];
        if (fatal.Count == 0)
        {
            md.AppendLine(LoopTexts.Get(t, "gate.noFatal"));
        }

        foreach (var f in fatal)
        {
            md.Append("- ").AppendLine(f.Text.Render(t));
        }

        return md.ToString();
    }
}
