namespace OpportunityScoring;

/// <summary>The cost's uncertainty and what it means for the margin.</summary>
/// <param name="Distribution"><c>pert</c> or <c>triangular</c>.</param>
/// <param name="Method"><c>exact</c> (the distribution's CDF) or <c>monteCarlo</c> (seeded sampling).</param>
/// <param name="Low">The lowest plausible cost.</param>
/// <param name="Mode">The most likely cost (the estimate).</param>
/// <param name="High">The highest plausible cost.</param>
/// <param name="CostAtFloor">The cost above which the margin falls below the floor.</param>
/// <param name="CostAtLoss">The cost above which the project makes a loss.</param>
/// <param name="ProbabilityBelowFloor">P(cost &gt; <paramref name="CostAtFloor"/>).</param>
/// <param name="ProbabilityOfLoss">P(cost &gt; <paramref name="CostAtLoss"/>).</param>
public sealed record CostRisk(
    string Distribution, string Method, decimal Low, decimal Mode, decimal High,
    decimal CostAtFloor, decimal CostAtLoss, double ProbabilityBelowFloor, double ProbabilityOfLoss);
