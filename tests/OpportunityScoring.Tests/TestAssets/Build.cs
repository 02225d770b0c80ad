using OpportunityScoring.Engine;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.TestAssets;

/// <summary>Opportunities for the source's scenarios.</summary>
internal static class Build
{
    public static readonly DateOnly AsOf = new(2027, 1, 10);

    public static IOpportunityScorer Scorer { get; } = OpportunityRules.CreateScorer();

    /// <summary>A key account strong on every criterion.</summary>
    public static Opportunity Strong(string id = "STRONG", Stage stage = Stage.Proposal) => new()
    {
        Id = id,
        Stage = stage,
        StageEnteredOn = new DateOnly(2026, 12, 20),
        ExpectedContractAmount = 10_000_000m,
        EstimatedCost = 6_500_000m,
        SalesExpenseBudget = 200_000m,
        BidCost = 80_000m,
        ExpectedSignDate = new DateOnly(2027, 3, 31),
        Account = new Account { Id = "ACC-1", Name = "Strong Co", KeyAccount = true, Relationship = Relationship.Current },
        InitiationReport = new InitiationReport
        {
            ProjectName = "Strong project",
            ProjectNumber = "P-1",
            CustomerOwner = "Director Chen",
            ExpectedContractAmount = 10_000_000m,
            GrossMarginEstimate = 0.35m,
            SalesExpenseBudget = 200_000m,
            Classification = "system-integration",
            ExpectedSignDate = new DateOnly(2027, 3, 31),
        },
        Need = new NeedEvidence { Level = NeedLevel.MustHave, RequirementsDocumented = Evidence.Yes, EvaluationCriteriaKnown = Evidence.Yes },
        Budget = new BudgetEvidence { Status = BudgetStatus.WillBuy, Amount = 11_000_000m },
        Timeline = new TimelineEvidence { PurchaseTimeframe = PurchaseTimeframe.Immediate, DecisionDate = new DateOnly(2027, 2, 15), TenderDate = new DateOnly(2027, 2, 1) },
        Competition = new CompetitionEvidence { Competitors = ["Rival"], Incumbent = Incumbent.Us, Position = CompetitivePosition.Leading, BuyingCriteriaFavor = BuyingCriteriaFavor.Us },
        DecisionChain = new DecisionChain
        {
            PurchaseProcess = PurchaseProcess.Committee,
            ProcurementEngaged = Evidence.Yes,
            Stakeholders =
            [
                new Stakeholder { Name = "Director Chen", Role = StakeholderRole.EconomicBuyer, Influence = Influence.High, Stance = Stance.Champion, Coverage = Coverage.InDepth },
                new Stakeholder { Name = "Engineer Wu", Role = StakeholderRole.TechnicalEvaluator, Influence = Influence.Medium, Stance = Stance.Supporter, Coverage = Coverage.InDepth },
                new Stakeholder { Name = "Ms Lin", Role = StakeholderRole.Procurement, Influence = Influence.Medium, Stance = Stance.Neutral, Coverage = Coverage.InDepth },
            ],
        },
        StrategicFit = new StrategicFit { Strategy = Evidence.Yes, MarketPositioning = Evidence.Yes, ProductDirection = Evidence.Yes, FutureInfluence = FutureInfluence.High },
        Milestones = new Milestones
        {
            FollowUpTableFilled = Evidence.Yes, Shortlisted = Evidence.Yes, SolutionDemoDone = Evidence.Yes, ProposalSubmitted = Evidence.Yes,
            ObjectionsResolved = Evidence.Yes, TenderDocumentsReceived = Evidence.Yes, BidTeamAssigned = Evidence.Yes, BidPriceApproved = Evidence.Yes,
            CompanyVisitDone = Evidence.Yes, ReferenceVisitDone = Evidence.Yes, InitiationReportReviewed = Evidence.Yes, ValueAddedServiceOffered = Evidence.Yes,
            BidStrategyMeetingHeld = Evidence.Yes, BidDocumentReview = BidDocumentReviewed, RequirementsCommunicated = Evidence.Yes, CompetitiveStrategySet = Evidence.Yes,
            PresentersAssigned = Evidence.Yes, StatementOfWorkReviewed = Evidence.Yes, StageSummaryFiled = Evidence.Yes,
        },
    };

    /// <summary>The bid document reviewed stage by stage: every check a yes.</summary>
    public static BidDocumentReview BidDocumentReviewed { get; } = new()
    {
        SolutionSound = Evidence.Yes, TechnicallyFeasible = Evidence.Yes, MeetsRequirements = Evidence.Yes, PriceBreakdownChecked = Evidence.Yes,
        QualificationsCompliant = Evidence.Yes, CommercialDocumentsComplete = Evidence.Yes, OnSchedule = Evidence.Yes,
    };

    /// <summary>The implementation plan covering every part the source lists.</summary>
    public static ImplementationPlan CompletePlan { get; } = new()
    {
        WorkScope = Evidence.Yes, RisksAndRemedies = Evidence.Yes, ProjectManagement = Evidence.Yes, FollowOnOrders = Evidence.Yes, RelationshipUpkeep = Evidence.Yes,
    };

    /// <summary>A strong opportunity won, with the contract signed and every piece of the implementation's work done.</summary>
    public static Opportunity Delivered(string id = "DELIVERED") => Strong(id, Stage.Implementation) with
    {
        Milestones = Strong().Milestones with
        {
            BidOutcome = BidOutcome.Won, Negotiation = CommercialNegotiation.Sole, ContractSigned = Evidence.Yes, HandOverDone = Evidence.Yes, ProjectTeamFormed = Evidence.Yes,
            ProjectManagerAppointed = Evidence.Yes, CustomerProjectTeamFormed = Evidence.Yes, ImplementationPlanApproved = Evidence.Yes, ImplementationPlan = CompletePlan,
            PaymentsOnSchedule = Evidence.Yes, DeliveryCompleted = Evidence.Yes, StageReviewsHeld = Evidence.Yes, AcceptanceSigned = Evidence.Yes, ProjectClosedOut = Evidence.Yes,
        },
    };

    /// <summary>Weak on every criterion: every answer a known negative or the worst known value.</summary>
    public static Opportunity Weak(string id = "WEAK") => new()
    {
        Id = id,
        Stage = Stage.Development,
        ExpectedContractAmount = 1_000_000m,
        EstimatedCost = 1_050_000m,
        Account = new Account { KeyAccount = true, Relationship = Relationship.New },
        Need = new NeedEvidence { Level = NeedLevel.GoodToHave, RequirementsDocumented = Evidence.No, EvaluationCriteriaKnown = Evidence.No },
        Budget = new BudgetEvidence { Status = BudgetStatus.MayBuy, Amount = 300_000m },
        Timeline = new TimelineEvidence { PurchaseTimeframe = PurchaseTimeframe.ThisYear },
        Competition = new CompetitionEvidence { Competitors = ["A", "B", "C"], Incumbent = Incumbent.Competitor, Position = CompetitivePosition.Behind, BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor },
        DecisionChain = new DecisionChain
        {
            PurchaseProcess = PurchaseProcess.Committee,
            ProcurementEngaged = Evidence.No,
            Stakeholders = [new Stakeholder { Name = "Mr Opp", Role = StakeholderRole.TechnicalEvaluator, Influence = Influence.High, Stance = Stance.Opponent, Coverage = Coverage.None }],
        },
        StrategicFit = new StrategicFit { Strategy = Evidence.No, MarketPositioning = Evidence.No, ProductDirection = Evidence.No, FutureInfluence = FutureInfluence.Low },
    };

    /// <summary>An early lead with nothing known.</summary>
    public static Opportunity EarlyLead(string id = "LEAD") => new() { Id = id, Stage = Stage.Development, ExpectedContractAmount = 3_000_000m };

    public static Assessment Score(Opportunity opportunity) => Scorer.Score(opportunity, AsOf);
}
