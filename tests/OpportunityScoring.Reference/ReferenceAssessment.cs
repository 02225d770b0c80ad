using System.Runtime.CompilerServices;

namespace OpportunityScoring.Reference;

/// <summary>The seven criterion sub-scores (0–100, rounded to 0.01), indexed by <see cref="Criterion"/>.</summary>
[InlineArray(7)]
public struct SubScores
{
    private decimal _first;
}

/// <summary>
/// What the reference evaluator decides for one opportunity: everything the engine decides except the messages.
/// A value type with code sets as bit masks (see <see cref="ReferenceCodes"/>), so evaluation does not allocate
/// (the cost-risk model, used only for opportunities with a cost range, does).
/// </summary>
#pragma warning disable CA1051 // public fields: a plain result record for tests and benchmarks, filled in place
#pragma warning disable CA1815 // no equality: compared field by field against the engine's assessment
public struct ReferenceAssessment
{
    /// <summary>The final grade (band capped by knock-outs).</summary>
    public Grade Grade;

    /// <summary>The band the score fell in, before knock-out caps.</summary>
    public Grade Band;

    /// <summary>The 0–100 score.</summary>
    public decimal Score;

    /// <summary>The criterion sub-scores.</summary>
    public SubScores Criteria;

    /// <summary>P(win), rounded to 4 places.</summary>
    public double WinProbability;

    /// <summary>Knock-outs applied (<see cref="ReferenceCodes.KnockOuts"/>).</summary>
    public uint KnockOuts;

    /// <summary>Red flags raised (<see cref="ReferenceCodes.RedFlags"/>).</summary>
    public uint RedFlags;

    /// <summary>The gate's outcome.</summary>
    public GateOutcome GateOutcome;

    /// <summary>The stage after the gate.</summary>
    public Stage NextStage;

    /// <summary>Evidence the gate still needs (<see cref="ReferenceCodes.GateRequirements"/>).</summary>
    public ulong GateMissing;

    /// <summary>Why the pursuit ends (<see cref="ReferenceCodes.GateEnds"/>).</summary>
    public uint GateEnds;

    /// <summary>Whether a bid decision applies (up to and including the tender).</summary>
    public bool HasBid;

    /// <summary>The bid decision.</summary>
    public BidRecommendation Bid;

    /// <summary>Whether the bid is the tender's decision or an outlook before it.</summary>
    public BidKind BidKind;

    /// <summary>Fatal factors (<see cref="ReferenceCodes.FatalFactors"/>).</summary>
    public uint FatalFactors;

    /// <summary>Review reasons (<see cref="ReferenceCodes.BidReviews"/>).</summary>
    public uint Reviews;

    /// <summary>The gross margin rounded to 6 places, if known.</summary>
    public decimal? GrossMargin;

    /// <summary>The net margin rounded to 6 places, if known.</summary>
    public decimal? NetMargin;

    /// <summary>The margin floor that applied.</summary>
    public decimal MarginFloor;

    /// <summary>Whether a cost risk was estimated.</summary>
    public bool HasCostRisk;

    /// <summary>P(margin below the floor).</summary>
    public double ProbabilityBelowFloor;

    /// <summary>P(loss).</summary>
    public double ProbabilityOfLoss;

    /// <summary>Whether the bid economics were computed.</summary>
    public bool HasEconomics;

    /// <summary>The margin amount if won, before the bid cost.</summary>
    public decimal MarginAmount;

    /// <summary>P(win) × margin − bid cost.</summary>
    public decimal ExpectedValue;

    /// <summary>Bid cost / margin.</summary>
    public double? BreakEvenWinProbability;

    /// <summary>The largest bid cost the opportunity can carry.</summary>
    public decimal MaxBidCost;
}
#pragma warning restore CA1815
#pragma warning restore CA1051
