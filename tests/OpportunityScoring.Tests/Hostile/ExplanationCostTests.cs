using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpportunityScoring.Engine;
using OpportunityScoring.Insights;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.Properties;
using OpportunityScoring.Tests.TestAssets;
using Xunit;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Explaining one opportunity costs time linear in its size (finding 2 of issue 24: it cost the square of its
/// stakeholders), gives the same improvements and flip points, stops when asked, and works on the calendar's last day
/// (finding 7).
/// </summary>
public sealed class ExplanationCostTests
{
    private static readonly DateOnly AsOf = Build.AsOf;

    private static Opportunity WithStakeholders(int count, Func<int, Stakeholder> stakeholder) => Build.Strong("BIG") with
    {
        Need = new NeedEvidence { Level = NeedLevel.ShouldHave },
        DecisionChain = Build.Strong().DecisionChain with { Stakeholders = [.. Enumerable.Range(0, count).Select(stakeholder)] },
    };

    /// <summary>Every kind of stakeholder there is: 8 roles × 4 influences × 5 stances × 5 coverages.</summary>
    private static Stakeholder OfKind(int i) => new()
    {
        Name = "S" + i,
        Role = (StakeholderRole)(i % 8),
        Influence = (Influence)(i / 8 % 4),
        Stance = (Stance)(i / 32 % 5),
        Coverage = (Coverage)(i / 160 % 5),
    };

    private static Stakeholder Alike(int i) => new() { Name = "S" + i, Role = StakeholderRole.User, Influence = Influence.Low, Stance = Stance.Neutral, Coverage = Coverage.Contacted };

    [Fact]
    public void Twice_as_many_alike_stakeholders_cost_no_more_re_scorings()
    {
        var thousand = new CountingScorer(Build.Scorer);
        var twoThousand = new CountingScorer(Build.Scorer);

        var few = thousand.Explain(WithStakeholders(1_000, Alike), AsOf);
        var many = twoThousand.Explain(WithStakeholders(2_000, Alike), AsOf);

        Assert.Equal(thousand.Calls, twoThousand.Calls);
        Assert.InRange(thousand.Calls, 1, 200);
        // Still every stakeholder's improvements: as many per stakeholder in both.
        var perStakeholder = few.Improvements.Count(i => i.Code.StartsWith("decisionChain.stakeholders[", StringComparison.Ordinal));
        Assert.True(perStakeholder >= 1_000, $"{perStakeholder} stakeholder improvements");
        Assert.Equal(2 * perStakeholder, many.Improvements.Count(i => i.Code.StartsWith("decisionChain.stakeholders[", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_re_scorings_of_3200_stakeholders_are_bounded_by_their_kinds_not_their_number()
    {
        var counting = new CountingScorer(Build.Scorer);

        counting.Explain(WithStakeholders(3_200, OfKind), AsOf);

        // 800 kinds, each set to at most 4 values of its coverage and 4 of its stance (fewer once a flip is found), and a
        // few dozen other variants: fewer than two re-scorings per stakeholder (before: one per stakeholder and value).
        Assert.True(counting.Calls < 2 * 3_200, $"{counting.Calls} re-scorings");
    }

    [Fact]
    public void Every_improvement_and_flip_of_a_large_opportunity_is_what_re_scoring_its_own_variant_gives()
    {
        var o = WithStakeholders(400, i => OfKind(i * 7));
        var explanation = Build.Scorer.Explain(o, AsOf);
        var before = explanation.Assessment;

        Assert.NotEmpty(explanation.Improvements);
        foreach (var improvement in explanation.Improvements)
        {
            var after = Build.Scorer.Score(ImprovementFinder.Apply(o, before, AsOf, improvement.Code)!, AsOf);
            Assert.Equal((improvement.ScoreAfter, improvement.GradeAfter), (after.Score, after.Grade));
            Assert.Equal(improvement.BidAfter ?? before.Bid?.Decision, after.Bid?.Decision);
        }

        var fields = EvidenceFields.For(o).ToDictionary(f => f.Code);
        foreach (var flip in explanation.FlipPoints.Where(f => f.Code is not "margin" and not "cost"))
        {
            var field = fields[flip.Code];
            var after = Build.Scorer.Score(field.Set(o, Array.IndexOf(field.Words, flip.To)), AsOf);
            Assert.Equal(flip.OutcomeAfter, flip.Kind == FlipKind.Grade ? after.Grade.ToString() : after.Bid is { } b ? ContractWords.Of(b.Decision) : "none");
        }
    }

    [Fact]
    public void Alike_stakeholders_get_alike_improvements_wherever_they_stand_in_the_list()
    {
        var o = WithStakeholders(300, i => OfKind(i % 60 * 13));
        var improvements = Build.Scorer.Explain(o, AsOf).Improvements.ToDictionary(i => i.Code);
        var stakeholders = o.DecisionChain.Stakeholders;

        for (var i = 0; i < stakeholders.Count; i++)
        {
            var twin = i % 60; // the first stakeholder of the same kind
            foreach (var item in new[] { "coverage", "stance" })
            {
                improvements.TryGetValue($"decisionChain.stakeholders[{i}].{item}", out var mine);
                improvements.TryGetValue($"decisionChain.stakeholders[{twin}].{item}", out var theirs);
                Assert.Equal((theirs?.Points, theirs?.GradeAfter, theirs?.GateAfter, theirs?.BidAfter), (mine?.Points, mine?.GradeAfter, mine?.GateAfter, mine?.BidAfter));
            }
        }
    }

    [Property(Arbitrary = [typeof(ScoringArbitraries)], MaxTest = 300, QuietOnSuccess = true)]
    public Property A_stakeholders_name_never_changes_the_assessment_so_alike_stakeholders_are_re_scored_once(Opportunity o)
    {
        // What the explanation relies on to re-score alike stakeholders once: the rules never read a name.
        var renamed = o with
        {
            DecisionChain = o.DecisionChain with { Stakeholders = [.. o.DecisionChain.Stakeholders.Select((s, i) => s with { Name = s.Name is null ? "someone " + i : null })] },
        };
        return (Json(Build.Scorer.Score(o, AsOf)) == Json(Build.Scorer.Score(renamed, AsOf))).ToProperty();
    }

    [Theory]
    [InlineData("9999-12-31", "9999-12-31")]
    [InlineData("9999-12-01", "9999-12-31")]
    [InlineData("9999-12-02", "9999-12-31")]
    [InlineData("9999-11-30", "9999-12-30")]
    [InlineData("2027-01-10", "2027-02-09")]
    public void Without_any_date_the_decision_date_proposed_is_a_month_ahead_or_the_calendars_last_day(string asOf, string proposed)
    {
        var day = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture);
        var o = Build.EarlyLead();
        Assert.Null(o.Timeline.DecisionDate ?? o.Timeline.TenderDate ?? o.ExpectedSignDate ?? o.InitiationReport?.ExpectedSignDate);

        var explanation = Build.Scorer.Explain(o, day);

        Assert.Contains(explanation.Improvements, i => i.Code == "timeline.decisionDate");
        var variant = ImprovementFinder.Apply(o, explanation.Assessment, day, "timeline.decisionDate")!;
        Assert.Equal(DateOnly.Parse(proposed, System.Globalization.CultureInfo.InvariantCulture), variant.Timeline.DecisionDate);
    }

    [Fact]
    public void A_batch_explained_on_the_calendars_last_day_assesses_every_record()
    {
        var opportunities = new Testing.PipelineGenerator(seed: 24, AsOf).Generate(200).ToList();
        Assert.Contains(opportunities, o => o.Timeline.DecisionDate is null && o.Timeline.TenderDate is null && o.ExpectedSignDate is null && o.InitiationReport?.ExpectedSignDate is null);

        var run = new BatchScorer(Explainer.Scorer(Build.Scorer)).Score(opportunities, DateOnly.MaxValue).ToList();

        Assert.All(run, item => Assert.Empty(item.Errors));
        Assert.Equal(opportunities.Count, run.Count(item => item.IsAssessed));
    }

    [Fact]
    public void An_explanation_stops_at_the_next_re_scoring_once_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var counting = new CountingScorer(Build.Scorer, afterCalls: 5, then: cancel.Cancel);

        Assert.ThrowsAny<OperationCanceledException>(() => counting.Explain(WithStakeholders(400, OfKind), AsOf, cancellationToken: cancel.Token));
        Assert.Equal(5, counting.Calls);
        Assert.ThrowsAny<OperationCanceledException>(() => Build.Scorer.Explain(Build.Weak(), AsOf, cancellationToken: cancel.Token));
    }

    [Fact]
    public void A_batch_of_explained_opportunities_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var counting = new CountingScorer(Build.Scorer, afterCalls: 50, then: cancel.Cancel);
        var opportunities = new Testing.PipelineGenerator(seed: 24, AsOf).Generate(100).ToList();

        var explaining = Explainer.Scorer(counting, cancellationToken: cancel.Token);

        Assert.ThrowsAny<OperationCanceledException>(() => new BatchScorer(explaining).Score(opportunities, AsOf, cancellationToken: cancel.Token).ToList());
        Assert.InRange(counting.Calls, 50, 50 + Environment.ProcessorCount); // a scoring under way on another core when it was cancelled ends
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), ContractJson.Options);

    /// <summary>Counts the scorings (full or decisions only), and calls back after so many.</summary>
    private sealed class CountingScorer(IOpportunityScorer inner, int afterCalls = int.MaxValue, Action? then = null) : IOpportunityScorer
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ScoringPolicy Policy => inner.Policy;

        public Assessment Score(Opportunity opportunity, DateOnly? asOf = null)
        {
            Count();
            return inner.Score(opportunity, asOf);
        }

        public AssessmentDecisions Decide(Opportunity opportunity, DateOnly? asOf = null)
        {
            Count();
            return inner.Decide(opportunity, asOf);
        }

        private void Count()
        {
            if (Interlocked.Increment(ref _calls) == afterCalls)
            {
                then?.Invoke();
            }
        }
    }
}
