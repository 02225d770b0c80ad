namespace OpportunityScoring.Rules;

/// <summary>The rule sets, as the tags their rules carry.</summary>
internal static class RuleSetNames
{
    /// <summary>A–D grading: points per evidence item, decision-chain flags, knock-outs, the grade bands.</summary>
    public const string Grading = "Grading";

    /// <summary>Stage gates: the evidence each stage needs to advance, what ends a pursuit, staleness and drift.</summary>
    public const string StageGates = "StageGates";

    /// <summary>Bid / no-bid: the margin floor and loss cutoff, fatal factors, cost risk, bid economics.</summary>
    public const string BidDecision = "BidDecision";

    /// <summary>The account grade (大客戶 A–D): points per item of value, potential, relationship, strategic fit and service health, knock-outs, bands. Not an opportunity rule set: graded per account.</summary>
    public const string Accounts = "Accounts";

    /// <summary>The service targets of a key account (合格率, 滿意度, 投訴, 回款, 高層拜訪): each miss a red flag. Graded per account with <see cref="Accounts"/>.</summary>
    public const string ServiceTargets = "ServiceTargets";

    /// <summary>The rule sets graded per account, not per opportunity.</summary>
    public static IReadOnlyList<string> AccountSets { get; } = [Accounts, ServiceTargets];

    /// <summary>All opportunity rule sets this assembly ships, in firing order.</summary>
    public static IReadOnlyList<string> All { get; } = [Grading, StageGates, BidDecision];
}

/// <summary>
/// Rule priorities: NRules fires higher priorities first. Points and flags fire before the total,
/// the total before the grade bands, and decisions that need the grade after it.
/// </summary>
internal static class Phase
{
    public const int Points = 100;
    public const int Total = 50;
    public const int Band = 40;
    public const int Gate = 30;
    public const int WinProbability = 27;
    public const int BidRisk = 25;
    public const int Bid = 20;
    public const int BidDecision = 15;
    public const int GateAfterBid = 12;
    public const int GateDecision = 10;
}
