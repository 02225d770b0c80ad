using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules.Grading;

/// <summary>Closes the score once every points rule has fired, and inserts the <see cref="TotalScore"/> the bands match.</summary>
[Name("Grading.Total")]
[Description("Totals the points of every criterion into the 0–100 score; fires after all points rules (priority) and before the grade bands.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Total)]
internal sealed class TotalRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Total());
    }
}

/// <summary>
/// Estimates the win probability from the total with the policy's (uncalibrated or calibrated) logistic model; fires
/// after the grade and every red flag (grading and gates), before the bid economics that use it.
/// </summary>
[Name("Grading.WinProbability")]
[Description("Estimates the win probability: a logistic function of the score (default, uncalibrated) or of the sub-scores and rule signals (calibrated on won/lost history), parameters from the policy; once the tender's outcome is known it is stated instead: 1 after the win (implementation, or closed with the bid won), 0 once the bid is lost.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.WinProbability)]
internal sealed class WinProbabilityRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        TotalScore total = default!;
        When().Match(() => opp).Match(() => total);
        Then().Do(ctx => ctx.EstimateWinProbability(opp));
    }
}

/// <summary>
/// A grade band (source: "判斷屬於a級、b級、c級、d級客戶的哪一級別"): fires when the total falls in the policy's
/// band for its grade. Hit policy <em>unique</em>: the policy's bands are validated to be contiguous and disjoint,
/// and the scorecard refuses a second grade.
/// </summary>
internal abstract class GradeBandRule : Rule
{
    private readonly Grade _grade;

    /// <summary>Creates the band rule of a grade.</summary>
    /// <param name="grade">The grade.</param>
    protected GradeBandRule(Grade grade) => _grade = grade;

    /// <inheritdoc />
    public override void Define()
    {
        var grade = _grade;
        TotalScore total = default!;
        GradingPolicy policy = default!;
        When()
            .Match(() => policy)
            .Match(() => total, t => policy.InBand(grade, t.Score));
        Then().Do(ctx => ctx.AssignGrade(grade));
    }
}

/// <summary>Grade A band.</summary>
[Name("Grading.Band.A")]
[Description("Grades A when the score is in the policy's A band (default 75–100).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Band)]
internal sealed class GradeABandRule() : GradeBandRule(Grade.A);

/// <summary>Grade B band.</summary>
[Name("Grading.Band.B")]
[Description("Grades B when the score is in the policy's B band (default 55–75).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Band)]
internal sealed class GradeBBandRule() : GradeBandRule(Grade.B);

/// <summary>Grade C band.</summary>
[Name("Grading.Band.C")]
[Description("Grades C when the score is in the policy's C band (default 35–55).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Band)]
internal sealed class GradeCBandRule() : GradeBandRule(Grade.C);

/// <summary>Grade D band.</summary>
[Name("Grading.Band.D")]
[Description("Grades D when the score is in the policy's D band (default 0–35).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Band)]
internal sealed class GradeDBandRule() : GradeBandRule(Grade.D);
