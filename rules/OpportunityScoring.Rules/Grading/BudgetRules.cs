using NRules.Fluent.Dsl;

namespace OpportunityScoring.Rules.Grading;

/// <summary>預算 status (source: "預算"; Dynamics 365 budgetstatus).</summary>
[Name("Grading.Budget.Status")]
[Description("預算: credits the budget status from the policy's budgetStatus scale (will buy most, no committed budget nothing).")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
public sealed class BudgetStatusRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp);
        Then().Do(ctx => card.AddCredit(ctx.Rule.Name, Criterion.Budget, "status", PolicyCatalog.Word(opp.Budget.Status), card.Policy.Credit(opp.Budget.Status), opp.Budget.Status == BudgetStatus.Unknown));
    }
}

/// <summary>預算 amount against the expected contract amount, when the amount is known.</summary>
[Name("Grading.Budget.Coverage")]
[Description("預算: credits the budget amount as a fraction of the expected contract amount, on the policy's budgetCoverage steps.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
public sealed class BudgetCoverageRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp, o => o.Budget.Amount != null);
        Then().Do(ctx => card.AddCredit(ctx.Rule.Name, Criterion.Budget, "coverage",
            MessageText.Of("answer.budgetCoverage", Derive.PercentText(opp.Budget.Amount!.Value / opp.ExpectedContractAmount)),
            card.Policy.BudgetCoverage.Credit(opp.Budget.Amount!.Value / opp.ExpectedContractAmount), false));
    }
}

/// <summary>預算 amount unknown.</summary>
[Name("Grading.Budget.CoverageUnknown")]
[Description("預算: an unknown budget amount earns the policy's credit for unknown answers, never the credit for no.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
public sealed class BudgetCoverageUnknownRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp, o => o.Budget.Amount == null);
        Then().Do(ctx => card.AddCredit(ctx.Rule.Name, Criterion.Budget, "coverage", "unknown", card.Policy.Credit(Evidence.Unknown), true));
    }
}

/// <summary>Knock-out: no committed budget.</summary>
[Name("Grading.KnockOut.NoCommittedBudget")]
[Description("預算: a known absence of committed budget caps the grade at the policy's cap for knock-out noCommittedBudget.")]
[Tag(RuleSetNames.Grading)]
[Priority(Phase.Points)]
public sealed class NoCommittedBudgetKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        ScoringPolicy policy = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => opp, o => o.Budget.Status == BudgetStatus.NoCommittedBudget)
            .Match(() => policy, p => p.KnockOut("noCommittedBudget") != null);
        Then().Do(ctx => card.KnockOut(ctx.Rule.Name, Criterion.Budget, "noCommittedBudget"));
    }
}
