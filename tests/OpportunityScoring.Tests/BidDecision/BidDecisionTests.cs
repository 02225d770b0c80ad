using System.Text.Json.Nodes;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Insights;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.BidDecision;

/// <summary>The source's bid cutoff (DIGEST, tender stage) and the fatal-factor report.</summary>
public sealed class BidDecisionTests
{
    private static Opportunity Tender(decimal amount, decimal cost, CostRange? range = null) =>
        Build.Strong() with { Stage = Stage.Tender, ExpectedContractAmount = amount, EstimatedCost = cost, CostRange = range, SalesExpenseBudget = 0m, BidCost = 0m, InitiationReport = null };

    [Fact]
    public void The_gross_margin_follows_every_change_of_cost_or_amount_including_with_expressions()
    {
        var o = Build.Strong("M") with { ExpectedContractAmount = 10_000_000m, EstimatedCost = 8_000_000m };
        Assert.Equal(0.2m, o.GrossMargin);
        Assert.Equal(0.1m, (o with { EstimatedCost = 9_000_000m }).GrossMargin);
        Assert.Equal(0.6m, (o with { ExpectedContractAmount = 20_000_000m }).GrossMargin);
        var unknownCost = o with { EstimatedCost = null, InitiationReport = new InitiationReport { GrossMarginEstimate = 0.3m } };
        Assert.Equal(0.3m, unknownCost.GrossMargin); // no cost: the initiation report's estimate
        Assert.Equal(o, o with { EstimatedCost = 9_000_000m } with { EstimatedCost = 8_000_000m }); // equality is untouched
    }

    [Fact]
    public void A_loss_making_tender_is_a_no_bid_with_a_loss_factor_and_the_project_closes()
    {
        var a = Build.Score(Tender(1_000_000m, 1_100_000m));

        Assert.Equal(BidRecommendation.NoBid, a.Bid!.Decision);
        var loss = Assert.Single(a.Bid.FatalFactors, f => f.Code == "loss");
        Assert.Equal(0m, loss.Threshold.Number);
        Assert.Equal(-100_000m, loss.Actual.Number);
        Assert.Equal(GateOutcome.End, a.Gate.Outcome);
        Assert.Contains(a.Gate.EndedBy, e => e.Code == "noBid");
    }

    [Fact]
    public void A_three_percent_margin_against_a_fifteen_percent_floor_is_a_no_bid_with_threshold_and_actual()
    {
        var a = Build.Score(Tender(1_000_000m, 970_000m));

        Assert.Equal(BidRecommendation.NoBid, a.Bid!.Decision);
        var factor = Assert.Single(a.Bid.FatalFactors);
        Assert.Equal("marginBelowFloor", factor.Code);
        Assert.Equal(0.15m, factor.Threshold.Number);
        Assert.Equal(0.03m, factor.Actual.Number);
        Assert.Equal(0.15m, a.Bid.MarginFloor);
    }

    [Fact]
    public void A_healthy_thirty_percent_margin_is_a_bid()
    {
        var a = Build.Score(Tender(1_000_000m, 700_000m));

        Assert.Equal(BidRecommendation.Bid, a.Bid!.Decision);
        Assert.Empty(a.Bid.FatalFactors);
        Assert.Empty(a.Bid.ReviewReasons);
        Assert.Equal(0.3m, a.Bid.GrossMargin);
        Assert.NotEqual(GateOutcome.End, a.Gate.Outcome);
    }

    [Fact]
    public void A_likely_22_percent_margin_whose_cost_range_reaches_a_loss_is_reviewed_with_the_probabilities()
    {
        var a = Build.Score(Tender(1_000_000m, 780_000m, new CostRange { Low = 700_000m, High = 1_150_000m }));

        Assert.NotEqual(BidRecommendation.Bid, a.Bid!.Decision);
        var risk = a.Bid.CostRisk!;
        Assert.InRange(risk.ProbabilityBelowFloor, 0.2, 1.0);
        Assert.InRange(risk.ProbabilityOfLoss, 0.001, 0.5);
        Assert.Equal(850_000m, risk.CostAtFloor);
        Assert.Equal(1_000_000m, risk.CostAtLoss);
        Assert.Contains(a.Bid.ReviewReasons, r => r.Code is "costRisk" or "lossRisk");
    }

    [Fact]
    public void Unfavourable_buying_criteria_while_behind_is_a_no_bid_recommending_withdrawal()
    {
        var opp = Tender(1_000_000m, 650_000m) with
        {
            Account = new Account { KeyAccount = false },
            StrategicFit = Build.Strong().StrategicFit with { FutureInfluence = FutureInfluence.Medium },
            Competition = new CompetitionEvidence { BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor, Position = CompetitivePosition.Behind },
        };

        var a = Build.Score(opp);
        var record = DecisionReport.Create(opp, a, Build.AsOf);

        Assert.Equal(BidRecommendation.NoBid, a.Bid!.Decision);
        Assert.Equal("criteriaAgainstUs", Assert.Single(a.Bid.FatalFactors).Code);
        Assert.Equal(["withdraw", "relationshipBid"], record.Actions.Select(x => x.Code));
    }

    [Fact]
    public void Unfavourable_criteria_while_even_is_not_fatal()
    {
        var a = Build.Score(Tender(1_000_000m, 650_000m) with
        {
            Competition = new CompetitionEvidence { BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor, Position = CompetitivePosition.Even },
        });

        Assert.DoesNotContain(a.Bid!.FatalFactors, f => f.Code == "criteriaAgainstUs");
    }

    [Fact]
    public void A_margin_just_above_the_floor_goes_to_review()
    {
        var a = Build.Score(Tender(1_000_000m, 840_000m));

        Assert.Equal(BidRecommendation.Review, a.Bid!.Decision);
        Assert.Equal("marginNearFloor", Assert.Single(a.Bid.ReviewReasons).Code);
    }

    [Fact]
    public void An_unknown_margin_is_never_a_no_bid_it_is_reviewed()
    {
        var a = Build.Score(Build.EarlyLead() with { Stage = Stage.Tender });

        Assert.Equal(BidRecommendation.Review, a.Bid!.Decision);
        Assert.Equal("marginUnknown", Assert.Single(a.Bid.ReviewReasons).Code);
    }

    [Fact]
    public void A_classification_floor_in_the_policy_overrides_the_company_floor()
    {
        var json = JsonNode.Parse(OpportunityRules.DefaultPolicyJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        json["bid"]!["floorsByClassification"] = JsonNode.Parse("""{ "infrastructure": 0.08 }""");
        var scorer = OpportunityRules.CreateScorer(PolicyLoader.Parse(json.ToJsonString()));
        var opp = Tender(1_000_000m, 880_000m) with { InitiationReport = new InitiationReport { Classification = "infrastructure" } };

        var a = scorer.Score(opp, Build.AsOf);

        Assert.Equal(0.08m, a.Bid!.MarginFloor);
        Assert.Equal(BidRecommendation.Bid, a.Bid.Decision);
    }

    [Fact]
    public void Bid_economics_give_expected_value_break_even_and_the_bid_cost_it_can_carry()
    {
        var opp = Tender(1_000_000m, 700_000m) with { SalesExpenseBudget = 50_000m, BidCost = 25_000m };

        var e = Build.Score(opp).Bid!.Economics!;

        Assert.Equal(250_000m, e.MarginAmount);
        Assert.Equal(0.1, e.BreakEvenWinProbability);
        Assert.Equal(Math.Round((decimal)e.WinProbability * 250_000m, 2) - 25_000m, e.ExpectedValue);
        Assert.Equal(Math.Round((decimal)e.WinProbability * 250_000m, 2), e.MaxBidCost);
    }

    [Fact]
    public void After_the_tender_there_is_no_bid_decision()
    {
        Assert.Null(Build.Score(Build.Strong() with { Stage = Stage.Implementation }).Bid);
    }

    [Fact]
    public void Exact_and_monte_carlo_cost_risk_agree_within_sampling_error()
    {
        foreach (var distribution in new[] { "pert", "triangular" })
        {
            var exact = CostRiskModel.Estimate(700m, 780m, 1150m, 850m, 1000m, new CostRiskPolicy { Distribution = distribution, Method = "exact" });
            var sampled = CostRiskModel.Estimate(700m, 780m, 1150m, 850m, 1000m, new CostRiskPolicy { Distribution = distribution, Method = "monteCarlo", Samples = 200_000, Seed = 7 });

            Assert.InRange(sampled.ProbabilityBelowFloor, exact.ProbabilityBelowFloor - 0.01, exact.ProbabilityBelowFloor + 0.01);
            Assert.InRange(sampled.ProbabilityOfLoss, exact.ProbabilityOfLoss - 0.01, exact.ProbabilityOfLoss + 0.01);
        }
    }

    [Fact]
    public void The_triangular_cost_risk_matches_its_closed_form()
    {
        // triangular(0, 10, 20): P(X > 15) = (20 − 15)² / ((20 − 0)(20 − 10)) = 0.125
        var risk = CostRiskModel.Estimate(0m, 10m, 20m, 15m, 20m, new CostRiskPolicy { Distribution = "triangular" });

        Assert.Equal(0.125, risk.ProbabilityBelowFloor, 6);
        Assert.Equal(0, risk.ProbabilityOfLoss);
    }

    [Fact]
    public void The_decision_record_shows_each_fatal_factor_with_threshold_actual_and_gap()
    {
        var opp = Tender(1_000_000m, 970_000m);
        var record = DecisionReport.Create(opp, Build.Score(opp), Build.AsOf);

        var md = record.ToMarkdown();

        Assert.Equal(0.12m, Assert.Single(record.FatalFactors).Gap);
        Assert.Contains("| marginBelowFloor | 15% | 3% | 12% |", md, StringComparison.Ordinal);
        Assert.Contains("**reprice**: re-price: a contract amount of at least 1,141,176", md, StringComparison.Ordinal);
        Assert.Contains("**cutCost**: cut cost: an engineering cost of at most 850,000 (−120,000)", md, StringComparison.Ordinal);
        Assert.Contains("## Gate: tender → **end**", md, StringComparison.Ordinal);
        Assert.Contains("## Bid decision: **noBid**", md, StringComparison.Ordinal);
    }

    private static Opportunity AgainstUs(Opportunity o) =>
        o with { Competition = new CompetitionEvidence { BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor, Position = CompetitivePosition.Behind } };

    [Fact]
    public void Criteria_against_us_at_a_key_account_that_would_not_lose_money_is_a_relationship_bid_that_keeps_the_pursuit_open()
    {
        var opp = AgainstUs(Tender(1_000_000m, 650_000m));

        var a = Build.Score(opp);
        var record = DecisionReport.Create(opp, a, Build.AsOf);

        Assert.Equal(BidRecommendation.RelationshipBid, a.Bid!.Decision);
        Assert.Equal(BidKind.Decision, a.Bid.Kind);
        Assert.Equal("criteriaAgainstUs", Assert.Single(a.Bid.FatalFactors).Code); // still listed: the relationship bid answers it
        Assert.DoesNotContain(a.Gate.EndedBy, e => e.Code == "noBid");
        Assert.NotEqual(GateOutcome.End, a.Gate.Outcome);
        Assert.Contains(a.Reasons, r => r.Rule == "Bid.Competition.RelationshipBid");
        Assert.Equal(["relationshipBid"], record.Actions.Select(x => x.Code));
        Assert.Contains("關係性投標", record.ToMarkdown(Texts.ForLanguage("zh-Hant")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_highly_relevant_account_earns_a_relationship_bid_and_an_unknown_account_or_margin_does_not()
    {
        var notKey = AgainstUs(Tender(1_000_000m, 650_000m)) with { Account = new Account { KeyAccount = null } };

        Assert.Equal(BidRecommendation.RelationshipBid, Build.Score(notKey).Bid!.Decision); // futureInfluence high
        Assert.Equal(BidRecommendation.NoBid, Build.Score(notKey with { StrategicFit = notKey.StrategicFit with { FutureInfluence = FutureInfluence.Unknown } }).Bid!.Decision);
        Assert.Equal(BidRecommendation.NoBid, Build.Score(AgainstUs(Tender(1_000_000m, 650_000m)) with { EstimatedCost = null }).Bid!.Decision); // margin unknown: not shown not to lose money
    }

    [Fact]
    public void A_relationship_bid_is_never_made_beside_another_fatal_factor_so_it_never_loses_money()
    {
        var belowFloor = Build.Score(AgainstUs(Tender(1_000_000m, 900_000m)));
        var loss = Build.Score(AgainstUs(Tender(1_000_000m, 1_050_000m)));

        Assert.Equal(BidRecommendation.NoBid, belowFloor.Bid!.Decision);
        Assert.Equal(BidRecommendation.NoBid, loss.Bid!.Decision);
        Assert.Contains(loss.Gate.EndedBy, e => e.Code == "noBid");
    }

    [Fact]
    public void A_policy_without_a_relationship_bid_keeps_the_no_bid()
    {
        var json = JsonNode.Parse(OpportunityRules.DefaultPolicyJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        json["bid"]!.AsObject().Remove("relationshipBid");
        var scorer = OpportunityRules.CreateScorer(PolicyLoader.Parse(json.ToJsonString(), "no-relationship-bid"));

        Assert.Equal(BidRecommendation.NoBid, scorer.Score(AgainstUs(Tender(1_000_000m, 650_000m)), Build.AsOf).Bid!.Decision);
    }

    [Theory]
    [InlineData("{ \"keyAccounts\": false }", "relationshipBidNeverApplies")]
    [InlineData("{ \"keyAccounts\": true, \"minimumFutureInfluence\": \"none\" }", "relationshipBidInfluence")]
    public void A_relationship_bid_that_can_never_apply_is_rejected(string relationshipBid, string code)
    {
        var json = JsonNode.Parse(OpportunityRules.DefaultPolicyJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        json["bid"]!["relationshipBid"] = JsonNode.Parse(relationshipBid);

        var e = Assert.Throws<PolicyValidationException>(() => PolicyLoader.Parse(json.ToJsonString()));

        Assert.Contains(e.Issues, i => i.Code == code);
    }

    [Theory]
    [InlineData(Stage.Development, BidKind.Outlook)]
    [InlineData(Stage.Initiation, BidKind.Outlook)]
    [InlineData(Stage.Proposal, BidKind.Outlook)]
    [InlineData(Stage.Tender, BidKind.Decision)]
    public void Before_the_tender_the_bid_is_an_outlook_and_at_the_tender_the_decision(Stage stage, BidKind kind)
    {
        var a = Build.Score(Build.Strong(stage: stage));
        var md = DecisionReport.Create(Build.Strong(stage: stage), a, Build.AsOf).ToMarkdown(Texts.ForLanguage("zh-Hant"));

        Assert.Equal(kind, a.Bid!.Kind);
        Assert.Contains(kind == BidKind.Outlook ? "## 投標前景：**投標**" : "## 投標決策：**投標**", md, StringComparison.Ordinal);
    }
}
