using System.Text.Json.Serialization;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Grading;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Policy;

/// <summary>
/// A versioned scoring policy: criterion weights, the credit each evidence answer earns, grade bands, knock-outs
/// and decision-chain weights. Rules read every threshold from the policy fact, so a company changes its policy
/// without recompiling. Build one with <see cref="PolicyLoader"/>, which validates it and computes its SHA-256.
/// </summary>
/// <remarks>Immutable after loading; one instance is shared by every session and thread.</remarks>
public sealed class ScoringPolicy
{
    /// <summary>The policy's name.</summary>
    public required string Name { get; init; }

    /// <summary>The policy's semantic version (major.minor.patch).</summary>
    public required string Version { get; init; }

    /// <summary>What the policy is for, for people.</summary>
    public string? Description { get; init; }

    /// <summary>Where the numbers come from; whether the win probability is calibrated.</summary>
    public PolicyMetadata Metadata { get; init => field = value ?? new PolicyMetadata(); } = new();

    /// <summary>
    /// The seven criteria by name (<c>need</c>, <c>budget</c>, <c>timeline</c>, <c>competition</c>,
    /// <c>decisionChain</c>, <c>strategicFit</c>, <c>grossMargin</c>): weight (summing to 100) and the share of
    /// each evidence item within the criterion (summing to 1).
    /// </summary>
    [JsonInclude]
    [JsonRequired]
    internal IReadOnlyDictionary<string, CriterionPolicy> Criteria { get; init; } = null!;

    /// <summary>
    /// Credit (0–1) per answer, by scale: <c>answer</c> (yes/partial/no/unknown) and one scale per enumerated
    /// field (<c>needLevel</c>, <c>budgetStatus</c>, …). Unknown must earn more than the known negative.
    /// </summary>
    [JsonInclude]
    [JsonRequired]
    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Scales { get; init; } = null!;

    /// <summary>Credit for the budget amount as a fraction of the expected contract amount.</summary>
    [JsonInclude]
    [JsonRequired]
    internal StepCredit BudgetCoverage { get; init; } = null!;

    /// <summary>Credit for the gross margin (a fraction: 0.15 = 15%).</summary>
    [JsonInclude]
    [JsonRequired]
    internal StepCredit MarginCredit { get; init; } = null!;

    /// <summary>The grade bands on the 0–100 score: contiguous, no gap, no overlap (hit policy: unique).</summary>
    [JsonInclude]
    [JsonRequired]
    internal IReadOnlyList<GradeBand> GradeBands { get; init; } = null!;

    /// <summary>Knock-outs: known negatives that cap the grade whatever the score.</summary>
    [JsonInclude]
    [JsonRequired]
    internal IReadOnlyList<KnockOutPolicy> KnockOuts { get; init; } = null!;

    /// <summary>Weight of each stakeholder role in the decision chain's breadth of coverage.</summary>
    [JsonInclude]
    [JsonRequired]
    internal IReadOnlyDictionary<string, decimal> RoleWeights { get; init; } = null!;

    /// <summary>Weight of each influence level in the decision chain's breadth of coverage.</summary>
    [JsonInclude]
    [JsonRequired]
    internal IReadOnlyDictionary<string, decimal> InfluenceWeights { get; init; } = null!;

    /// <summary>
    /// The win-probability model: a logistic function of the score (uncalibrated default), of the criterion
    /// sub-scores and of rule signals (knock-outs, red flags) once calibrated on won/lost history.
    /// </summary>
    [JsonInclude]
    [JsonRequired]
    internal WinProbabilityPolicy WinProbability { get; init; } = null!;

    /// <summary>The stage gates: required evidence per stage, staleness limits, minimum grade, drift tolerances.</summary>
    [JsonInclude]
    [JsonRequired]
    internal GatePolicy Gates { get; init; } = null!;

    /// <summary>The bid / no-bid policy: margin floor, review band, fatal factors, cost-risk limits.</summary>
    [JsonInclude]
    [JsonRequired]
    internal BidPolicy Bid { get; init; } = null!;

    /// <summary>
    /// The key-account section: the account grade's points, bands and knock-outs, and the service targets
    /// (docs/policy.md). Optional, so a policy written before key accounts still loads (and keeps its hash); accounts
    /// are then graded under the default policy's section.
    /// </summary>
    [JsonInclude]
    internal Accounts.AccountPolicy? Accounts { get; init; }

    /// <summary>The policy's name, version and SHA-256 (of its canonical JSON), as every assessment carries it.</summary>
    [JsonIgnore]
    public PolicyStamp Stamp => Compiled(_stamp);

    /// <summary>The grading section, compiled for the rules.</summary>
    [JsonIgnore]
    internal GradingPolicy Grading => Compiled(_grading);

    private PolicyStamp? _stamp;
    private GradingPolicy? _grading;

    /// <summary>Stamps the policy and compiles its sections for the rules; called once it is valid.</summary>
    internal void Compile(PolicyStamp stamp)
    {
        _grading = new GradingPolicy(Criteria, Scales, BudgetCoverage, MarginCredit, GradeBands, KnockOuts, RoleWeights, InfluenceWeights, WinProbability,
            Metadata.Calibrated, Metadata.Dataset);
        Gates.Compile();
        Bid.Compile();
        _stamp = stamp;
    }

    private static T Compiled<T>(T? value) where T : class =>
        value ?? throw new InvalidOperationException("This policy was not loaded through PolicyLoader, so it was never validated.");
}

/// <summary>Where a policy's numbers come from.</summary>
public sealed class PolicyMetadata
{
    /// <summary>Whether the win probability was fitted on won/lost history (false for hand-set defaults).</summary>
    public bool Calibrated { get; init; }

    /// <summary>A note on the sources of the numbers.</summary>
    public string? Source { get; init; }

    /// <summary>The data set a calibration was fitted on.</summary>
    public string? Dataset { get; init; }

    /// <summary>The policy this one was derived from (name, version, SHA-256), when calibrated.</summary>
    public PolicyStamp? BasedOn { get; init; }

    /// <summary>The fit's figures (e.g. <c>auc</c>, <c>brier</c>, <c>logLoss</c>, <c>samples</c>, <c>folds</c>, <c>lambda</c>).</summary>
    public IReadOnlyDictionary<string, decimal>? Figures { get; init; }
}
