using OpportunityScoring.Engine;
using OpportunityScoring.Insights;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;
using Xunit;

namespace OpportunityScoring.Tests.Explanations;

public sealed class ExplanationTests
{
    private static readonly IOpportunityScorer Scorer = Build.Scorer;

    public static TheoryData<string> Opportunities => new() { "LEAD", "WEAK", "STRONG", "THIN" };

    private static Opportunity Get(string id) => id switch
    {
        "LEAD" => Build.EarlyLead(),
        "WEAK" => Build.Weak(),
        "STRONG" => Build.Strong(),
        _ => Thin(),
    };

    /// <summary>A proposal with unknowns and a margin of 13%: below the 15% floor.</summary>
    private static Opportunity Thin() => Build.Strong("THIN") with
    {
        EstimatedCost = 8_700_000m,
        Budget = new BudgetEvidence { Status = BudgetStatus.CanBuy },
        Need = new NeedEvidence { Level = NeedLevel.ShouldHave, RequirementsDocumented = Evidence.Partial },
        Milestones = new Milestones { SolutionDemoDone = Evidence.Yes },
    };

    [Fact]
    public void A_closed_opportunity_gets_no_improvements_or_flip_points_because_its_pursuit_has_ended()
    {
        var closed = Build.Strong(stage: Stage.Closed) with { Need = new NeedEvidence { Level = NeedLevel.ShouldHave } };
        var live = closed with { Stage = Stage.Proposal };

        var explanation = Scorer.Explain(closed, Build.AsOf);

        Assert.Empty(explanation.Improvements);
        Assert.Empty(explanation.Assessment.FlipPoints ?? []);
        Assert.NotEmpty(Scorer.Explain(live, Build.AsOf).Improvements); // the same evidence, still open, has some
    }

    [Theory]
    [MemberData(nameof(Opportunities))]
    public void Every_improvement_delivers_exactly_the_promised_points_and_grade(string id)
    {
        var o = Get(id);
        var explanation = Scorer.Explain(o, Build.AsOf);
        var before = explanation.Assessment;
        foreach (var improvement in explanation.Improvements)
        {
            var variant = ImprovementFinder.Apply(o, before, Build.AsOf, improvement.Code);
            Assert.NotNull(variant);
            var after = Scorer.Score(variant, Build.AsOf);
            Assert.Equal(improvement.ScoreAfter, after.Score);
            Assert.Equal(improvement.Points, after.Score - before.Score);
            Assert.Equal(improvement.GradeAfter, after.Grade);
            Assert.Equal(improvement.GateAfter ?? before.Gate.Outcome, after.Gate.Outcome);
            Assert.Equal(improvement.BidAfter ?? before.Bid?.Decision, after.Bid?.Decision);
        }
    }

    [Theory]
    [MemberData(nameof(Opportunities))]
    public void Improvements_are_ranked_by_points_then_grade(string id)
    {
        var improvements = Scorer.Explain(Get(id), Build.AsOf).Improvements;
        for (var i = 1; i < improvements.Count; i++)
        {
            Assert.True(improvements[i - 1].Points >= improvements[i].Points, $"{improvements[i - 1].Code} before {improvements[i].Code}");
            if (improvements[i - 1].Points == improvements[i].Points)
            {
                Assert.True(improvements[i - 1].GradeAfter <= improvements[i].GradeAfter);
            }
        }
    }

    [Fact]
    public void Confirming_the_budget_by_hand_gives_the_promised_points()
    {
        var lead = Build.EarlyLead();
        var explanation = Scorer.Explain(lead, Build.AsOf);
        var budget = Assert.Single(explanation.Improvements, i => i.Code == "budget.status");
        var confirmed = Scorer.Score(lead with { Budget = new BudgetEvidence { Status = BudgetStatus.WillBuy } }, Build.AsOf);
        Assert.Equal(budget.Points, confirmed.Score - explanation.Assessment.Score);
        Assert.Equal(budget.GradeAfter, confirmed.Grade);
        Assert.StartsWith("confirm the budget is approved: +", budget.Message);
        Assert.True(budget.Points > 0);
    }

    [Fact]
    public void An_unknown_lead_has_an_improvement_for_each_unknown_item()
    {
        var codes = Scorer.Explain(Build.EarlyLead(), Build.AsOf).Improvements.Select(i => i.Code).ToHashSet();
        foreach (var code in new[] { "need.level", "need.requirementsDocumented", "need.evaluationCriteriaKnown", "budget.status", "budget.amount", "timeline.purchaseTimeframe",
                     "timeline.decisionDate", "competition.position", "competition.buyingCriteriaFavor", "competition.incumbent", "decisionChain.procurementEngaged",
                     "strategicFit.strategy", "strategicFit.marketPositioning", "strategicFit.productDirection", "strategicFit.futureInfluence" })
        {
            Assert.Contains(code, codes);
        }
    }

    [Fact]
    public void Stakeholders_and_gate_milestones_are_improvements()
    {
        var thin = Thin();
        var explanation = Scorer.Explain(thin, Build.AsOf);
        var codes = explanation.Improvements.Select(i => i.Code).ToList();
        Assert.Contains("milestones.proposalSubmitted", codes);
        Assert.Contains("decisionChain.stakeholders[0].coverage", Scorer.Explain(Build.Weak(), Build.AsOf).Improvements.Select(i => i.Code));
    }

    [Fact]
    public void Plain_scoring_does_not_explain()
    {
        var a = Scorer.Score(Build.EarlyLead(), Build.AsOf);
        Assert.Null(a.Improvements);
        Assert.Null(a.FlipPoints);
    }

    [Fact]
    public void The_margin_flip_is_solved_and_verified_at_the_floor()
    {
        var thin = Thin(); // 13% against a 15% floor
        var explanation = Scorer.Explain(thin, Build.AsOf);
        Assert.Equal(BidRecommendation.NoBid, explanation.Assessment.Bid!.Decision);
        var margin = Assert.Single(explanation.FlipPoints, f => f.Code == "margin" && f.Kind == FlipKind.Bid);
        Assert.True(margin.Verified);
        Assert.Equal(0.02m, margin.Delta);
        Assert.StartsWith("the margin must rise 2 points, or cost fall by 200,000, to clear the 15% floor", margin.Message);
        var cost = Assert.Single(explanation.FlipPoints, f => f.Code == "cost");
        Assert.Equal(-200_000m, cost.Delta);
        Assert.NotEqual(BidRecommendation.NoBid, Scorer.Score(thin with { EstimatedCost = 8_500_000m }, Build.AsOf).Bid!.Decision);
        Assert.Equal(BidRecommendation.NoBid, Scorer.Score(thin with { EstimatedCost = 8_500_001m }, Build.AsOf).Bid!.Decision);
    }

    [Fact]
    public void A_margin_in_the_review_band_flips_at_the_band()
    {
        var near = Thin() with { EstimatedCost = 8_400_000m }; // 16%: review, band ends at 18%
        var explanation = Scorer.Explain(near, Build.AsOf);
        var margin = Assert.Single(explanation.FlipPoints, f => f.Code == "margin" && f.Kind == FlipKind.Bid);
        Assert.True(margin.Verified);
        Assert.Equal(0.02m, margin.Delta);
        Assert.Contains("review band (18%)", margin.Message);
    }

    [Theory]
    [MemberData(nameof(Opportunities))]
    public void Criterion_flips_change_what_they_claim(string id)
    {
        var o = Get(id);
        var explanation = Scorer.Explain(o, Build.AsOf);
        foreach (var flip in explanation.FlipPoints.Where(f => f.Code is not "margin" and not "cost"))
        {
            var field = EvidenceFields.For(o).Single(f => f.Code == flip.Code);
            var after = Scorer.Score(field.Set(o, Array.IndexOf(field.Words, flip.To)), Build.AsOf);
            if (flip.Kind == FlipKind.Grade)
            {
                Assert.Equal(flip.OutcomeAfter, after.Grade.ToString());
            }
            else
            {
                Assert.Equal(flip.OutcomeAfter, after.Bid is { } b ? ContractWords.Of(b.Decision) : "none");
            }
        }
    }

    [Fact]
    public void Grade_flips_are_found()
    {
        var b = Thin() with { Need = new NeedEvidence { Level = NeedLevel.GoodToHave, RequirementsDocumented = Evidence.Partial } };
        Assert.Equal(Grade.B, Scorer.Score(b, Build.AsOf).Grade);
        var flips = Scorer.Explain(b, Build.AsOf).FlipPoints;
        var up = Assert.Single(flips, f => f.Code == "need.level" && f.Kind == FlipKind.Grade && f.OutcomeAfter == "A");
        Assert.Equal("need.level: goodToHave → shouldHave raises the grade B → A", up.Message);
        Assert.Contains(flips, f => f.Kind == FlipKind.Grade && string.CompareOrdinal(f.OutcomeAfter, f.OutcomeBefore) < 0);
        Assert.Contains(flips, f => f.Kind == FlipKind.Grade && string.CompareOrdinal(f.OutcomeAfter, f.OutcomeBefore) > 0);
    }

    [Fact]
    public void The_rete_engine_explains_the_same()
    {
        var rete = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete);
        var a = Scorer.Explain(Thin(), Build.AsOf);
        var b = rete.Explain(Thin(), Build.AsOf);
        Assert.Equal(a.Improvements, b.Improvements);
        Assert.Equal(a.FlipPoints, b.FlipPoints);
    }
}
