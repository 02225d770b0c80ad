namespace OpportunityScoring.Ledger;

/// <summary>The decisions against what happened (docs/ledger.md, "The win/loss review").</summary>
/// <param name="Since">Only opportunities closed on or after this day, when given.</param>
/// <param name="Closed">Closed opportunities with an outcome.</param>
/// <param name="WithoutAssessment">Of them, those with no complete assessment before the close (left out of the figures).</param>
/// <param name="ByGrade">Outcomes by the grade of the last assessment before the close.</param>
/// <param name="ByStage">Outcomes by the furthest stage an assessment before the close saw.</param>
/// <param name="Bids">The engine's bid decision before the close against the result.</param>
/// <param name="Overrides">Each override in force at the close: the engine's decision, the people's, and who was right.</param>
/// <param name="Reliability">The win probability before the close against the won/lost results, in ten bins.</param>
public sealed record WinLossReview(
    DateOnly? Since, int Closed, int WithoutAssessment, IReadOnlyList<RateRow> ByGrade, IReadOnlyList<RateRow> ByStage,
    IReadOnlyList<BidResultRow> Bids, IReadOnlyList<OverrideVerdict> Overrides, IReadOnlyList<ReliabilityBin> Reliability);

/// <summary>Outcomes of a group, with the win rate (won of won and lost) and its 95% Wilson interval.</summary>
/// <param name="Group">The grade or stage.</param>
/// <param name="Closed">Closed in the group.</param>
/// <param name="Won">Won.</param>
/// <param name="Lost">Lost.</param>
/// <param name="NoBid">Not bid.</param>
/// <param name="Withdrawn">Withdrawn.</param>
/// <param name="WinRate">Won / (won + lost); null without a bid decided.</param>
/// <param name="Low">The interval's low end.</param>
/// <param name="High">The interval's high end.</param>
public sealed record RateRow(string Group, int Closed, int Won, int Lost, int NoBid, int Withdrawn, double? WinRate, double? Low, double? High);

/// <summary>The engine's bid decision before the close against what happened.</summary>
/// <param name="EngineBid">The engine's decision (bid, noBid, review, relationshipBid; none after the tender).</param>
/// <param name="Won">Won.</param>
/// <param name="Lost">Lost (a bid made and lost).</param>
/// <param name="NoBid">Not bid.</param>
/// <param name="Withdrawn">Withdrawn.</param>
public sealed record BidResultRow(string EngineBid, int Won, int Lost, int NoBid, int Withdrawn);

/// <summary>An override in force at the close, judged by the outcome.</summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="Kind">What it overrode.</param>
/// <param name="Engine">The engine's decision.</param>
/// <param name="People">The people's decision.</param>
/// <param name="ApprovedBy">Who approved it.</param>
/// <param name="Reason">Why.</param>
/// <param name="Result">What happened.</param>
/// <param name="Right">Who the outcome proved right: <c>people</c>, <c>engine</c>, or <c>unknown</c> (the other path was not taken, or the override did not decide whether to go on).</param>
public sealed record OverrideVerdict(string OpportunityId, OverrideKind Kind, string Engine, string People, string ApprovedBy, string Reason, OutcomeResult Result, string Right);

/// <summary>One bin of the reliability table: predicted against observed win rate, with the 95% Wilson interval of the observed.</summary>
/// <param name="Lower">The bin's lower bound.</param>
/// <param name="Upper">The bin's upper bound.</param>
/// <param name="Count">Won and lost opportunities in it.</param>
/// <param name="Won">Of them won.</param>
/// <param name="MeanPredicted">Their mean win probability.</param>
/// <param name="Observed">Their win rate.</param>
/// <param name="Low">The interval's low end.</param>
/// <param name="High">The interval's high end.</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, int Won, double? MeanPredicted, double? Observed, double? Low, double? High);
