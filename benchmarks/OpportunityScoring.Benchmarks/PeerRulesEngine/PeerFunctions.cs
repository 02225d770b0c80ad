using OpportunityScoring.BidDecision;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Benchmarks.PeerRulesEngine;

/// <summary>
/// What the peer's workflows call that the library keeps internal (RulesEngine's expressions reach only public types
/// registered as custom types): the same MathNet cost-risk model the rules use, under the policy's cost-risk limits.
/// </summary>
public static class PeerFunctions
{
    /// <summary>The cost risk of a cost range against the floor's and the loss's cost, under the policy's limits.</summary>
    /// <param name="low">The lowest cost.</param>
    /// <param name="mode">The estimate.</param>
    /// <param name="high">The highest cost.</param>
    /// <param name="costAtFloor">The cost at which the margin reaches the floor.</param>
    /// <param name="costAtLoss">The cost at which the project loses money.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The cost risk.</returns>
    public static CostRisk CostRisk(decimal low, decimal mode, decimal high, decimal costAtFloor, decimal costAtLoss, ScoringPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return CostRiskModel.Estimate(low, mode, high, costAtFloor, costAtLoss, policy.Bid.CostRisk);
    }
}
