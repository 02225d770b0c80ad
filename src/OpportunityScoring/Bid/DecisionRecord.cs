using System.Globalization;
using System.Text;
using OpportunityScoring.Json;

namespace OpportunityScoring;

/// <summary>A recommended action on a bid decision.</summary>
/// <param name="Code">A stable code: <c>bid</c>, <c>withdraw</c>, <c>relationshipBid</c>, <c>reprice</c>, <c>cutCost</c>, <c>estimateCost</c>, <c>tightenEstimate</c>, <c>reviewPrice</c>.</param>
/// <param name="Message">What to do, with the figures.</param>
public sealed record RecommendedAction(string Code, string Message);

/// <summary>A fatal factor with how far the actual value is from its threshold.</summary>
/// <param name="Factor">The factor.</param>
/// <param name="Gap">threshold − actual for numeric factors (how much must change); absent for factors in words.</param>
public sealed record FatalFactorGap(FatalFactor Factor, decimal? Gap);

/// <summary>
/// The summary report the source asks for at the tender (總結報告): the decision, each fatal factor with threshold,
/// actual and gap, the cost risk, the economics, the gate and the recommended actions. Hosts render it their way;
/// <see cref="ToMarkdown"/> is one rendering.
/// </summary>
public sealed class DecisionRecord
{
    /// <summary>The opportunity.</summary>
    public required Opportunity Opportunity { get; init; }

    /// <summary>Its assessment.</summary>
    public required Assessment Assessment { get; init; }

    /// <summary>The day of the assessment.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The fatal factors with their gaps.</summary>
    public required IReadOnlyList<FatalFactorGap> FatalFactors { get; init; }

    /// <summary>What to do.</summary>
    public required IReadOnlyList<RecommendedAction> Actions { get; init; }

    /// <summary>Builds the record for an assessed opportunity.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="assessment">Its assessment.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <returns>The record.</returns>
    public static DecisionRecord Create(Opportunity opportunity, Assessment assessment, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        ArgumentNullException.ThrowIfNull(assessment);
        var bid = assessment.Bid;
        var gaps = (bid?.FatalFactors ?? []).Select(f => new FatalFactorGap(f,
            f.Threshold.Number is { } t && f.Actual.Number is { } a ? Numbers.Normalize(t - a) : null)).ToList();
        return new DecisionRecord { Opportunity = opportunity, Assessment = assessment, AsOf = asOf, FatalFactors = gaps, Actions = Recommend(opportunity, bid) };
    }

    private static List<RecommendedAction> Recommend(Opportunity o, BidResult? bid)
    {
        var actions = new List<RecommendedAction>();
        if (bid is null)
        {
            actions.Add(new RecommendedAction("none", $"no bid decision at stage {PolicyCatalog.Word(o.Stage)}: the contract is past the tender"));
            return actions;
        }

        var codes = bid.FatalFactors.Select(f => f.Code).Concat(bid.ReviewReasons.Select(r => r.Code)).ToHashSet(StringComparer.Ordinal);
        if (codes.Contains("criteriaAgainstUs"))
        {
            actions.Add(new RecommendedAction("withdraw", "the buying criteria are against us: withdraw from the competition (退出競爭)"));
            actions.Add(new RecommendedAction("relationshipBid", "or bid only to build the relationship and wait for the next opportunity (利用這次機會與其建立關係,等待下次機會)"));
        }

        if (codes.Overlaps(["noNeed", "outsideStrategy", "noCommittedBudget"]))
        {
            actions.Add(new RecommendedAction("withdraw", "close the project (專案結項): " + string.Join(", ", codes.Where(c => c is "noNeed" or "outsideStrategy" or "noCommittedBudget"))));
        }

        if ((codes.Contains("marginBelowFloor") || codes.Contains("loss") || codes.Contains("marginNearFloor")) && o.EstimatedCost is { } cost && bid.GrossMargin is not null)
        {
            var floor = bid.MarginFloor;
            var overheads = (o.SalesExpenseBudget ?? 0m) + (o.BidCost ?? 0m);
            var priceForFloor = Math.Max(cost / (1m - floor), cost + overheads);
            var costForFloor = Math.Min(o.ExpectedContractAmount * (1m - floor), o.ExpectedContractAmount - overheads);
            actions.Add(new RecommendedAction("reprice", $"re-price: a contract amount of at least {Money(priceForFloor)} (+{Money(priceForFloor - o.ExpectedContractAmount)}) clears the {Percent(floor)} floor and covers sales expense and bid cost"));
            actions.Add(new RecommendedAction("cutCost", $"cut cost: an engineering cost of at most {Money(costForFloor)} (−{Money(cost - costForFloor)}) clears the floor at the current price"));
        }

        if (codes.Contains("marginUnknown"))
        {
            actions.Add(new RecommendedAction("estimateCost", "estimate the engineering cost and the gross margin before deciding (對工程成本和毛利情況進行分析)"));
        }

        if (codes.Contains("costRisk") || codes.Contains("lossRisk"))
        {
            actions.Add(new RecommendedAction("tightenEstimate", $"the cost range is wide ({Money(bid.CostRisk?.Low ?? 0)}–{Money(bid.CostRisk?.High ?? 0)}): tighten the estimate, or price the risk in"));
        }

        if (bid.Decision == BidDecision.Bid)
        {
            actions.Add(new RecommendedAction("bid", "bid: set the bid strategy, the bid team and schedule, and stage reviews of the bid (制定投標方案整體策略)"));
        }

        return actions;
    }

    /// <summary>The record as Markdown.</summary>
    /// <returns>The Markdown text.</returns>
    public string ToMarkdown()
    {
        var a = Assessment;
        var o = Opportunity;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"# Decision record: {o.Id}{(o.Name is null ? "" : " — " + o.Name)}\n\n");
        sb.Append(inv, $"- As of: {AsOf:yyyy-MM-dd}\n- Stage: {PolicyCatalog.Word(o.Stage)}\n- Grade: **{a.Grade}**, score {a.Score.ToString("0.##", inv)}, win probability {a.WinProbability.ToString("0.00", inv)}\n");
        sb.Append(inv, $"- Policy: {a.Policy.Name} {a.Policy.Version} (sha256 `{a.Policy.Sha256}`)\n\n");
        var bid = a.Bid;
        if (bid is null)
        {
            sb.Append("## Decision\n\nNo bid decision: the opportunity is past the tender.\n\n");
        }
        else
        {
            sb.Append(inv, $"## Decision: **{PolicyCatalog.Word(bid.Decision)}**\n\n");
            sb.Append(inv, $"- Gross margin: {(bid.GrossMargin is { } g ? Percent(g) : "unknown")} (floor {Percent(bid.MarginFloor)})\n");
            sb.Append(inv, $"- Net margin after sales expense and bid cost: {(bid.NetMargin is { } n ? Percent(n) : "unknown")}\n\n");
            if (FatalFactors.Count > 0)
            {
                sb.Append("## Fatal factors (不投標的致命因素)\n\n| factor | threshold | actual | gap | what it means |\n| --- | --- | --- | --- | --- |\n");
                foreach (var f in FatalFactors)
                {
                    sb.Append(inv, $"| {f.Factor.Code} | {f.Factor.Threshold} | {f.Factor.Actual} | {(f.Gap is { } gap ? gap.ToString(inv) : "—")} | {f.Factor.Message} |\n");
                }

                sb.Append('\n');
            }

            if (bid.ReviewReasons.Count > 0)
            {
                sb.Append("## To review\n\n");
                foreach (var r in bid.ReviewReasons)
                {
                    sb.Append(inv, $"- **{r.Code}**: {r.Message}\n");
                }

                sb.Append('\n');
            }

            if (bid.CostRisk is { } risk)
            {
                sb.Append(inv, $"## Cost risk\n\nCost modelled as {risk.Distribution} over {Money(risk.Low)} / {Money(risk.Mode)} / {Money(risk.High)} ({risk.Method}).\n\n");
                sb.Append(inv, $"- P(margin below the floor: cost above {Money(risk.CostAtFloor)}) = {risk.ProbabilityBelowFloor.ToString("0.####", inv)}\n");
                sb.Append(inv, $"- P(loss: cost above {Money(risk.CostAtLoss)}) = {risk.ProbabilityOfLoss.ToString("0.####", inv)}\n\n");
            }

            if (bid.Economics is { } e)
            {
                sb.Append(inv, $"## Economics\n\n- Margin amount if won: {Money(e.MarginAmount)}\n- Bid cost: {Money(e.BidCost)}\n- Expected value: {Money(e.ExpectedValue)} (= {e.WinProbability.ToString("0.####", inv)} × {Money(e.MarginAmount)} − {Money(e.BidCost)})\n");
                sb.Append(inv, $"- Break-even win probability: {(e.BreakEvenWinProbability is { } b ? b.ToString("0.####", inv) : "none (no margin)")}\n- Largest bid cost it can carry: {Money(e.MaxBidCost)}\n\n");
            }
        }

        var gate = a.Gate;
        sb.Append(inv, $"## Gate: {PolicyCatalog.Word(gate.Stage)} → **{PolicyCatalog.Word(gate.Outcome)}** (next: {PolicyCatalog.Word(gate.NextStage)})\n\n");
        foreach (var m in gate.Missing)
        {
            sb.Append(inv, $"- missing **{m.Code}**: {m.Message}\n");
        }

        foreach (var m in gate.EndedBy)
        {
            sb.Append(inv, $"- ended by **{m.Code}**: {m.Message}\n");
        }

        sb.Append("\n## Recommended action\n\n");
        foreach (var act in Actions)
        {
            sb.Append(inv, $"- **{act.Code}**: {act.Message}\n");
        }

        if (a.RedFlags.Count > 0)
        {
            sb.Append("\n## Red flags\n\n");
            foreach (var f in a.RedFlags)
            {
                sb.Append(inv, $"- {f.Code}: {f.Message}\n");
            }
        }

        return sb.ToString();
    }

    private static string Money(decimal d) => Numbers.Normalize(Math.Round(d, 0, MidpointRounding.AwayFromZero)).ToString("#,0", CultureInfo.InvariantCulture);

    private static string Percent(decimal fraction) => Numbers.Normalize(Math.Round(fraction * 100m, 2, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";
}
