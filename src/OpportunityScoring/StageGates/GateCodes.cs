namespace OpportunityScoring.StageGates;

/// <summary>
/// The stage-gate slice's vocabulary: the evidence each stage's gate can require (the rules implement every code),
/// the reasons a pursuit ends, and the order of the stages.
/// </summary>
internal static class GateCodes
{
    /// <summary>The gate requirement the grade meets the company's minimum for the stage (the 立項 requirement).</summary>
    public const string MinimumGrade = "minimumGrade";

    /// <summary>
    /// The evidence each stage's gate can require, by stage, in the order the gate lists what is missing. A policy lists
    /// the codes it requires per stage; a code not listed here is an error.
    /// </summary>
    public static IReadOnlyDictionary<Stage, IReadOnlyList<string>> Requirements { get; } = new Dictionary<Stage, IReadOnlyList<string>>
    {
        [Stage.Development] = ["needAssessed", "budgetAssessed", "timelineAssessed", "competitionAssessed", "decisionChainAssessed", "strategicFitAssessed", "grossMarginAssessed", "followUpTable", MinimumGrade],
        [Stage.Initiation] =
        [
            "initiationReport.projectName", "initiationReport.projectNumber", "initiationReport.customerOwner", "initiationReport.expectedContractAmount",
            "initiationReport.grossMarginEstimate", "initiationReport.salesExpenseBudget", "initiationReport.classification", "initiationReport.expectedSignDate",
            MinimumGrade, "shortlisted",
        ],
        [Stage.Proposal] = ["solutionDemoDone", "proposalSubmitted", "objectionsResolved", "keyBuyerCovered", "tenderDocumentsReceived"],
        [Stage.Tender] = ["tenderDocumentsReceived", "bidTeamAssigned", "bidPriceApproved", "bidOutcome"],
        [Stage.Implementation] = ["handOverDone", "projectManagerAppointed", "implementationPlanApproved", "paymentsOnSchedule", "acceptanceSigned"],
    };

    /// <summary>The stage an opportunity moves to when it passes its gate.</summary>
    /// <returns>The next stage (<see cref="Stage.Closed"/> after implementation and for closed).</returns>
    public static Stage NextStage(Stage stage) => stage == Stage.Closed ? Stage.Closed : stage + 1;
}
