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
