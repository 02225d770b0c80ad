using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Properties;

/// <summary>
/// Generators for every opportunity the contract allows (every answer, unknowns included, stakeholder maps,
/// amounts, cost ranges, every stage) and for valid policies. Shrinking resets one part at a time to unknown, so a
/// counterexample shrinks towards the smallest opportunity that still fails.
/// </summary>
public static class ScoringArbitraries
{
    private static Gen<T> Any<T>() where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    private static Gen<T?> Maybe<T>(Gen<T> gen) where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(v => (T?)v)));

    private static Gen<DateOnly?> Day => Maybe(Gen.Choose(-400, 400).Select(d => new DateOnly(2027, 1, 10).AddDays(d)));

    private static Gen<decimal> Money(int lo, int hi) => Gen.Choose(lo, hi).Select(x => (decimal)x * 1000m);

    private static readonly Gen<Stakeholder> StakeholderGen =
        from role in Any<StakeholderRole>()
        from influence in Any<Influence>()
        from stance in Any<Stance>()
        from coverage in Any<Coverage>()
        select new Stakeholder { Name = $"{role}-{influence}-{stance}-{coverage}", Role = role, Influence = influence, Stance = stance, Coverage = coverage };

    private static readonly Gen<InitiationReport?> ReportGen = Gen.Frequency(
        (1, Gen.Constant<InitiationReport?>(null)),
        (3, from name in Gen.Elements<string?>(null, "Project")
            from number in Gen.Elements<string?>(null, "P-1")
            from owner in Gen.Elements<string?>(null, "Owner")
            from amount in Maybe(Money(100, 20_000))
            from margin in Maybe(Gen.Choose(-20, 60).Select(m => m / 100m))
            from expense in Maybe(Money(0, 500))
            from classification in Gen.Elements<string?>(null, "system-integration", "infrastructure")
            from sign in Day
            select (InitiationReport?)new InitiationReport
            {
                ProjectName = name, ProjectNumber = number, CustomerOwner = owner, ExpectedContractAmount = amount,
                GrossMarginEstimate = margin, SalesExpenseBudget = expense, Classification = classification, ExpectedSignDate = sign,
            }));

    /// <summary>A checklist's answers: mostly all yes (so a gate can pass), otherwise any answers.</summary>
    private static Gen<Evidence[]> Checklist(int n) =>
        Gen.Frequency((1, Gen.Constant(Enumerable.Repeat(Evidence.Yes, n).ToArray())), (2, Any<Evidence>().ArrayOf(n)));

    private static readonly Gen<Milestones> MilestonesGen =
        from e in Any<Evidence>().ArrayOf(13)
        from w in Any<Evidence>().ArrayOf(17)
        from review in Checklist(7)
        from plan in Checklist(5)
        from outcome in Any<BidOutcome>()
        from negotiation in Any<CommercialNegotiation>()
        select new Milestones
        {
            FollowUpTableFilled = e[0], Shortlisted = e[1], SolutionDemoDone = e[2], ProposalSubmitted = e[3], ObjectionsResolved = e[4],
            TenderDocumentsReceived = e[5], BidTeamAssigned = e[6], BidPriceApproved = e[7], HandOverDone = e[8], ProjectManagerAppointed = e[9],
            ImplementationPlanApproved = e[10], PaymentsOnSchedule = e[11], AcceptanceSigned = e[12], BidOutcome = outcome,
            CompanyVisitDone = w[0], ReferenceVisitDone = w[1], InitiationReportReviewed = w[2], ValueAddedServiceOffered = w[3], BidStrategyMeetingHeld = w[4],
            RequirementsCommunicated = w[5], CompetitiveStrategySet = w[6], PresentersAssigned = w[7], StatementOfWorkReviewed = w[8], ContractSigned = w[9],
            StageSummaryFiled = w[10], ProjectTeamFormed = w[11], CustomerProjectTeamFormed = w[12], DeliveryCompleted = w[13], StageReviewsHeld = w[14],
            ProjectClosedOut = w[15], Negotiation = negotiation,
            BidDocumentReview = new BidDocumentReview
            {
                SolutionSound = review[0], TechnicallyFeasible = review[1], MeetsRequirements = review[2], PriceBreakdownChecked = review[3],
                QualificationsCompliant = review[4], CommercialDocumentsComplete = review[5], OnSchedule = review[6],
            },
            ImplementationPlan = new ImplementationPlan
            {
                WorkScope = plan[0], RisksAndRemedies = plan[1], ProjectManagement = plan[2], FollowOnOrders = plan[3], RelationshipUpkeep = plan[4],
            },
        };

    private static readonly Gen<ChangeOrder[]> ChangeOrdersGen = Gen.Frequency(
        (3, Gen.Constant(Array.Empty<ChangeOrder>())),
        (1, (from amount in Gen.Choose(-30, 3_000).Select(x => x * 1000m)
             from date in Day
             select new ChangeOrder { Amount = amount, Date = date, Reason = "requirement change" }).ArrayOf().Select(a => a.Take(3).ToArray())));

    /// <summary>A valid opportunity of any shape the contract allows.</summary>
    public static Gen<Opportunity> OpportunityGen { get; } =
        from id in Gen.Choose(1, 999_999).Select(i => $"GEN-{i}")
        from stage in Any<Stage>()
        from entered in Day
        from amount in Money(50, 20_000)
        from costShare in Maybe(Gen.Choose(40, 120))
        from spread in Maybe(Gen.Choose(0, 40))
        from expense in Maybe(Money(0, 400))
        from bidCost in Maybe(Money(0, 200))
        from sign in Day
        from keyAccount in Gen.Elements<bool?>(null, true, false)
        from relationship in Any<Relationship>()
        from report in ReportGen
        from needLevel in Any<NeedLevel>()
        from needE in Any<Evidence>().ArrayOf(2)
        from budgetStatus in Any<BudgetStatus>()
        from budgetShare in Maybe(Gen.Choose(0, 150))
        from timeframe in Any<PurchaseTimeframe>()
        from decision in Day
        from tender in Day
        from competitors in Gen.Elements("Rival", "Northgate", "Kite", "Eastern").ListOf().Select(l => l.Distinct().ToArray())
        from incumbent in Any<Incumbent>()
        from position in Any<CompetitivePosition>()
        from favor in Any<BuyingCriteriaFavor>()
        from process in Any<PurchaseProcess>()
        from procurement in Any<Evidence>()
        from stakeholders in Gen.Sized(n => Gen.Choose(0, Math.Min(6, 1 + (n / 10)))).SelectMany(k => StakeholderGen.ArrayOf(k))
        from fit in Any<Evidence>().ArrayOf(3)
        from future in Any<FutureInfluence>()
        from milestones in MilestonesGen
        from buyingStep in Any<BuyingStep>()
        from changes in ChangeOrdersGen
        let cost = costShare is { } c ? amount * c / 100m : (decimal?)null
        select new Opportunity
        {
            Id = id,
            Stage = stage,
            StageEnteredOn = entered,
            ExpectedContractAmount = amount,
            EstimatedCost = cost,
            CostRange = cost is { } k && spread is { } s ? new CostRange { Low = k * (100 - (s / 2)) / 100m, High = k * (100 + s) / 100m } : null,
            SalesExpenseBudget = expense,
            BidCost = bidCost,
            ExpectedSignDate = sign,
            Account = new Account { KeyAccount = keyAccount, Relationship = relationship },
            InitiationReport = report,
            Need = new NeedEvidence { Level = needLevel, RequirementsDocumented = needE[0], EvaluationCriteriaKnown = needE[1] },
            Budget = new BudgetEvidence { Status = budgetStatus, Amount = budgetShare is { } b ? amount * b / 100m : null },
            Timeline = new TimelineEvidence { PurchaseTimeframe = timeframe, DecisionDate = decision, TenderDate = tender, BuyingStep = buyingStep },
            ChangeOrders = changes,
            Competition = new CompetitionEvidence { Competitors = competitors, Incumbent = incumbent, Position = position, BuyingCriteriaFavor = favor },
            DecisionChain = new DecisionChain { PurchaseProcess = process, ProcurementEngaged = procurement, Stakeholders = stakeholders },
            StrategicFit = new StrategicFit { Strategy = fit[0], MarketPositioning = fit[1], ProductDirection = fit[2], FutureInfluence = future },
            Milestones = milestones,
        };

    /// <summary>Shrinks an opportunity one part at a time towards "nothing known".</summary>
    public static IEnumerable<Opportunity> Shrink(Opportunity o)
    {
        if (o.DecisionChain.Stakeholders.Count > 0)
        {
            for (var i = 0; i < o.DecisionChain.Stakeholders.Count; i++)
            {
                yield return o with { DecisionChain = o.DecisionChain with { Stakeholders = [.. o.DecisionChain.Stakeholders.Where((_, j) => j != i)] } };
            }
        }

        if (o.Competition.Competitors.Count > 0) yield return o with { Competition = o.Competition with { Competitors = [] } };
        if (o.InitiationReport is not null) yield return o with { InitiationReport = null };
        if (o.ChangeOrders.Count > 0) yield return o with { ChangeOrders = [] };
        if (o.CostRange is not null) yield return o with { CostRange = null };
        if (o.EstimatedCost is not null && o.CostRange is null) yield return o with { EstimatedCost = null };
        if (o.Need != new NeedEvidence()) yield return o with { Need = new NeedEvidence() };
        if (o.Budget != new BudgetEvidence()) yield return o with { Budget = new BudgetEvidence() };
        if (o.Timeline != new TimelineEvidence()) yield return o with { Timeline = new TimelineEvidence() };
        if (o.StrategicFit != new StrategicFit()) yield return o with { StrategicFit = new StrategicFit() };
        if (o.Milestones != new Milestones()) yield return o with { Milestones = new Milestones() };
        if (o.SalesExpenseBudget is not null || o.BidCost is not null) yield return o with { SalesExpenseBudget = null, BidCost = null };
        if (o.StageEnteredOn is not null) yield return o with { StageEnteredOn = null };
        if (o.Stage != Stage.Development) yield return o with { Stage = Stage.Development };
    }

    /// <summary>Opportunities, with shrinking.</summary>
    public static Arbitrary<Opportunity> Opportunities() => Arb.From(OpportunityGen, Shrink);

    /// <summary>
    /// A valid policy: random weights summing to 100 with up to the six decimals the validator allows (so thirds such as
    /// 16.666667 occur), random contiguous bands, floor, review band, gate relaxations.
    /// </summary>
    public static Gen<ScoringPolicy> PolicyGen { get; } =
        from cuts in Gen.Choose(0, 100_000_000).ArrayOf(6).Select(a => a.Order().ToArray())
        from bandCuts in Gen.Choose(1, 99).ArrayOf(3).Select(a => a.Distinct().OrderDescending().ToArray()).Where(a => a.Length == 3)
        from floor in Gen.Choose(0, 30)
        from band in Gen.Choose(0, 10)
        from minimumGrade in Gen.Elements("A", "B", "C", "D")
        from dropProposalRequirement in Gen.Choose(0, 4)
        select Policy(cuts, bandCuts, floor, band, minimumGrade, dropProposalRequirement);

    /// <summary>Policies (no shrinking: each is a handful of numbers, printed in full).</summary>
    public static Arbitrary<ScoringPolicy> Policies() => Arb.From(PolicyGen);

    private static ScoringPolicy Policy(int[] cuts, int[] bandCuts, int floor, int band, string minimumGrade, int dropProposalRequirement)
    {
        var json = JsonNode.Parse(OpportunityRules.DefaultPolicyJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        var bounds = new[] { 0 }.Concat(cuts).Append(100_000_000).ToArray();
        for (var i = 0; i < GradingCodes.CriterionNames.Count; i++)
        {
            json["criteria"]![GradingCodes.CriterionNames[i]]!["weight"] = (bounds[i + 1] - bounds[i]) / 1_000_000m;
        }

        json["gradeBands"] = new JsonArray(
            Band("A", bandCuts[0], 100), Band("B", bandCuts[1], bandCuts[0]), Band("C", bandCuts[2], bandCuts[1]), Band("D", 0, bandCuts[2]));
        json["bid"]!["marginFloor"] = floor / 100m;
        json["bid"]!["reviewBand"] = band / 100m;
        json["gates"]!["development"]!["minimumGrade"] = minimumGrade;
        json["gates"]!["initiation"]!["minimumGrade"] = minimumGrade;
        json["gates"]!["proposal"]!["requires"]!.AsArray().RemoveAt(dropProposalRequirement);
        json["version"] = $"9.{floor}.{band}";
        return PolicyLoader.Parse(json.ToJsonString(), "generated");

        static JsonObject Band(string grade, int min, int max) => new() { ["grade"] = grade, ["min"] = min, ["max"] = max };
    }
}
