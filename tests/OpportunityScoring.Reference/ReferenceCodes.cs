namespace OpportunityScoring.Reference;

/// <summary>
/// The stable codes the rule sets emit, as bit positions: the reference records sets of codes as bit masks so that
/// evaluating an opportunity allocates nothing. <see cref="Decode"/> turns a mask back into codes.
/// </summary>
public static class ReferenceCodes
{
    /// <summary>Gate requirement codes (every stage; bit = index).</summary>
    public static readonly string[] GateRequirements =
    [
        // development (0–7)
        "needAssessed", "budgetAssessed", "timelineAssessed", "competitionAssessed", "decisionChainAssessed", "strategicFitAssessed", "grossMarginAssessed", "followUpTable",
        // initiation (8–16)
        "initiationReport.projectName", "initiationReport.projectNumber", "initiationReport.customerOwner", "initiationReport.expectedContractAmount",
        "initiationReport.grossMarginEstimate", "initiationReport.salesExpenseBudget", "initiationReport.classification", "initiationReport.expectedSignDate", "shortlisted",
        // proposal (17–21; tenderDocumentsReceived is shared with the tender)
        "solutionDemoDone", "proposalSubmitted", "objectionsResolved", "keyBuyerCovered", "tenderDocumentsReceived",
        // tender (22–24)
        "bidTeamAssigned", "bidPriceApproved", "bidOutcome",
        // implementation (25–29)
        "handOverDone", "projectManagerAppointed", "implementationPlanApproved", "paymentsOnSchedule", "acceptanceSigned",
        // the grade requirement (30), the stage summary report of every stage (31), the margin at initiation (32)
        "minimumGrade", "stageSummaryFiled", "initiationReport.marginAtFloor",
        // proposal (33–36; initiationReportReviewed is shared with the tender)
        "companyVisitDone", "referenceVisitDone", "initiationReportReviewed", "valueAddedServiceOffered",
        // tender (37–43)
        "bidStrategyMeetingHeld", "bidDocumentReviewed", "requirementsCommunicated", "competitiveStrategySet", "presentersAssigned", "statementOfWorkReviewed", "contractSigned",
        // implementation (44–49)
        "projectTeamFormed", "customerProjectTeamFormed", "implementationPlanComplete", "deliveryCompleted", "stageReviewsHeld", "projectClosedOut",
        // a no-bid outlook before the tender (50): not a policy requirement, always checked
        "noBidOutlook",
    ];

    /// <summary>Codes that end a pursuit at a gate.</summary>
    public static readonly string[] GateEnds = ["notShortlisted", "bidLost", "knockOut", "noBid"];

    /// <summary>Knock-out codes.</summary>
    public static readonly string[] KnockOuts = ["noNeed", "outsideStrategy", "noCommittedBudget", "lossMaking"];

    /// <summary>Red-flag codes: the grading rule set's first (0–7), then the stage gates' (8–11).</summary>
    public static readonly string[] RedFlags =
    [
        "buyingCriteriaAgainstUs", "noCoach", "procurementNotEngaged", "economicBuyerNotIdentified", "economicBuyerNotCovered",
        "highInfluenceOpponent", "expertPanelUncovered", "singleThreaded",
        "initiationReportAmountDrift", "initiationReportMarginDrift", "staleStage", "behindCustomer",
    ];

    /// <summary>Fatal-factor codes (the policy's catalogue).</summary>
    public static readonly string[] FatalFactors = ["marginBelowFloor", "loss", "criteriaAgainstUs", "noCommittedBudget", "noNeed", "outsideStrategy", "costRisk"];

    /// <summary>Bid review codes.</summary>
    public static readonly string[] BidReviews = ["marginNearFloor", "marginUnknown", "costRisk", "lossRisk"];

    internal const int MinimumGrade = 30;
    internal const int TenderDocumentsReceived = 21;
    internal const int StageSummaryFiled = 31;
    internal const int MarginAtFloor = 32;
    internal const int InitiationReportReviewed = 35;
    internal const int NoBidOutlook = 50;
    internal const int GradingFlagCount = 8;

    /// <summary>The codes whose bits are set in a mask, sorted ordinally.</summary>
    /// <param name="mask">The mask.</param>
    /// <param name="catalog">One of this class's code tables.</param>
    /// <returns>The codes.</returns>
    public static IReadOnlyList<string> Decode(ulong mask, IReadOnlyList<string> catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var codes = new List<string>();
        for (var i = 0; i < catalog.Count; i++)
        {
            if ((mask & (1UL << i)) != 0)
            {
                codes.Add(catalog[i]);
            }
        }

        codes.Sort(StringComparer.Ordinal);
        return codes;
    }
}
