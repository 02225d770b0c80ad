namespace OpportunityScoring.StageGates;

/// <summary>
/// The stage-gate slice's vocabulary: the evidence each stage's gate can require (the rules implement every code),
/// the reasons a pursuit ends, and the order of the stages.
/// </summary>
internal static class GateCodes
{
    /// <summary>The gate requirement the grade meets the company's minimum for the stage (the 立項 requirement).</summary>
    public const string MinimumGrade = "minimumGrade";

    /// <summary>The gate requirement the initiation report's margin estimate meets the company's floor (the 立項 requirement on the margin).</summary>
    public const string MarginAtFloor = "initiationReport.marginAtFloor";

    /// <summary>The current stage's summary report (階段總結報告): a requirement every stage's gate can have.</summary>
    public const string StageSummaryFiled = "stageSummaryFiled";

    /// <summary>
    /// What a gate before the tender still needs when the bid outlook is no-bid: the fatal factors cleared. Not a policy
    /// requirement: the gate and the bid never disagree, so a no-bid outlook always defers the gate.
    /// </summary>
    public const string NoBidOutlook = "noBidOutlook";

    /// <summary>
    /// The evidence each stage's gate can require, by stage, in the order the gate lists what is missing. A policy lists
    /// the codes it requires per stage; a code not listed here is an error.
    /// </summary>
    public static IReadOnlyDictionary<Stage, IReadOnlyList<string>> Requirements { get; } = new Dictionary<Stage, IReadOnlyList<string>>
    {
        [Stage.Development] = ["needAssessed", "budgetAssessed", "timelineAssessed", "competitionAssessed", "decisionChainAssessed", "strategicFitAssessed", "grossMarginAssessed", "followUpTable", MinimumGrade, StageSummaryFiled],
        [Stage.Initiation] =
        [
            "initiationReport.projectName", "initiationReport.projectNumber", "initiationReport.customerOwner", "initiationReport.expectedContractAmount",
            "initiationReport.grossMarginEstimate", MarginAtFloor, "initiationReport.salesExpenseBudget", "initiationReport.classification", "initiationReport.expectedSignDate",
            MinimumGrade, "shortlisted", StageSummaryFiled,
        ],
        [Stage.Proposal] =
        [
            "solutionDemoDone", "companyVisitDone", "referenceVisitDone", "proposalSubmitted", "initiationReportReviewed", "objectionsResolved", "valueAddedServiceOffered",
            "keyBuyerCovered", "tenderDocumentsReceived", StageSummaryFiled,
        ],
        [Stage.Tender] =
        [
            "tenderDocumentsReceived", "initiationReportReviewed", "bidStrategyMeetingHeld", "bidTeamAssigned", "bidDocumentReviewed", "requirementsCommunicated",
            "competitiveStrategySet", "presentersAssigned", "bidPriceApproved", "statementOfWorkReviewed", "bidOutcome", "contractSigned", StageSummaryFiled,
        ],
        [Stage.Implementation] =
        [
            "handOverDone", "projectTeamFormed", "projectManagerAppointed", "customerProjectTeamFormed", "implementationPlanApproved", "implementationPlanComplete",
            "paymentsOnSchedule", "deliveryCompleted", "stageReviewsHeld", "acceptanceSigned", "projectClosedOut", StageSummaryFiled,
        ],
    };

    /// <summary>
    /// The earliest of our stages that keeps pace with each of the customer's buying steps (source: "銷售流程…緊密對應與配合大客戶的
    /// 購買管理流程"): an opportunity in an earlier stage is behind the customer. Indexed by <see cref="BuyingStep"/>.
    /// </summary>
    public static IReadOnlyList<Stage> PaceOf { get; } =
    [
        Stage.Development,    // unknown: never behind
        Stage.Development,    // needsIdentified: 客戶立項前期, we find the lead
        Stage.Proposal,       // solutionsEvaluated: 客戶將開始比較各個供應商提供的不同方案 (the proposal stage)
        Stage.Proposal,       // projectApproved: the customer's project and budget stand before its tender
        Stage.Tender,         // tenderIssued: 由於客戶的招標,使得購買流程與銷售流程統一在一起
        Stage.Tender,         // bidsEvaluated
        Stage.Tender,         // awarded: the tender's goal, then the commercial negotiation
        Stage.Implementation, // contracted: 由於客戶已經簽訂協議 (the implementation stage)
    ];

    /// <summary>Whether we are behind the customer: our stage is earlier than the one its buying step calls for (never for a closed opportunity).</summary>
    public static bool BehindCustomer(Stage stage, BuyingStep step) =>
        stage < Stage.Closed && (uint)step < (uint)PaceOf.Count && stage < PaceOf[(int)step];

    /// <summary>The stage an opportunity moves to when it passes its gate.</summary>
    /// <returns>The next stage (<see cref="Stage.Closed"/> after implementation and for closed).</returns>
    public static Stage NextStage(Stage stage) => stage == Stage.Closed ? Stage.Closed : stage + 1;
}
