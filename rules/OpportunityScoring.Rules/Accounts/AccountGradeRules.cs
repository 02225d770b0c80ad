using NRules.Fluent.Dsl;
using OpportunityScoring.Accounts;
using static OpportunityScoring.Rules.Accounts.AccountActions;
using Dim = OpportunityScoring.Accounts.AccountCodes.Dimension;
using Item = OpportunityScoring.Accounts.AccountCodes.Item;

namespace OpportunityScoring.Rules.Accounts;

/// <summary>Value: the annual revenue.</summary>
[Name("Accounts.Value.Revenue")]
[Description("價值: credits the account's annual revenue (the larger of the latest booked year and its won deals) on the policy's revenue steps; source: \"企業80%的銷售額來自於20%的大客戶\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountRevenueRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => ctx.CreditSteps(Dim.Value, Item.Revenue, Amount(f.Revenue), f.Revenue, p.Revenue));
    }
}

/// <summary>Value: the weighted open pipeline.</summary>
[Name("Accounts.Value.WeightedPipeline")]
[Description("價值: credits the weighted open pipeline (Σ amount × win probability of the account's open opportunities, from their assessments) on the policy's steps; source: \"大客戶部門更新大客戶名單或大專案名單\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountWeightedPipelineRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => ctx.CreditSteps(Dim.Value, Item.WeightedPipeline, Amount(f.WeightedPipeline), f.WeightedPipeline, p.WeightedPipeline));
    }
}

/// <summary>Potential: follow-on orders.</summary>
[Name("Accounts.Potential.FollowOnOrders")]
[Description("潛力: credits the follow-on orders (續單) of the twelve months on the policy's steps; unknown when they are not recorded (the unknown share, never zero); source: implementation stage, \"續單\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountFollowOnOrdersRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => Credit(ctx, f, p));
    }

    private static void Credit(NRules.RuleModel.IContext ctx, AccountFacts f, AccountPolicy p)
    {
        if (f.FollowOnOrders is { } orders)
        {
            ctx.CreditSteps(Dim.Potential, Item.FollowOnOrders, Amount(orders), orders, p.FollowOnOrders);
        }
        else
        {
            ctx.Credit(Dim.Potential, Item.FollowOnOrders, null, p.Unknown(AccountPolicy.MaxOf(p.FollowOnOrders)), AccountPolicy.MaxOf(p.FollowOnOrders));
        }
    }
}

/// <summary>Potential: share of wallet.</summary>
[Name("Accounts.Potential.ShareOfWallet")]
[Description("潛力: credits our share of the customer's spend on the policy's steps; unknown when not stated; source: \"判斷屬於a級、b級、c級、d級客戶的哪一級別\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountShareOfWalletRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => Credit(ctx, f, p));
    }

    private static void Credit(NRules.RuleModel.IContext ctx, AccountFacts f, AccountPolicy p)
    {
        if (f.ShareOfWallet is { } share)
        {
            ctx.CreditSteps(Dim.Potential, Item.ShareOfWallet, Percent(share), share, p.ShareOfWallet);
        }
        else
        {
            ctx.Credit(Dim.Potential, Item.ShareOfWallet, null, p.Unknown(AccountPolicy.MaxOf(p.ShareOfWallet)), AccountPolicy.MaxOf(p.ShareOfWallet));
        }
    }
}

/// <summary>Relationship: the senior-level relationship plan.</summary>
[Name("Accounts.Relationship.SeniorPlan")]
[Description("關係: credits the senior-level relationship plan (yes, partial, no, unknown) from the policy's scale; source: implementation stage, \"拜訪客戶的高層主管\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountSeniorPlanRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => ctx.Credit(Dim.Relationship, Item.SeniorPlan, f.SeniorPlan == Evidence.Unknown ? null : MessageText.Word(f.SeniorPlan),
            p.SeniorPlan[ContractWords.Of(f.SeniorPlan)], p.SeniorPlan.Values.Max()));
    }
}

/// <summary>Relationship: a senior visit within the months.</summary>
[Name("Accounts.Relationship.SeniorVisit")]
[Description("關係: credits a visit to the customer's senior management within the policy's months (all points), none when older, the unknown share when no visit is recorded; source: \"拜訪客戶的高層主管\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountSeniorVisitRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => Credit(ctx, f, p));
    }

    private static void Credit(NRules.RuleModel.IContext ctx, AccountFacts f, AccountPolicy p) =>
        ctx.Credit(Dim.Relationship, Item.SeniorVisit, f.MonthsSinceSeniorVisit is { } m ? MessageText.Of("account.monthsAgo", m) : null,
            p.Service.SeniorVisitMet(f) switch { true => p.SeniorVisitPoints, false => 0m, null => p.Unknown(p.SeniorVisitPoints) }, p.SeniorVisitPoints);
}

/// <summary>Relationship: champions across the account's deals.</summary>
[Name("Accounts.Relationship.Champions")]
[Description("關係: credits the champions (倡導者) across the account's open deals on the policy's steps; source: development stage, decision chain (決策鏈).")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountChampionsRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => ctx.CreditSteps(Dim.Relationship, Item.Champions, MessageText.Literal(f.Champions.ToString(System.Globalization.CultureInfo.InvariantCulture)), f.Champions, p.Champions));
    }
}

/// <summary>Strategic fit: the mean strategic-fit share of its deals.</summary>
[Name("Accounts.StrategicFit")]
[Description("戰略符合: credits the policy's strategic-fit points scaled by the mean strategic-fit share of the account's opportunities (from their assessments); unknown without opportunities; source: \"是否符合公司戰略規劃\".")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Points)]
internal sealed class AccountStrategicFitRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        AccountPolicy p = default!;
        When().Match(() => f).Match(() => p);
        Then().Do(ctx => Credit(ctx, f, p));
    }

    private static void Credit(NRules.RuleModel.IContext ctx, AccountFacts f, AccountPolicy p) =>
        ctx.Credit(Dim.StrategicFit, Item.StrategicFit, f.StrategicFit is { } s ? Percent(s) : null,
            f.StrategicFit is { } share ? Math.Round(p.StrategicFitPoints * share, 2, MidpointRounding.ToZero) : p.Unknown(p.StrategicFitPoints), p.StrategicFitPoints);
}

/// <summary>Closes the total once every points rule has fired.</summary>
[Name("Accounts.Total")]
[Description("Totals the points of every item into the account's 0–100 score; fires after all points rules and knock-outs, before the bands.")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Total)]
internal sealed class AccountTotalRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountFacts f = default!;
        When().Match(() => f);
        Then().Do(ctx => ctx.CloseTotal());
    }
}

/// <summary>A band of the account grade (source: "判斷屬於a級、b級、c級、d級客戶的哪一級別").</summary>
internal abstract class AccountBandRule(Grade grade) : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        AccountTotal total = default!;
        AccountPolicy p = default!;
        When().Match(() => p).Match(() => total, t => p.GradeOf(t.Score) == grade);
        Then().Do(ctx => ctx.AssignAccountGrade(grade));
    }
}

/// <summary>Account grade A.</summary>
[Name("Accounts.Band.A")]
[Description("Grades the account A (a級客戶) when its total is in the policy's A band (default 75–100), capped by any knock-out.")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Band)]
internal sealed class AccountBandARule() : AccountBandRule(Grade.A);

/// <summary>Account grade B.</summary>
[Name("Accounts.Band.B")]
[Description("Grades the account B (b級客戶) when its total is in the policy's B band (default 55–75), capped by any knock-out.")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Band)]
internal sealed class AccountBandBRule() : AccountBandRule(Grade.B);

/// <summary>Account grade C.</summary>
[Name("Accounts.Band.C")]
[Description("Grades the account C (c級客戶) when its total is in the policy's C band (default 35–55), capped by any knock-out.")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Band)]
internal sealed class AccountBandCRule() : AccountBandRule(Grade.C);

/// <summary>Account grade D.</summary>
[Name("Accounts.Band.D")]
[Description("Grades the account D (d級客戶) when its total is below the policy's C band (default under 35).")]
[Tag(RuleSetNames.Accounts)]
[Priority(Phase.Band)]
internal sealed class AccountBandDRule() : AccountBandRule(Grade.D);
