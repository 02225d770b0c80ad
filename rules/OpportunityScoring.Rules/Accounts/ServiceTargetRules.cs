using NRules.Fluent.Dsl;
using NRules.RuleModel;
using OpportunityScoring.Accounts;
using static OpportunityScoring.Rules.Accounts.AccountActions;
using Item = OpportunityScoring.Accounts.AccountCodes.Item;

namespace OpportunityScoring.Rules.Accounts;

/// <summary>Service health in the grade: each target met earns its points, missed none, unknown the unknown share (never graded as missed).</summary>
[Name("Accounts.Service.Health")]
[Description("服務: credits each service target — acceptance pass rate, satisfaction, complaints, payments on schedule — all its points when met, none when missed, the policy's unknown share when no record says; source: \"提供服務的產品合格率100%、顧客滿意度達95%、每年遞增0.5%、年度投訴數量<1\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountServiceHealthRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => Credit(ctx, f, p));
    }

    private static void Credit(IContext ctx, AccountFacts f, AccountPolicy p)
    {
        var s = p.Service;
        ctx.CreditTarget(p, Item.Acceptance, s.AcceptanceMet(f), f.AcceptanceRate is { } a ? Percent(a) : null, s.AcceptancePoints);
        ctx.CreditTarget(p, Item.Satisfaction, s.SatisfactionMet(f), f.Satisfaction is { } sat ? MessageText.Literal(Num(sat)) : null, s.SatisfactionPoints);
        ctx.CreditTarget(p, Item.Complaints, s.ComplaintsMet(f), f.Complaints is { } c ? MessageText.Literal(c.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null, s.ComplaintPoints);
        ctx.CreditTarget(p, Item.Payments, s.PaymentsMet(f), f.OnTimeRate is { } r ? Percent(r) : null, s.PaymentPoints);
    }
}

/// <summary>Acceptance pass rate below target.</summary>
[Name("Service.Acceptance")]
[Description("Flags an acceptance pass rate below the policy's target (default 100%) over the twelve months, with the figure, the target and the gap; source: \"提供服務的產品合格率100%\".")]
[Tag(RuleSetNames.ServiceTargets)]
[Priority(Phase.Points)]
internal sealed class AcceptanceTargetRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => p.Service.AcceptanceMet(x) == false);
        Then().Do(ctx => ctx.MissTarget(Item.Acceptance, Pct(f.AcceptanceRate!.Value), Pct(p.Service.AcceptancePassRate), Gap((f.AcceptanceRate.Value - p.Service.AcceptancePassRate) * 100)));
    }
}

/// <summary>Satisfaction below the year's target.</summary>
[Name("Service.Satisfaction")]
[Description("Flags a mean satisfaction score below the year's target (default 95 in 2026, rising 0.5 a year), with the figure, the target and the gap; source: \"顧客滿意度達95%、每年遞增0.5%\".")]
[Tag(RuleSetNames.ServiceTargets)]
[Priority(Phase.Points)]
internal sealed class SatisfactionTargetRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => p.Service.SatisfactionMet(x) == false);
        Then().Do(ctx => ctx.MissTarget(Item.Satisfaction, Num(f.Satisfaction!.Value), Num(p.Service.SatisfactionTarget(f.Year)), Gap(f.Satisfaction.Value - p.Service.SatisfactionTarget(f.Year))));
    }
}

/// <summary>Complaints at or above the target.</summary>
[Name("Service.Complaints")]
[Description("Flags complaints in the twelve months at or above the policy's bound (default: fewer than 1), with the count, the bound and how many over; source: \"年度投訴數量<1\".")]
[Tag(RuleSetNames.ServiceTargets)]
[Priority(Phase.Points)]
internal sealed class ComplaintsTargetRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => p.Service.ComplaintsMet(x) == false);
        Then().Do(ctx => ctx.MissTarget(Item.Complaints, Num(f.Complaints!.Value), Num(p.Service.ComplaintsBelow), Gap(f.Complaints.Value - Math.Ceiling(p.Service.ComplaintsBelow) + 1)));
    }
}

/// <summary>Payments behind schedule.</summary>
[Name("Service.Payments")]
[Description("Flags a share of payments on schedule below the policy's target (default 100%) over the twelve months, with the figure, the target and the gap; source: implementation stage, payments on time (回款).")]
[Tag(RuleSetNames.ServiceTargets)]
[Priority(Phase.Points)]
internal sealed class PaymentsTargetRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => p.Service.PaymentsMet(x) == false);
        Then().Do(ctx => ctx.MissTarget(Item.Payments, Pct(f.OnTimeRate!.Value), Pct(p.Service.PaymentsOnTimeRate), Gap((f.OnTimeRate.Value - p.Service.PaymentsOnTimeRate) * 100)));
    }
}

/// <summary>No senior visit within the months.</summary>
[Name("Service.SeniorVisit")]
[Description("Flags a last visit to the customer's senior management longer ago than the policy's months (default 6), with the months, the target and how many over; no visit recorded is unknown, not a miss; source: \"拜訪客戶的高層主管\".")]
[Tag(RuleSetNames.ServiceTargets)]
[Priority(Phase.Points)]
internal sealed class SeniorVisitTargetRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => p.Service.SeniorVisitMet(x) == false);
        Then().Do(ctx => ctx.MissTarget(Item.SeniorVisit, Num(f.MonthsSinceSeniorVisit!.Value), Num(p.Service.SeniorVisitMonths), Gap(f.MonthsSinceSeniorVisit.Value - p.Service.SeniorVisitMonths)));
    }
}

/// <summary>A failed acceptance caps the grade.</summary>
[Name("Accounts.KnockOut.FailedAcceptance")]
[Description("Caps the account grade (default at C) when an acceptance failed in the twelve months; source: \"提供服務的產品合格率100%\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class FailedAcceptanceKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => x.Acceptances > x.AcceptancesPassed);
        Then().Do(ctx => ctx.CapAccountGrade(p, "failedAcceptance"));
    }
}

/// <summary>A payment long overdue caps the grade.</summary>
[Name("Accounts.KnockOut.PaymentsOverdue")]
[Description("Caps the account grade (default at C) when a payment is or was overdue by the policy's days or more (default 90); source: implementation stage, payments on time (回款).")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class PaymentsOverdueKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => x.MaxDaysLate >= p.Service.OverdueKnockOutDays);
        Then().Do(ctx => ctx.CapAccountGrade(p, "paymentsOverdue"));
    }
}

/// <summary>A strained relationship caps the grade.</summary>
[Name("Accounts.KnockOut.StrainedRelationship")]
[Description("Caps the account grade (default at B) while the relationship is strained; source: \"或者利用這次機會與其建立關係\" (the relationship comes first).")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class StrainedRelationshipKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => x.Status == RelationshipStatus.Strained);
        Then().Do(ctx => ctx.CapAccountGrade(p, "strainedRelationship"));
    }
}

/// <summary>A serious complaint still open caps the grade.</summary>
[Name("Accounts.KnockOut.OpenSeriousComplaint")]
[Description("Caps the account grade (default at B) while a serious complaint is not closed; source: \"年度投訴數量<1\" and after-sales service (售後服務).")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class OpenSeriousComplaintKnockOutRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => f, x => x.OpenSeriousComplaints > 0);
        Then().Do(ctx => ctx.CapAccountGrade(p, "openSeriousComplaint"));
    }
}
