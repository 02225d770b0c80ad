using System.Collections.Frozen;

namespace OpportunityScoring.BidDecision;

/// <summary>
/// The bid / no-bid policy (source, tender stage: "對工程成本和毛利情況進行分析,如果成本過高則導致利潤達不到公司要求甚至虧損,
/// 可專案結項,總結不投標的致命因素"): the company's margin floor, the review band above it, which fatal factors apply,
/// and the limits on cost risk.
/// </summary>
internal sealed class BidPolicy
{
    /// <summary>The company's required gross margin (0.15 = 15%).</summary>
    public decimal MarginFloor { get; init; }

    /// <summary>Floors per project classification (專案分類), overriding <see cref="MarginFloor"/>.</summary>
    public IReadOnlyDictionary<string, decimal> FloorsByClassification { get; init => field = value ?? new Dictionary<string, decimal>(); } = new Dictionary<string, decimal>();

    /// <summary>A margin within this many points above the floor (0.05 = 5 points) goes to review rather than bid.</summary>
    public decimal ReviewBand { get; init; }

    /// <summary>The fatal factors in force (codes from the slice's catalogue of fatal factors); any one means no-bid.</summary>
    public IReadOnlyList<string> FatalFactors { get; init => field = value ?? []; } = [];

    /// <summary>Limits on the cost risk computed from <c>costRange</c>.</summary>
    public required CostRiskPolicy CostRisk { get; init; }

    /// <summary>
    /// When the engine may recommend a relationship bid instead of a no-bid on buying criteria against us (source:
    /// "或者利用這次機會與其建立關係,等待下次機會"); <see langword="null"/> (absent): never.
    /// </summary>
    public RelationshipBidPolicy? RelationshipBid { get; init; }

    /// <summary>Whether an opportunity's account is worth a relationship bid under this policy (never when the policy has none).</summary>
    internal bool WorthRelationshipBid(Opportunity opportunity) => RelationshipBid is { } r && r.Worth(opportunity);

    /// <summary>The floor for a classification.</summary>
    /// <param name="classification">The project classification, if known.</param>
    /// <returns>The margin floor.</returns>
    public decimal FloorFor(string? classification) =>
        classification is not null && FloorsByClassification.TryGetValue(classification, out var floor) ? floor : MarginFloor;

    /// <summary>The fatal factors in force, compiled once the policy is valid.</summary>
    private FrozenSet<string>? _fatal;

    /// <summary>Compiles the lookups the rules use; called once the policy is valid.</summary>
    internal void Compile() => _fatal = FatalFactors.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a fatal factor is in force.</summary>
    internal bool IsFatal(string code) =>
        (_fatal ?? throw new InvalidOperationException("This policy was not loaded through PolicyLoader, so it was never validated.")).Contains(code);

    /// <summary>The margin floor for an opportunity (its initiation report's classification, else the company's floor).</summary>
    internal decimal FloorFor(Opportunity opportunity) => FloorFor(opportunity?.InitiationReport?.Classification);
}

/// <summary>
/// The relationship bid's conditions besides the buying criteria against us being the only fatal factor and the margin
/// being known (so the bid is known not to lose money): the account is worth the relationship — a key account (大客戶),
/// or an account whose relevance to the company's future direction is at least <see cref="MinimumFutureInfluence"/>.
/// </summary>
internal sealed class RelationshipBidPolicy
{
    /// <summary>Whether a key account (<c>account.keyAccount</c> true) is worth a relationship bid.</summary>
    public bool KeyAccounts { get; init; }

    /// <summary>The least relevance to the company's future (<c>strategicFit.futureInfluence</c>) that makes an account worth it; <see langword="null"/>: relevance alone never does.</summary>
    public FutureInfluence? MinimumFutureInfluence { get; init; }

    /// <summary>Whether the account is worth a relationship bid (known evidence only: an unknown account is not a key account, an unknown relevance not a high one).</summary>
    internal bool Worth(Opportunity o) =>
        (KeyAccounts && o.Account.KeyAccount == true)
        || (MinimumFutureInfluence is { } least && o.StrategicFit.FutureInfluence is not (FutureInfluence.Unknown or FutureInfluence.None) && o.StrategicFit.FutureInfluence <= least);
}

/// <summary>How the cost's uncertainty is modelled and when it matters.</summary>
internal sealed class CostRiskPolicy
{
    /// <summary><c>pert</c> (a Beta-PERT over low / estimate / high) or <c>triangular</c>.</summary>
    public string Distribution { get; init; } = "pert";

    /// <summary><c>exact</c> (the distribution's CDF) or <c>monteCarlo</c> (seeded sampling).</summary>
    public string Method { get; init; } = "exact";

    /// <summary>Samples for Monte Carlo.</summary>
    public int Samples { get; init; } = 20_000;

    /// <summary>The Monte Carlo seed (results are reproducible).</summary>
    public int Seed { get; init; } = 20_270_110;

    /// <summary>A probability of the margin falling below the floor at or above this sends the bid to review.</summary>
    public decimal ReviewAbove { get; init; }

    /// <summary>A probability of the margin falling below the floor at or above this is a fatal factor (no-bid).</summary>
    public decimal NoBidAbove { get; init; }

    /// <summary>A probability of a loss at or above this sends the bid to review.</summary>
    public decimal LossReviewAbove { get; init; }
}
