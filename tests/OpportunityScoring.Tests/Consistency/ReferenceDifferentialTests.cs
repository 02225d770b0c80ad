using System.Text.Json.Nodes;
using OpportunityScoring.Policy;
using OpportunityScoring.Reference;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Consistency;

/// <summary>
/// Differential tests: the hand-written reference evaluator (tests/OpportunityScoring.Reference) and the NRules rule
/// sets decide every opportunity identically — grade, exact score, the seven sub-scores, win probability, knock-outs,
/// red flags, gate (outcome, next stage, missing and ending codes) and bid (decision, fatal factors, review reasons,
/// margins, cost risk, economics). Messages are not compared.
/// </summary>
public sealed class ReferenceDifferentialTests
{
    private static readonly DateOnly AsOf = Build.AsOf;

    [Theory]
    [InlineData(1, 2_500)]
    [InlineData(7, 2_500)]
    [InlineData(42, 2_500)]
    [InlineData(20270110, 2_500)]
    public void Reference_and_rules_agree_on_a_generated_pipeline(int seed, int count)
    {
        var opportunities = new PipelineGenerator(seed, AsOf).Generate(count).ToList();
        AssertAgree(OpportunityRules.DefaultPolicy, opportunities);
    }

    [Fact]
    public void Reference_and_rules_agree_on_hand_made_edge_cases() => AssertAgree(OpportunityRules.DefaultPolicy, EdgeCases().ToList());

    [Theory]
    [InlineData("strict")]
    [InlineData("lenient")]
    [InlineData("calibrated")]
    public void Reference_and_rules_agree_under_other_policies(string variant)
    {
        var policy = Variant(variant);
        var opportunities = EdgeCases().Concat(new PipelineGenerator(99, AsOf).Generate(1_000)).ToList();
        AssertAgree(policy, opportunities);
    }

    [Fact]
    public void The_generated_pipeline_covers_every_decision()
    {
        var reference = new ReferenceEvaluator(OpportunityRules.DefaultPolicy);
        var results = new PipelineGenerator(42, AsOf).Generate(2_500).Concat(EdgeCases()).Select(o => reference.Evaluate(o, AsOf)).ToList();
        Assert.Equal(4, results.Select(r => r.Grade).Distinct().Count());
        Assert.Equal(3, results.Select(r => r.GateOutcome).Distinct().Count());
        Assert.Equal(Enum.GetValues<BidRecommendation>().Length, results.Where(r => r.HasBid).Select(r => r.Bid).Distinct().Count());
        Assert.Equal(2, results.Where(r => r.HasBid).Select(r => r.BidKind).Distinct().Count());
        var required = Enum.GetValues<Stage>().SelectMany(s => OpportunityRules.DefaultPolicy.Gates.For(s)?.Requires ?? []).Append("noBidOutlook").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(required, ReferenceCodes.Decode(results.Aggregate(0UL, (m, r) => m | r.GateMissing), ReferenceCodes.GateRequirements));
        Assert.Equal(ReferenceCodes.FatalFactors.Length, ReferenceCodes.Decode(results.Aggregate(0u, (m, r) => m | r.FatalFactors), ReferenceCodes.FatalFactors).Count);
        Assert.Equal(ReferenceCodes.BidReviews.Length, ReferenceCodes.Decode(results.Aggregate(0u, (m, r) => m | r.Reviews), ReferenceCodes.BidReviews).Count);
        Assert.Equal(ReferenceCodes.GateEnds.Length, ReferenceCodes.Decode(results.Aggregate(0u, (m, r) => m | r.GateEnds), ReferenceCodes.GateEnds).Count);
        Assert.Equal(ReferenceCodes.RedFlags.Length, ReferenceCodes.Decode(results.Aggregate(0u, (m, r) => m | r.RedFlags), ReferenceCodes.RedFlags).Count);
        Assert.Equal(ReferenceCodes.KnockOuts.Length, ReferenceCodes.Decode(results.Aggregate(0u, (m, r) => m | r.KnockOuts), ReferenceCodes.KnockOuts).Count);
    }

    /// <summary>
    /// A finding of the differential work, fixed: the win probability is estimated after the stage-gate flags, so a
    /// calibrated policy's <c>flag.staleStage</c> slope lowers the win probability of a stale opportunity.
    /// </summary>
    [Fact]
    public void A_gate_flag_slope_reaches_the_win_probability()
    {
        var scorer = OpportunityRules.CreateScorer(Variant("calibrated"));
        var fresh = Build.Strong("FRESH");
        var stale = fresh with { Id = "STALE", StageEnteredOn = new DateOnly(2025, 1, 1) };
        var a = scorer.Score(fresh, AsOf);
        var b = scorer.Score(stale, AsOf);
        Assert.Contains(b.RedFlags, f => f.Code == "staleStage");
        Assert.DoesNotContain(a.RedFlags, f => f.Code == "staleStage");
        Assert.True(b.WinProbability < a.WinProbability, $"stale {b.WinProbability} vs fresh {a.WinProbability}");
    }

    private static void AssertAgree(ScoringPolicy policy, List<Opportunity> opportunities)
    {
        var scorers = new[] { OpportunityRules.CreateScorer(policy), OpportunityRules.CreateScorer(policy, Engine.ScoringEngine.Fused) };
        var reference = new ReferenceEvaluator(policy);
        var failures = new List<string>();
        foreach (var o in opportunities)
        {
            var expected = reference.Evaluate(o, AsOf);
            foreach (var scorer in scorers)
            {
                var differences = ReferenceComparison.Differences(scorer.Score(o, AsOf), expected);
                if (differences.Count > 0)
                {
                    failures.Add($"{o.Id} ({o.Stage}, {scorer.Engine}): {string.Join("; ", differences)}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {opportunities.Count} disagree:\n" + string.Join("\n", failures.Take(20)));
    }

    /// <summary>Every stage with nothing known, strong and weak cases, losses, cost ranges, knock-outs, bid outcomes, drift and staleness.</summary>
    internal static IEnumerable<Opportunity> EdgeCases()
    {
        var n = 0;
        string Id() => "EDGE-" + n++;
        foreach (var stage in Enum.GetValues<Stage>())
        {
            yield return Build.EarlyLead(Id()) with { Stage = stage };
            yield return Build.Strong(Id(), stage);
            yield return Build.Weak(Id()) with { Stage = stage };
            var strong = Build.Strong(Id(), stage);

            // Loss-making: a negative gross margin (grading knock-out) and a net loss after expenses.
            yield return strong with { Id = Id(), EstimatedCost = 10_500_000m, CostRange = null };
            yield return strong with { Id = Id(), EstimatedCost = 9_750_000m, SalesExpenseBudget = 300_000m, BidCost = 100_000m };

            // Margins around the floor and the review band; unknown margin (no cost, no estimate).
            yield return strong with { Id = Id(), EstimatedCost = 8_500_000m };
            yield return strong with { Id = Id(), EstimatedCost = 8_400_000m };
            yield return strong with { Id = Id(), EstimatedCost = 8_300_000m };
            yield return strong with { Id = Id(), EstimatedCost = null, InitiationReport = strong.InitiationReport! with { GrossMarginEstimate = null } };
            yield return strong with { Id = Id(), EstimatedCost = null, InitiationReport = strong.InitiationReport! with { GrossMarginEstimate = 0.16m } };

            // Cost ranges: narrow, wide, reaching a loss, degenerate (low = high), without an estimate.
            yield return strong with { Id = Id(), CostRange = new CostRange { Low = 6_400_000m, High = 6_700_000m } };
            yield return strong with { Id = Id(), EstimatedCost = 8_000_000m, CostRange = new CostRange { Low = 7_000_000m, High = 10_500_000m } };
            yield return strong with { Id = Id(), EstimatedCost = 8_400_000m, CostRange = new CostRange { Low = 8_000_000m, High = 9_900_000m } };
            yield return strong with { Id = Id(), EstimatedCost = 8_600_000m, CostRange = new CostRange { Low = 8_600_000m, High = 8_600_000m } };
            yield return strong with { Id = Id(), EstimatedCost = null, CostRange = new CostRange { Low = 6_000_000m, High = 9_000_000m } };

            // Knock-outs, alone and together.
            yield return strong with { Id = Id(), Need = strong.Need with { Level = NeedLevel.NoNeed } };
            yield return strong with { Id = Id(), StrategicFit = strong.StrategicFit with { Strategy = Evidence.No, FutureInfluence = FutureInfluence.None } };
            yield return strong with { Id = Id(), Budget = strong.Budget with { Status = BudgetStatus.NoCommittedBudget } };
            yield return strong with
            {
                Id = Id(),
                EstimatedCost = 11_000_000m,
                Need = strong.Need with { Level = NeedLevel.NoNeed },
                Budget = strong.Budget with { Status = BudgetStatus.NoCommittedBudget },
                StrategicFit = strong.StrategicFit with { Strategy = Evidence.No, FutureInfluence = FutureInfluence.None },
            };

            // Criteria against us while behind (fatal), and only one of the two (flag only).
            yield return strong with { Id = Id(), Competition = strong.Competition with { BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor, Position = CompetitivePosition.Behind } };
            yield return strong with { Id = Id(), Competition = strong.Competition with { BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor } };

            // Milestones: not short-listed, bid lost / won / pending, everything done.
            yield return strong with { Id = Id(), Milestones = strong.Milestones with { Shortlisted = Evidence.No } };
            yield return strong with { Id = Id(), Milestones = strong.Milestones with { BidOutcome = BidOutcome.Lost } };
            yield return strong with { Id = Id(), Milestones = strong.Milestones with { BidOutcome = BidOutcome.Won } };
            yield return strong with
            {
                Id = Id(),
                Milestones = strong.Milestones with
                {
                    BidOutcome = BidOutcome.Won, HandOverDone = Evidence.Yes, ProjectManagerAppointed = Evidence.Yes,
                    ImplementationPlanApproved = Evidence.Yes, PaymentsOnSchedule = Evidence.Yes, AcceptanceSigned = Evidence.Yes,
                },
            };

            // Drift from the initiation report, staleness, a non-key account, no initiation report.
            yield return strong with { Id = Id(), ExpectedContractAmount = 12_000_000m, EstimatedCost = 7_000_000m };
            yield return strong with { Id = Id(), InitiationReport = strong.InitiationReport! with { GrossMarginEstimate = 0.2m } };
            yield return strong with { Id = Id(), StageEnteredOn = new DateOnly(2025, 1, 1) };
            yield return strong with { Id = Id(), Account = strong.Account with { KeyAccount = false }, InitiationReport = null };
            yield return strong with { Id = Id(), InitiationReport = new InitiationReport { ProjectName = " ", ExpectedContractAmount = 9_000_000m } };

            // Decision chains: empty, single-threaded committee, opponents, uncovered expert panel, coach only.
            yield return strong with { Id = Id(), DecisionChain = new DecisionChain { PurchaseProcess = PurchaseProcess.Committee } };
            yield return strong with
            {
                Id = Id(),
                DecisionChain = new DecisionChain
                {
                    PurchaseProcess = PurchaseProcess.Committee,
                    ProcurementEngaged = Evidence.No,
                    Stakeholders = [new Stakeholder { Role = StakeholderRole.User, Influence = Influence.Low, Stance = Stance.Unknown, Coverage = Coverage.Unknown }],
                },
            };
            yield return strong with
            {
                Id = Id(),
                DecisionChain = new DecisionChain
                {
                    PurchaseProcess = PurchaseProcess.Individual,
                    Stakeholders =
                    [
                        new Stakeholder { Role = StakeholderRole.DecisionMaker, Influence = Influence.High, Stance = Stance.Opponent, Coverage = Coverage.Contacted },
                        new Stakeholder { Role = StakeholderRole.ExpertPanel, Influence = Influence.Medium, Stance = Stance.Opponent, Coverage = Coverage.None },
                        new Stakeholder { Role = StakeholderRole.Coach, Influence = Influence.Unknown, Stance = Stance.Supporter, Coverage = Coverage.Met },
                    ],
                },
            };
            yield return strong with
            {
                Id = Id(),
                DecisionChain = new DecisionChain
                {
                    Stakeholders =
                    [
                        new Stakeholder { Role = StakeholderRole.EconomicBuyer, Influence = Influence.Medium, Stance = Stance.Neutral, Coverage = Coverage.None },
                        new Stakeholder { Role = StakeholderRole.Unknown, Influence = Influence.Medium, Stance = Stance.Opponent, Coverage = Coverage.InDepth },
                        new Stakeholder { Role = StakeholderRole.User, Influence = Influence.Low, Stance = Stance.Opponent, Coverage = Coverage.Met },
                    ],
                },
            };

            // The relationship bid: criteria against us the only fatal factor (a key account; a highly relevant one; neither;
            // margin unknown), and beside another fatal factor.
            var against = strong.Competition with { BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor, Position = CompetitivePosition.Behind };
            yield return strong with { Id = Id(), Competition = against };
            yield return strong with { Id = Id(), Competition = against, Account = strong.Account with { KeyAccount = null } };
            yield return strong with { Id = Id(), Competition = against, Account = strong.Account with { KeyAccount = false }, StrategicFit = strong.StrategicFit with { FutureInfluence = FutureInfluence.Medium } };
            yield return strong with { Id = Id(), Competition = against, EstimatedCost = null, CostRange = null, InitiationReport = strong.InitiationReport! with { GrossMarginEstimate = null } };
            yield return strong with { Id = Id(), Competition = against, EstimatedCost = 9_000_000m };

            // Change orders explaining a grown contract, and not enough of them; the customer's buying step ahead of us.
            yield return strong with { Id = Id(), ExpectedContractAmount = 12_000_000m, ChangeOrders = [new ChangeOrder { Amount = 2_000_000m, Date = new DateOnly(2026, 12, 1), Reason = "scope" }] };
            yield return strong with { Id = Id(), ExpectedContractAmount = 12_000_000m, ChangeOrders = [new ChangeOrder { Amount = 500_000m }, new ChangeOrder { Amount = -100_000m }] };
            foreach (var step in Enum.GetValues<BuyingStep>())
            {
                yield return strong with { Id = Id(), Timeline = strong.Timeline with { BuyingStep = step } };
            }

            // The stages' work: everything done, the bid document's review and the plan with one gap, the margin at initiation below the floor.
            yield return Build.Delivered(Id()) with { Stage = stage };
            yield return Build.Delivered(Id()) with { Stage = stage, Milestones = Build.Delivered().Milestones with { BidDocumentReview = Build.BidDocumentReviewed with { OnSchedule = Evidence.No } } };
            yield return Build.Delivered(Id()) with { Stage = stage, Milestones = Build.Delivered().Milestones with { ImplementationPlan = Build.CompletePlan with { FollowOnOrders = Evidence.Unknown } } };
            yield return strong with { Id = Id(), InitiationReport = strong.InitiationReport! with { GrossMarginEstimate = 0.1m } };

            // Budget coverage steps and an unknown schedule; small amounts.
            yield return strong with { Id = Id(), Budget = new BudgetEvidence { Status = BudgetStatus.CanBuy, Amount = 8_000_000m }, Timeline = new TimelineEvidence() };
            yield return strong with { Id = Id(), Budget = new BudgetEvidence { Status = BudgetStatus.MayBuy, Amount = 7_999_999m }, ExpectedSignDate = null };
            yield return Build.EarlyLead(Id()) with { Stage = stage, ExpectedContractAmount = 1m, EstimatedCost = 2m, BidCost = 1m };
        }
    }

    /// <summary>Policies other than the default, to show the reference reads its thresholds from the policy.</summary>
    internal static ScoringPolicy Variant(string name)
    {
        var json = JsonNode.Parse(OpportunityRules.DefaultPolicyJson, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        json["name"] = name;
        if (name == "strict")
        {
            json["bid"]!["marginFloor"] = 0.2;
            json["bid"]!["reviewBand"] = 0.05;
            json["bid"]!["floorsByClassification"] = new JsonObject { ["software"] = 0.3, ["services"] = 0.1 };
            json["bid"]!["costRisk"]!["distribution"] = "triangular";
            json["bid"]!["costRisk"]!["reviewAbove"] = 0.1;
            json["bid"]!["costRisk"]!["noBidAbove"] = 0.4;
            json["gates"]!["endOnKnockOuts"] = new JsonArray("noNeed", "noCommittedBudget", "lossMaking");
            json["gates"]!["proposal"]!["requires"] = new JsonArray("solutionDemoDone", "keyBuyerCovered", "companyVisitDone", "referenceVisitDone", "valueAddedServiceOffered", "stageSummaryFiled");
            json["gates"]!["tender"]!["requires"]!.AsArray().Add("requirementsCommunicated");
            json["gates"]!["development"]!["requires"]!.AsArray().Add("stageSummaryFiled");
            json["gates"]!["initiation"]!["requires"]!.AsArray().Add("stageSummaryFiled");
            json["gates"]!["implementation"]!["requires"]!.AsArray().Add("stageSummaryFiled");
            json["bid"]!["relationshipBid"] = new JsonObject { ["keyAccounts"] = false, ["minimumFutureInfluence"] = "medium" };
            json["gates"]!["development"]!["minimumGrade"] = "B";
            json["gates"]!["drift"]!["amountTolerance"] = 0.02;
            json["knockOuts"] = new JsonArray(
                new JsonObject { ["code"] = "noNeed", ["cap"] = "D" },
                new JsonObject { ["code"] = "lossMaking", ["cap"] = "D" },
                new JsonObject { ["code"] = "noCommittedBudget", ["cap"] = "B" });
            json["winProbability"]!["intercept"] = -3.5;
            json["winProbability"]!["scoreSlope"] = 0.07;
        }
        else if (name == "calibrated")
        {
            // Slopes exactly representable in binary, so the order the signals are summed in cannot matter.
            json["metadata"]!["calibrated"] = true;
            json["winProbability"] = new JsonObject
            {
                ["intercept"] = -3.5,
                ["scoreSlope"] = 0.0625,
                ["criterionSlopes"] = new JsonObject { ["need"] = 0.5, ["decisionChain"] = 0.75 },
                ["signalSlopes"] = new JsonObject { ["knockOut"] = -1, ["redFlags"] = -0.25, ["flag.noCoach"] = -0.5, ["flag.staleStage"] = -2, ["flag.behindCustomer"] = -1 },
            };
        }
        else
        {
            json["bid"]!["fatalFactors"] = new JsonArray("marginBelowFloor", "loss", "noNeed");
            json["bid"]!.AsObject().Remove("relationshipBid"); // it answers criteriaAgainstUs, which this policy does not make fatal
            json["bid"]!["costRisk"]!["lossReviewAbove"] = 0.2;
            json["gates"]!["endOnKnockOuts"] = new JsonArray();
            json["gates"]!["initiation"]!["requires"] = new JsonArray("initiationReport.projectName", "shortlisted");
            json["gates"]!["initiation"]!["minimumGrade"] = null;
            json["gradeBands"] = new JsonArray(
                new JsonObject { ["grade"] = "A", ["min"] = 60, ["max"] = 100 },
                new JsonObject { ["grade"] = "B", ["min"] = 40, ["max"] = 60 },
                new JsonObject { ["grade"] = "C", ["min"] = 20, ["max"] = 40 },
                new JsonObject { ["grade"] = "D", ["min"] = 0, ["max"] = 20 });
            json["budgetCoverage"] = new JsonObject
            {
                ["steps"] = new JsonArray(new JsonObject { ["atLeast"] = 0.9, ["credit"] = 1 }, new JsonObject { ["atLeast"] = 0.5, ["credit"] = 0.5 }),
                ["otherwise"] = 0,
            };
            json["roleWeights"]!["coach"] = 0.9;
            json["influenceWeights"]!["unknown"] = 0.25;
        }

        return PolicyLoader.Parse(json.ToJsonString(), name);
    }
}
