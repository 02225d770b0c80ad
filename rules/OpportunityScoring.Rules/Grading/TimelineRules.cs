using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;

namespace OpportunityScoring.Rules.Grading;

/// <summary>進度: the purchase timeframe (source: "專案/購買進度表").</summary>
[Name("Grading.Timeline.PurchaseTimeframe")]
[Description("進度: credits the purchase timeframe from the policy's purchaseTimeframe scale (immediate most).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class PurchaseTimeframeRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Timeline, "purchaseTimeframe", opp.Timeline.PurchaseTimeframe));
    }
}

/// <summary>進度: the schedule's dates known — a decision date is a yes, only a tender or signing date a partial.</summary>
[Name("Grading.Timeline.Schedule")]
[Description("進度: credits the known schedule — decision date known: yes; only tender or expected signing date: partial; none: unknown.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
internal sealed class ScheduleRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Credit(Criterion.Timeline, "schedule", Figures.Schedule(opp)));
    }
}
