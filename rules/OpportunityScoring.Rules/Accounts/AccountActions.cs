using System.Globalization;
using NRules.RuleModel;
using OpportunityScoring.Accounts;

namespace OpportunityScoring.Rules.Accounts;

/// <summary>The account rule sets' small language: each action goes to the account's ledger under the rule's own name.</summary>
internal static class AccountActions
{
    private static AccountLedger Ledger(IContext ctx) => (AccountLedger)ctx.Resolve(typeof(AccountLedger));

    /// <summary>Credits an item on a step table for a known figure.</summary>
    public static void CreditSteps(this IContext ctx, string dimension, string item, MessageText figure, decimal value, IReadOnlyList<PointStep> steps) =>
        Ledger(ctx).Credit(ctx.Rule.Name, dimension, item, figure, AccountPolicy.PointsOf(steps, value), MaxPoints(steps));

    /// <summary>The most points of a step table: a loop over the few steps, no enumerator or delegate per credit (five credits an account, tens of thousands of accounts).</summary>
    private static decimal MaxPoints(IReadOnlyList<PointStep> steps)
    {
        if (steps.Count == 0)
        {
            throw new InvalidOperationException("A step table has no steps: the policy check refuses such a policy.");
        }

        var max = steps[0].Points;
        for (var i = 1; i < steps.Count; i++)
        {
            max = Math.Max(max, steps[i].Points);
        }

        return max;
    }

    /// <summary>Credits an item with the points given (a figure <see langword="null"/>: unknown).</summary>
    public static void Credit(this IContext ctx, string dimension, string item, MessageText? figure, decimal points, decimal max) =>
        Ledger(ctx).Credit(ctx.Rule.Name, dimension, item, figure, points, max);

    /// <summary>Credits a service target: all its points when met, none when missed, the unknown share when unknown.</summary>
    public static void CreditTarget(this IContext ctx, AccountPolicy policy, string item, bool? met, MessageText? figure, decimal max) =>
        Ledger(ctx).Credit(ctx.Rule.Name, AccountCodes.Dimension.Service, item, met is null ? null : figure, met switch { true => max, false => 0m, null => policy.Unknown(max) }, max);

    /// <summary>Records a missed target: the figure, the target and the gap.</summary>
    public static void MissTarget(this IContext ctx, string target, string figure, string goal, string gap) => Ledger(ctx).Flag(ctx.Rule.Name, target, figure, goal, gap);

    /// <summary>Applies a knock-out, when the policy has it in force.</summary>
    public static void CapAccountGrade(this IContext ctx, AccountPolicy policy, string code)
    {
        if (policy.CapOf(code) is { } cap)
        {
            Ledger(ctx).KnockOut(ctx.Rule.Name, code, cap);
        }
    }

    /// <summary>Closes the total and inserts it for the band rules.</summary>
    public static void CloseTotal(this IContext ctx) => ctx.Insert(new AccountTotal(Ledger(ctx).CloseTotal()));

    /// <summary>Assigns the band's grade (capped by the knock-outs).</summary>
    public static void AssignAccountGrade(this IContext ctx, Grade band) => Ledger(ctx).AssignGrade(band);

    /// <summary>A figure: an amount (grouped, no decimals beyond the cent).</summary>
    public static MessageText Amount(decimal value) => MessageText.Literal(Math.Round(value, 2).ToString("#,0.##", CultureInfo.InvariantCulture));

    /// <summary>A figure: a share as a percentage (35%).</summary>
    public static MessageText Percent(decimal share) => MessageText.Literal(Pct(share) + "%");

    /// <summary>A share as percentage points, at most one decimal (93.5).</summary>
    public static string Pct(decimal share) => Math.Round(share * 100, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A score or count, at most two decimals.</summary>
    public static string Num(decimal value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A signed gap with one decimal (−2.0, +3.0).</summary>
    public static string Gap(decimal gap) => (gap < 0 ? "−" : "+") + Math.Abs(Math.Round(gap, 1)).ToString("0.0", CultureInfo.InvariantCulture);
}

/// <summary>The account's total, inserted once every points rule has fired.</summary>
/// <param name="Score">The total, 0–100.</param>
internal sealed record AccountTotal(decimal Score);
