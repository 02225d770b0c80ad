using System.Globalization;
using OpportunityScoring.Grading;

namespace OpportunityScoring.Reference;

/// <summary>Compares an engine's <see cref="Assessment"/> with the reference's decisions, field by field (messages excluded).</summary>
public static class ReferenceComparison
{
    /// <summary>The differences, as readable lines; empty when the two agree.</summary>
    /// <param name="a">The engine's assessment.</param>
    /// <param name="r">The reference's decisions for the same opportunity.</param>
    /// <returns>The differences.</returns>
    public static IReadOnlyList<string> Differences(Assessment a, in ReferenceAssessment r)
    {
        ArgumentNullException.ThrowIfNull(a);
        var d = new List<string>();
        Check(d, "grade", a.Grade, r.Grade);
        Check(d, "score", a.Score, r.Score);
        for (var c = 0; c < 7; c++)
        {
            Check(d, "criteria." + GradingCodes.CriterionNames[c], a.Criteria[(Criterion)c], r.Criteria[c]);
        }

        Check(d, "winProbability", a.WinProbability, r.WinProbability);
        Codes(d, "knockOuts", a.KnockOuts.Select(k => k.Code), r.KnockOuts, ReferenceCodes.KnockOuts);
        Codes(d, "redFlags", a.RedFlags.Select(f => f.Code), r.RedFlags, ReferenceCodes.RedFlags);
        Check(d, "gate.outcome", a.Gate.Outcome, r.GateOutcome);
        Check(d, "gate.nextStage", a.Gate.NextStage, r.NextStage);
        Codes(d, "gate.missing", a.Gate.Missing.Select(m => m.Code), r.GateMissing, ReferenceCodes.GateRequirements);
        Codes(d, "gate.endedBy", a.Gate.EndedBy.Select(m => m.Code), r.GateEnds, ReferenceCodes.GateEnds);
        Check(d, "bid present", a.Bid is not null, r.HasBid);
        if (a.Bid is { } bid && r.HasBid)
        {
            Check(d, "bid.decision", bid.Decision, r.Bid);
            Check(d, "bid.kind", bid.Kind, r.BidKind);
            Codes(d, "bid.fatalFactors", bid.FatalFactors.Select(f => f.Code), r.FatalFactors, ReferenceCodes.FatalFactors);
            Codes(d, "bid.reviewReasons", bid.ReviewReasons.Select(f => f.Code), r.Reviews, ReferenceCodes.BidReviews);
            Check(d, "bid.grossMargin", bid.GrossMargin, r.GrossMargin);
            Check(d, "bid.netMargin", bid.NetMargin, r.NetMargin);
            Check(d, "bid.marginFloor", bid.MarginFloor, r.MarginFloor);
            Check(d, "bid.costRisk present", bid.CostRisk is not null, r.HasCostRisk);
            if (bid.CostRisk is { } risk && r.HasCostRisk)
            {
                Check(d, "bid.costRisk.pBelowFloor", risk.ProbabilityBelowFloor, r.ProbabilityBelowFloor);
                Check(d, "bid.costRisk.pLoss", risk.ProbabilityOfLoss, r.ProbabilityOfLoss);
            }

            Check(d, "bid.economics present", bid.Economics is not null, r.HasEconomics);
            if (bid.Economics is { } e && r.HasEconomics)
            {
                Check(d, "bid.economics.marginAmount", e.MarginAmount, r.MarginAmount);
                Check(d, "bid.economics.expectedValue", e.ExpectedValue, r.ExpectedValue);
                Check(d, "bid.economics.breakEven", e.BreakEvenWinProbability, r.BreakEvenWinProbability);
                Check(d, "bid.economics.maxBidCost", e.MaxBidCost, r.MaxBidCost);
            }
        }

        return d;
    }

    private static void Check<T>(List<string> d, string field, T engine, T reference)
    {
        if (!EqualityComparer<T>.Default.Equals(engine, reference))
        {
            d.Add(string.Create(CultureInfo.InvariantCulture, $"{field}: engine {engine}, reference {reference}"));
        }
    }

    private static void Codes(List<string> d, string field, IEnumerable<string> engine, ulong reference, IReadOnlyList<string> catalog)
    {
        var e = engine.Order(StringComparer.Ordinal).ToList();
        var r = ReferenceCodes.Decode(reference, catalog);
        if (!e.SequenceEqual(r, StringComparer.Ordinal))
        {
            d.Add($"{field}: engine [{string.Join(", ", e)}], reference [{string.Join(", ", r)}]");
        }
    }
}
