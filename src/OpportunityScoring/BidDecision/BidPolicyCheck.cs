namespace OpportunityScoring.BidDecision;

/// <summary>
/// Checks the bid section of a policy: the margin floors and review band as fractions, fatal factors the rules
/// implement with the source's cutoff (margin below the floor, loss) always in force, and the cost-risk limits.
/// </summary>
internal sealed class BidPolicyCheck(BidPolicy? bid, List<PolicyIssue> issues) : PolicyCheck(issues)
{
    public void Run()
    {
        if (bid is null)
        {
            Add("bidMissing", "bid", "give the bid policy (marginFloor, reviewBand, fatalFactors, costRisk)");
            return;
        }

        if (bid.MarginFloor is < -1 or >= 1)
        {
            Add("marginFloorRange", "bid.marginFloor", $"the margin floor is a fraction (0.15 for 15%); {F(bid.MarginFloor)} is out of range");
        }

        foreach (var (classification, floor) in bid.FloorsByClassification)
        {
            if (floor is < -1 or >= 1)
            {
                Add("marginFloorRange", $"bid.floorsByClassification.{classification}", $"the floor is a fraction (0.15 for 15%); {F(floor)} is out of range");
            }
        }

        if (bid.ReviewBand is < 0 or >= 1)
        {
            Add("reviewBandRange", "bid.reviewBand", $"the review band is in margin points (0.05 for 5 points); {F(bid.ReviewBand)} is out of range");
        }

        for (var i = 0; i < bid.FatalFactors.Count; i++)
        {
            if (!BidCodes.FatalFactorCodes.Contains(bid.FatalFactors[i]))
            {
                Add("unknownFatalFactor", $"bid.fatalFactors[{i}]", $"'{bid.FatalFactors[i]}' is not a fatal factor the rules implement; use {string.Join(", ", BidCodes.FatalFactorCodes)}");
            }
        }

        foreach (var required in BidCodes.Required)
        {
            if (!bid.FatalFactors.Contains(required))
            {
                Add("fatalFactorRequired", "bid.fatalFactors", $"'{required}' cannot be switched off: the source's cutoff says do not bid when the margin falls below the company's requirement or the project would make a loss");
            }
        }

        if (bid.RelationshipBid is { } relationship)
        {
            if (relationship.MinimumFutureInfluence is FutureInfluence.Unknown or FutureInfluence.None)
            {
                Add("relationshipBidInfluence", "bid.relationshipBid.minimumFutureInfluence",
                    $"'{ContractWords.Of(relationship.MinimumFutureInfluence.Value)}' is not a relevance an account can have at least; use high, medium or low, or leave it out");
            }

            if (!relationship.KeyAccounts && relationship.MinimumFutureInfluence is null)
            {
                Add("relationshipBidNeverApplies", "bid.relationshipBid", "no account is worth a relationship bid: set keyAccounts to true, give a minimumFutureInfluence, or remove relationshipBid");
            }

            if (!bid.FatalFactors.Contains(BidCodes.CriteriaAgainstUs))
            {
                Add("relationshipBidNeverApplies", "bid.relationshipBid", "a relationship bid answers the fatal factor criteriaAgainstUs, which is not in fatalFactors: add it, or remove relationshipBid");
            }
        }

        var risk = bid.CostRisk;
        if (risk is null)
        {
            Add("costRiskMissing", "bid.costRisk", "give the cost-risk limits (reviewAbove, noBidAbove, lossReviewAbove)");
            return;
        }

        if (risk.Distribution is not ("pert" or "triangular"))
        {
            Add("costRiskDistribution", "bid.costRisk.distribution", $"'{risk.Distribution}' is not a distribution; use pert or triangular");
        }

        if (risk.Method is not ("exact" or "monteCarlo"))
        {
            Add("costRiskMethod", "bid.costRisk.method", $"'{risk.Method}' is not a method; use exact or monteCarlo");
        }

        if (risk.Samples is < 1000 or > 10_000_000)
        {
            Add("costRiskSamples", "bid.costRisk.samples", $"{risk.Samples} samples: use 1,000 to 10,000,000");
        }

        foreach (var (name, p) in new[] { ("reviewAbove", risk.ReviewAbove), ("noBidAbove", risk.NoBidAbove), ("lossReviewAbove", risk.LossReviewAbove) })
        {
            if (p is < 0 or > 1)
            {
                Add("probabilityRange", $"bid.costRisk.{name}", $"a probability is 0–1; {F(p)} is out of range");
            }
        }

        if (risk.ReviewAbove > risk.NoBidAbove)
        {
            Add("costRiskOrder", "bid.costRisk", $"reviewAbove ({F(risk.ReviewAbove)}) exceeds noBidAbove ({F(risk.NoBidAbove)}): a risk would be fatal before it is reviewed");
        }
    }
}
