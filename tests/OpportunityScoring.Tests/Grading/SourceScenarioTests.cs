using OpportunityScoring.Grading;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Grading;

/// <summary>The source's own grading cases (DIGEST: "Grading", "The evaluation criteria").</summary>
public sealed class SourceScenarioTests
{
    [Fact]
    public void A_key_account_strong_on_every_criterion_grades_A()
    {
        var a = Build.Score(Build.Strong());

        Assert.Equal(Grade.A, a.Grade);
        Assert.True(a.Score >= 90m, $"score {a.Score}");
        Assert.Empty(a.KnockOuts);
    }

    [Fact]
    public void An_opportunity_weak_on_every_criterion_grades_D()
    {
        var a = Build.Score(Build.Weak());

        Assert.Equal(Grade.D, a.Grade);
        Assert.True(a.Score < 35m, $"score {a.Score}");
    }

    [Fact]
    public void An_early_lead_with_nothing_known_grades_D_and_lists_every_criterion_as_missing()
    {
        var a = Build.Score(Build.EarlyLead());

        Assert.Equal(Grade.D, a.Grade);
        var missing = a.MissingEvidence.Select(m => m.Field.Split('.')[0]).Distinct().ToHashSet();
        Assert.Equal(GradingCodes.CriterionNames.ToHashSet(), missing);
        Assert.Empty(a.RedFlags);
        Assert.Empty(a.KnockOuts);
    }

    [Fact]
    public void Unknown_is_not_no_an_unknown_answer_earns_more_than_a_known_negative()
    {
        var allYes = Build.Score(Build.Strong());
        var no = Build.Score(With(Build.Strong(), need: new NeedEvidence { Level = NeedLevel.MustHave, RequirementsDocumented = Evidence.No, EvaluationCriteriaKnown = Evidence.Yes }));
        var unk = Build.Score(With(Build.Strong(), need: new NeedEvidence { Level = NeedLevel.MustHave, RequirementsDocumented = Evidence.Unknown, EvaluationCriteriaKnown = Evidence.Yes }));

        Assert.True(unk.Score > no.Score, $"unknown {unk.Score} vs no {no.Score}");
        Assert.True(allYes.Score > unk.Score);
        Assert.Contains(unk.MissingEvidence, m => m.Field == "need.requirementsDocumented");
        Assert.DoesNotContain(no.MissingEvidence, m => m.Field == "need.requirementsDocumented");
    }

    [Fact]
    public void An_unknown_budget_scores_below_a_will_buy_budget()
    {
        var willBuy = Build.Score(With(Build.Strong(), budget: new BudgetEvidence { Status = BudgetStatus.WillBuy }));
        var unknown = Build.Score(With(Build.Strong(), budget: new BudgetEvidence { Status = BudgetStatus.Unknown }));

        Assert.True(unknown.Score < willBuy.Score, $"unknown {unknown.Score} vs willBuy {willBuy.Score}");
        Assert.True(unknown.Criteria.Budget < willBuy.Criteria.Budget);
        Assert.Contains(unknown.MissingEvidence, m => m.Field == "budget.status");
    }

    [Theory]
    [InlineData(StakeholderRole.Coach)]
    [InlineData(StakeholderRole.EconomicBuyer)]
    public void A_stakeholder_of_unknown_stance_raises_no_no_coach_flag_because_unknown_is_not_no(StakeholderRole role)
    {
        var unknownStance = With(Build.Strong(), chain: new DecisionChain
        {
            Stakeholders =
            [
                new Stakeholder { Role = role, Influence = Influence.High, Stance = Stance.Unknown, Coverage = Coverage.Met },
                new Stakeholder { Role = StakeholderRole.User, Influence = Influence.Low, Stance = Stance.Neutral, Coverage = Coverage.Met },
            ],
        });
        var knownNeutral = unknownStance with
        {
            DecisionChain = unknownStance.DecisionChain with { Stakeholders = [.. unknownStance.DecisionChain.Stakeholders.Select(s => s with { Stance = Stance.Neutral })] },
        };

        Assert.DoesNotContain(Build.Score(unknownStance).RedFlags, f => f.Code == "noCoach");
        Assert.Contains(Build.Score(knownNeutral).RedFlags, f => f.Code == "noCoach");
    }

    [Fact]
    public void No_coach_and_procurement_not_engaged_raise_red_flags()
    {
        var opp = With(Build.Strong(), chain: new DecisionChain
        {
            PurchaseProcess = PurchaseProcess.Committee,
            ProcurementEngaged = Evidence.No,
            Stakeholders =
            [
                new Stakeholder { Role = StakeholderRole.EconomicBuyer, Influence = Influence.High, Stance = Stance.Neutral, Coverage = Coverage.Met },
                new Stakeholder { Role = StakeholderRole.User, Influence = Influence.Low, Stance = Stance.Supporter, Coverage = Coverage.Met },
            ],
        });

        var a = Build.Score(opp);

        Assert.Contains(a.RedFlags, f => f.Code == "noCoach");
        Assert.Contains(a.RedFlags, f => f.Code == "procurementNotEngaged");
    }

    [Fact]
    public void Unknown_procurement_engagement_raises_no_red_flag()
    {
        var opp = With(Build.Strong(), chain: new DecisionChain
        {
            ProcurementEngaged = Evidence.Unknown,
            Stakeholders = [new Stakeholder { Role = StakeholderRole.EconomicBuyer, Influence = Influence.High, Stance = Stance.Champion, Coverage = Coverage.InDepth }],
        });

        var a = Build.Score(opp);

        Assert.DoesNotContain(a.RedFlags, f => f.Code == "procurementNotEngaged");
        Assert.Contains(a.MissingEvidence, m => m.Field == "decisionChain.procurementEngaged");
    }

    [Fact]
    public void No_need_is_a_knock_out_that_caps_a_strong_opportunity_at_D()
    {
        var a = Build.Score(With(Build.Strong(), need: new NeedEvidence { Level = NeedLevel.NoNeed, RequirementsDocumented = Evidence.Yes, EvaluationCriteriaKnown = Evidence.Yes }));

        Assert.Equal(Grade.D, a.Grade);
        Assert.True(a.Score >= 75m, "the score itself stays high; only the grade is capped");
        Assert.Contains(a.KnockOuts, k => k.Code == "noNeed" && k.Cap == Grade.D);
    }

    [Fact]
    public void Outside_the_strategy_with_no_future_influence_is_a_knock_out()
    {
        var a = Build.Score(With(Build.Strong(), fit: new StrategicFit { Strategy = Evidence.No, MarketPositioning = Evidence.Yes, ProductDirection = Evidence.Yes, FutureInfluence = FutureInfluence.None }));

        Assert.Contains(a.KnockOuts, k => k.Code == "outsideStrategy");
        Assert.Equal(Grade.D, a.Grade);
    }

    [Fact]
    public void Outside_the_strategy_but_relevant_to_future_direction_is_not_a_knock_out()
    {
        var a = Build.Score(With(Build.Strong(), fit: new StrategicFit { Strategy = Evidence.No, FutureInfluence = FutureInfluence.High }));

        Assert.DoesNotContain(a.KnockOuts, k => k.Code == "outsideStrategy");
    }

    [Fact]
    public void The_reasons_points_add_up_to_the_score()
    {
        foreach (var opp in new[] { Build.Strong(), Build.Weak(), Build.EarlyLead() })
        {
            var a = Build.Score(opp);
            Assert.Equal(a.Score, a.Reasons.Sum(r => r.Points));
        }
    }

    [Fact]
    public void Every_assessment_carries_the_policy_name_version_and_sha256()
    {
        var a = Build.Score(Build.Strong());

        Assert.Equal("default", a.Policy.Name);
        Assert.Equal("1.2.0", a.Policy.Version);
        Assert.Matches("^[0-9a-f]{64}$", a.Policy.Sha256);
    }

    [Fact]
    public void Win_probability_rises_with_the_score_under_the_default_policy()
    {
        var strong = Build.Score(Build.Strong());
        var lead = Build.Score(Build.EarlyLead());
        var weak = Build.Score(Build.Weak());

        Assert.True(strong.WinProbability > lead.WinProbability);
        Assert.True(lead.WinProbability > weak.WinProbability || lead.Score <= weak.Score);
        Assert.InRange(strong.WinProbability, 0d, 1d);
    }

    internal static Opportunity With(Opportunity o, NeedEvidence? need = null, BudgetEvidence? budget = null, DecisionChain? chain = null, StrategicFit? fit = null) =>
        o with { Need = need ?? o.Need, Budget = budget ?? o.Budget, DecisionChain = chain ?? o.DecisionChain, StrategicFit = fit ?? o.StrategicFit };
}
