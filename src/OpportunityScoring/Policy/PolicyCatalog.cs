using System.Text.Json;

namespace OpportunityScoring;

/// <summary>The vocabulary a policy may use: criteria and their evidence items, scales, knock-outs.</summary>
public static class PolicyCatalog
{
    /// <summary>The contract's name of each criterion, in <see cref="Criterion"/> order.</summary>
    public static IReadOnlyList<string> CriterionNames { get; } =
        ["need", "budget", "timeline", "competition", "decisionChain", "strategicFit", "grossMargin"];

    /// <summary>The evidence items of each criterion, by criterion name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Items { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["need"] = ["level", "requirementsDocumented", "evaluationCriteriaKnown"],
        ["budget"] = ["status", "coverage"],
        ["timeline"] = ["purchaseTimeframe", "schedule"],
        ["competition"] = ["position", "buyingCriteriaFavor", "incumbent"],
        ["decisionChain"] = ["keyBuyerCoverage", "support", "opposition", "procurementEngaged", "breadth"],
        ["strategicFit"] = ["strategy", "marketPositioning", "productDirection", "futureInfluence"],
        ["grossMargin"] = ["margin"],
    };

    /// <summary>The knock-out codes the rule sets implement.</summary>
    public static IReadOnlyList<string> KnockOutCodes { get; } = ["noNeed", "outsideStrategy", "noCommittedBudget", "lossMaking"];

    /// <summary>
    /// The evidence each stage's gate can require (the stage-gate rule set implements every code), by stage.
    /// A policy lists the codes it requires per stage; a code not listed here is an error.
    /// </summary>
    public static IReadOnlyDictionary<Stage, IReadOnlyList<string>> GateRequirements { get; } = new Dictionary<Stage, IReadOnlyList<string>>
    {
        [Stage.Development] = ["needAssessed", "budgetAssessed", "timelineAssessed", "competitionAssessed", "decisionChainAssessed", "strategicFitAssessed", "grossMarginAssessed", "followUpTable", "minimumGrade"],
        [Stage.Initiation] =
        [
            "initiationReport.projectName", "initiationReport.projectNumber", "initiationReport.customerOwner", "initiationReport.expectedContractAmount",
            "initiationReport.grossMarginEstimate", "initiationReport.salesExpenseBudget", "initiationReport.classification", "initiationReport.expectedSignDate",
            "minimumGrade", "shortlisted",
        ],
        [Stage.Proposal] = ["solutionDemoDone", "proposalSubmitted", "objectionsResolved", "keyBuyerCovered", "tenderDocumentsReceived"],
        [Stage.Tender] = ["tenderDocumentsReceived", "bidTeamAssigned", "bidPriceApproved", "bidOutcome"],
        [Stage.Implementation] = ["handOverDone", "projectManagerAppointed", "implementationPlanApproved", "paymentsOnSchedule", "acceptanceSigned"],
    };

    /// <summary>The fatal factors the bid rule set implements; a policy lists those in force.</summary>
    public static IReadOnlyList<string> FatalFactorCodes { get; } =
        ["marginBelowFloor", "loss", "criteriaAgainstUs", "noCommittedBudget", "noNeed", "outsideStrategy", "costRisk"];

    /// <summary>The stage an opportunity moves to when it passes its gate.</summary>
    /// <param name="stage">The current stage.</param>
    /// <returns>The next stage (<see cref="Stage.Closed"/> after implementation and for closed).</returns>
    public static Stage NextStage(Stage stage) => stage == Stage.Closed ? Stage.Closed : stage + 1;

    /// <summary>The contract's word for a criterion.</summary>
    public static string NameOf(Criterion criterion) => CriterionNames[(int)criterion];

    /// <summary>The contract's (camelCase) word for an enumeration value; a value outside the enumeration is written as its number.</summary>
    [ExplanationOnly]
    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum => Json.ContractEnum<TEnum>.NameOrNumber(value);

    internal static readonly ScaleDefinition[] Scales =
    [
        ScaleDefinition.For<Evidence>("answer", ["no", "partial", "yes"], "no"),
        ScaleDefinition.For<NeedLevel>("needLevel", ["noNeed", "goodToHave", "shouldHave", "mustHave"], "noNeed"),
        ScaleDefinition.For<BudgetStatus>("budgetStatus", ["noCommittedBudget", "mayBuy", "canBuy", "willBuy"], "noCommittedBudget"),
        ScaleDefinition.For<PurchaseTimeframe>("purchaseTimeframe", ["thisYear", "nextQuarter", "thisQuarter", "immediate"], null),
        ScaleDefinition.For<CompetitivePosition>("competitivePosition", ["behind", "even", "leading"], "behind"),
        ScaleDefinition.For<BuyingCriteriaFavor>("buyingCriteriaFavor", ["competitor", "neutral", "us"], "competitor"),
        ScaleDefinition.For<Incumbent>("incumbent", ["competitor", "none", "us"], "competitor"),
        ScaleDefinition.For<FutureInfluence>("futureInfluence", ["none", "low", "medium", "high"], "none"),
        ScaleDefinition.For<Coverage>("coverage", ["none", "contacted", "met", "inDepth"], "none"),
        ScaleDefinition.For<Stance>("stance", ["opponent", "neutral", "supporter", "champion"], "opponent"),
        new ScaleDefinition("opposition", ["high", "medium", "none"], ["high", "medium", "none"], "high", HasUnknown: false),
    ];
}

/// <summary>A scale's name, its values from worst to best, and its known negative.</summary>
internal sealed record ScaleDefinition(string Name, string[] AllValues, string[] WorstToBest, string? KnownNegative, bool HasUnknown)
{
    public static ScaleDefinition For<TEnum>(string name, string[] worstToBest, string? negative) where TEnum : struct, Enum =>
        new(name, Enum.GetValues<TEnum>().Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString())).ToArray(), worstToBest, negative, HasUnknown: true);
}
