using OpportunityScoring.BidDecision;
using OpportunityScoring.Grading;

namespace OpportunityScoring.Rules;

/// <summary>
/// The figures the rules derive from several fields of the evidence, defined once so every rule reads them the same
/// way: the schedule's answer, the decision chain's breadth, and the bid's net profit, net margin, margin amount,
/// economics and cost risk.
/// </summary>
internal static class Figures
{
    /// <summary>The schedule's evidence: a decision date is a yes; only a tender or expected signing date a partial; none unknown.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <returns>The evidence.</returns>
    public static Evidence Schedule(Opportunity opportunity) =>
        opportunity.Timeline.DecisionDate is not null ? Evidence.Yes
        : opportunity.Timeline.TenderDate is not null || opportunity.ExpectedSignDate is not null || opportunity.InitiationReport?.ExpectedSignDate is not null ? Evidence.Partial
        : Evidence.Unknown;

    /// <summary>
    /// The breadth of our coverage of the decision chain: Σ weight × coverage credit / Σ weight over the
    /// stakeholders, with weight = the policy's role weight × influence weight; rounded to 0.01 (order independent).
    /// </summary>
    /// <param name="chain">The decision chain (mapped).</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The credit, 0–1.</returns>
    public static decimal Breadth(DecisionChain chain, GradingPolicy policy)
    {
        decimal weighted = 0, total = 0;
        var stakeholders = chain.People;
        for (var i = 0; i < stakeholders.Length; i++) // over a span: no interface call per stakeholder
        {
            var s = stakeholders[i];
            var w = policy.StakeholderWeight(s.Role, s.Influence);
            weighted += w * policy.Credit(s.Coverage);
            total += w;
        }

        return total == 0 ? policy.Credit(Evidence.Unknown) : Math.Round(weighted / total, 2, MidpointRounding.ToZero);
    }


    /// <summary>
    /// The profit if won, after sales expense and bid cost: amount − estimated cost − sales expense − bid cost; from
    /// the initiation report's margin estimate when the cost is unknown; <see langword="null"/> when neither is known.
    /// </summary>
    /// <param name="o">The opportunity.</param>
    /// <returns>The net profit.</returns>
    public static decimal? NetProfit(Opportunity o) => o.GrossMargin is { } m
        ? (o.ExpectedContractAmount * m) - (o.SalesExpenseBudget ?? 0m) - (o.BidCost ?? 0m)
        : null;

    /// <summary>
    /// The contract amount the initiation report and the recorded change orders account for: the report's expected
    /// contract amount plus every change order's amount (合同變更); <see langword="null"/> when the report states no amount.
    /// </summary>
    /// <param name="o">The opportunity.</param>
    /// <returns>The amount.</returns>
    public static decimal? ContractBaseline(Opportunity o)
    {
        if (o.InitiationReport?.ExpectedContractAmount is not { } reported)
        {
            return null;
        }

        var changes = o.ChangeOrders;
        for (var i = 0; i < changes.Count; i++)
        {
            reported += changes[i].Amount;
        }

        return reported;
    }

    /// <summary>The net margin: <see cref="NetProfit"/> / amount.</summary>
    /// <param name="o">The opportunity.</param>
    /// <returns>The net margin.</returns>
    public static decimal? NetMargin(Opportunity o) => NetProfit(o) is { } p ? p / o.ExpectedContractAmount : null;

    /// <summary>The margin amount if won, before the bid cost: amount × gross margin − sales expense.</summary>
    /// <param name="o">The opportunity.</param>
    /// <returns>The margin amount.</returns>
    public static decimal? MarginAmount(Opportunity o) => o.GrossMargin is { } m ? (o.ExpectedContractAmount * m) - (o.SalesExpenseBudget ?? 0m) : null;

    /// <summary>The bid economics for a win probability.</summary>
    /// <param name="o">The opportunity (margin known).</param>
    /// <param name="winProbability">P(win).</param>
    /// <returns>The economics.</returns>
    public static BidEconomics Economics(Opportunity o, double winProbability)
    {
        var margin = Math.Round(MarginAmount(o)!.Value, 2, MidpointRounding.AwayFromZero);
        var bidCost = o.BidCost ?? 0m;
        var p = (decimal)winProbability;
        var carry = Math.Round(p * margin, 2, MidpointRounding.AwayFromZero);
        return new BidEconomics(
            winProbability,
            Numbers.Normalize(margin),
            Numbers.Normalize(bidCost),
            Numbers.Normalize(carry - bidCost),
            margin > 0 ? Math.Round((double)(bidCost / margin), 4, MidpointRounding.AwayFromZero) : null,
            Numbers.Normalize(Math.Max(0m, carry)));
    }

    /// <summary>The cost risk of an opportunity with a cost range, against its floor and its loss threshold.</summary>
    /// <param name="o">The opportunity (cost range given).</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The risk.</returns>
    public static CostRisk CostRisk(Opportunity o, BidPolicy policy)
    {
        var range = o.CostRange!;
        var mode = o.EstimatedCost ?? ((range.Low + range.High) / 2m);
        var overheads = (o.SalesExpenseBudget ?? 0m) + (o.BidCost ?? 0m);
        var costAtFloor = o.ExpectedContractAmount * (1m - policy.FloorFor(o));
        var costAtLoss = o.ExpectedContractAmount - overheads;
        return CostRiskModel.Estimate(range.Low, mode, range.High, costAtFloor, costAtLoss, policy.CostRisk);
    }
}
