namespace OpportunityScoring.BidDecision;

/// <summary>
/// The bid slice's vocabulary: the fatal factors the rules implement (any one in force means do not bid) and the two
/// that cannot be switched off, the source's cutoff.
/// </summary>
internal static class BidCodes
{
    /// <summary>The gross margin is below the company's floor (利潤達不到公司要求).</summary>
    public const string MarginBelowFloor = "marginBelowFloor";

    /// <summary>The project would lose money (虧損).</summary>
    public const string Loss = "loss";

    /// <summary>The buying criteria favour a competitor and we are behind (購買指標確實對自己不利): the one fatal factor a relationship bid can answer.</summary>
    public const string CriteriaAgainstUs = "criteriaAgainstUs";

    /// <summary>The fatal factors the bid rule set implements, in the order a decision lists them; a policy lists those in force.</summary>
    public static IReadOnlyList<string> FatalFactorCodes { get; } =
        [MarginBelowFloor, Loss, CriteriaAgainstUs, "noCommittedBudget", "noNeed", "outsideStrategy", "costRisk"];

    /// <summary>The fatal factors a policy may not switch off: the source's cutoff.</summary>
    public static IReadOnlyList<string> Required { get; } = [MarginBelowFloor, Loss];

    /// <summary>The reasons a bid goes to review, in the order a decision lists them.</summary>
    public static IReadOnlyList<string> ReviewCodes { get; } = ["marginNearFloor", "marginUnknown", "costRisk", "lossRisk"];

    /// <summary>Whether a stage still has a bid to decide (up to the tender).</summary>
    public static bool Applies(Stage stage) => stage <= Stage.Tender;

    /// <summary>What the bid result is at a stage: the decision at the tender, an outlook before it.</summary>
    public static BidKind KindAt(Stage stage) => stage == Stage.Tender ? BidKind.Decision : BidKind.Outlook;
}
