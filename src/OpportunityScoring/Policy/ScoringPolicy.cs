using System.Text.Json.Serialization;

namespace OpportunityScoring;

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
    public required IReadOnlyDictionary<string, CriterionPolicy> Criteria { get; init; }

    /// <summary>
    /// Credit (0–1) per answer, by scale: <c>answer</c> (yes/partial/no/unknown) and one scale per enumerated
    /// field (<c>needLevel</c>, <c>budgetStatus</c>, …). Unknown must earn more than the known negative.
    /// </summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Scales { get; init; }

    /// <summary>Credit for the budget amount as a fraction of the expected contract amount.</summary>
    public required StepCredit BudgetCoverage { get; init; }

    /// <summary>Credit for the gross margin (a fraction: 0.15 = 15%).</summary>
    public required StepCredit MarginCredit { get; init; }

    /// <summary>The grade bands on the 0–100 score: contiguous, no gap, no overlap (hit policy: unique).</summary>
    public required IReadOnlyList<GradeBand> GradeBands { get; init; }

    /// <summary>Knock-outs: known negatives that cap the grade whatever the score.</summary>
    public required IReadOnlyList<KnockOutPolicy> KnockOuts { get; init; }

    /// <summary>Weight of each stakeholder role in the decision chain's breadth of coverage.</summary>
    public required IReadOnlyDictionary<string, decimal> RoleWeights { get; init; }

    /// <summary>Weight of each influence level in the decision chain's breadth of coverage.</summary>
    public required IReadOnlyDictionary<string, decimal> InfluenceWeights { get; init; }

    /// <summary>
    /// The win-probability model: a logistic function of the score (uncalibrated default), of the criterion
    /// sub-scores and of rule signals (knock-outs, red flags) once calibrated on won/lost history.
    /// </summary>
    public required WinProbabilityPolicy WinProbability { get; init; }

    /// <summary>The stage gates: required evidence per stage, staleness limits, minimum grade, drift tolerances.</summary>
    public required GatePolicy Gates { get; init; }

    /// <summary>The bid / no-bid policy: margin floor, review band, fatal factors, cost-risk limits.</summary>
    public required BidPolicy Bid { get; init; }

    /// <summary>Whether a fatal factor is in force.</summary>
    /// <param name="code">The factor's code.</param>
    /// <returns><see langword="true"/> when the policy lists it in <c>bid.fatalFactors</c>.</returns>
    public bool IsFatal(string code) => Tables.FatalFactors.Contains(code);

    /// <summary>The margin floor that applies to an opportunity (by its classification).</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <returns>The floor.</returns>
    public decimal MarginFloor(Opportunity opportunity) => Bid.FloorFor(opportunity?.InitiationReport?.Classification);

    /// <summary>Whether a stage's gate requires a piece of evidence.</summary>
    /// <param name="stage">The stage.</param>
    /// <param name="requirement">The requirement code.</param>
    /// <returns><see langword="true"/> when the policy lists it for the stage.</returns>
    public bool Requires(Stage stage, string requirement) => Tables.GateRequirements[(int)stage].Contains(requirement);

    /// <summary>Whether a knock-out ends the pursuit (rather than only capping the grade).</summary>
    /// <param name="knockOutCode">The knock-out's code.</param>
    /// <returns><see langword="true"/> when the policy lists it in <c>gates.endOnKnockOuts</c>.</returns>
    public bool EndsPursuit(string knockOutCode) => Tables.EndOnKnockOuts.Contains(knockOutCode);

    /// <summary>Whether any of the knock-outs applied ends the pursuit.</summary>
    /// <param name="knockOutCodes">The codes of the knock-outs applied.</param>
    /// <returns>Whether the gate must end.</returns>
    public bool EndsPursuit(IReadOnlyList<string> knockOutCodes)
    {
        ArgumentNullException.ThrowIfNull(knockOutCodes);
        for (var i = 0; i < knockOutCodes.Count; i++)
        {
            if (EndsPursuit(knockOutCodes[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Days in a stage after which it is stale, or <see langword="null"/>.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The limit.</returns>
    public int? StaleAfterDays(Stage stage) => Gates.For(stage)?.StaleAfterDays;

    /// <summary>The name, version and SHA-256 of this policy, stamped on every assessment.</summary>
    [JsonIgnore]
    public PolicyStamp Stamp => Tables.Stamp;

    [JsonIgnore]
    internal PolicyTables Tables
    {
        get => field ?? throw new InvalidOperationException("This policy was not loaded through PolicyLoader, so it was never validated.");
        set;
    }

    /// <summary>The weight (0–100) of a criterion.</summary>
    public decimal Weight(Criterion criterion) => Tables.Weights[(int)criterion];

    /// <summary>The credit an evidence answer earns.</summary>
    public decimal Credit(Evidence answer) => Tables.Answer[(int)answer];

    /// <summary>The credit a need level earns.</summary>
    public decimal Credit(NeedLevel value) => Tables.NeedLevel[(int)value];

    /// <summary>The credit a budget status earns.</summary>
    public decimal Credit(BudgetStatus value) => Tables.BudgetStatus[(int)value];

    /// <summary>The credit a purchase timeframe earns.</summary>
    public decimal Credit(PurchaseTimeframe value) => Tables.PurchaseTimeframe[(int)value];

    /// <summary>The credit a competitive position earns.</summary>
    public decimal Credit(CompetitivePosition value) => Tables.CompetitivePosition[(int)value];

    /// <summary>The credit the buying criteria's favour earns.</summary>
    public decimal Credit(BuyingCriteriaFavor value) => Tables.BuyingCriteriaFavor[(int)value];

    /// <summary>The credit the incumbent earns.</summary>
    public decimal Credit(Incumbent value) => Tables.Incumbent[(int)value];

    /// <summary>The credit a future influence earns.</summary>
    public decimal Credit(FutureInfluence value) => Tables.FutureInfluence[(int)value];

    /// <summary>The credit a coverage earns.</summary>
    public decimal Credit(Coverage value) => Tables.Coverage[(int)value];

    /// <summary>The credit a stance earns.</summary>
    public decimal Credit(Stance value) => Tables.Stance[(int)value];

    /// <summary>The credit for the opposition we face: none, medium-influence or high-influence opponents.</summary>
    public decimal OppositionCredit(int highInfluenceOpponents, int mediumInfluenceOpponents) =>
        highInfluenceOpponents > 0 ? Tables.Opposition[2] : mediumInfluenceOpponents > 0 ? Tables.Opposition[1] : Tables.Opposition[0];

    /// <summary>The weight of a stakeholder in the breadth of coverage: role weight × influence weight.</summary>
    public decimal StakeholderWeight(StakeholderRole role, Influence influence) =>
        Tables.RoleWeights[(int)role] * Tables.InfluenceWeights[(int)influence];

    /// <summary>The knock-out with this code, or <see langword="null"/> when the policy does not use it.</summary>
    public KnockOutPolicy? KnockOut(string code) => Tables.KnockOuts.GetValueOrDefault(code);

    /// <summary>Whether a score falls in the band of a grade (bands are [min, max), the top band includes 100).</summary>
    public bool InBand(Grade grade, decimal score)
    {
        var band = Tables.Bands[(int)grade];
        return band is not null && score >= band.Min && (score < band.Max || (band.Max == 100m && score <= 100m));
    }

    /// <summary>The band of a grade.</summary>
    public GradeBand Band(Grade grade) => Tables.Bands[(int)grade] ?? throw new ArgumentOutOfRangeException(nameof(grade));
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

/// <summary>
/// The win-probability model: p = 1 / (1 + e^−z), z = intercept + scoreSlope × score + Σ criterionSlope × sub-score / 100
/// + Σ signalSlope × signal. Signals: <c>knockOut</c> (1 when any knock-out fired), <c>redFlags</c> (the number of
/// red flags), <c>flag.&lt;code&gt;</c> (1 when that red flag is raised). Slopes on the score and sub-scores are never
/// negative and slopes on signals never positive, so better evidence never lowers the probability.
/// </summary>
public sealed class WinProbabilityPolicy
{
    /// <summary>The intercept.</summary>
    public decimal Intercept { get; init; }

    /// <summary>The slope per score point.</summary>
    public decimal ScoreSlope { get; init; }

    /// <summary>Slopes per criterion sub-score (as a fraction, 0–1), by criterion name.</summary>
    public IReadOnlyDictionary<string, decimal> CriterionSlopes { get; init => field = value ?? new Dictionary<string, decimal>(); } = new Dictionary<string, decimal>();

    /// <summary>Slopes per rule signal (<c>knockOut</c>, <c>redFlags</c>, <c>flag.&lt;code&gt;</c>).</summary>
    public IReadOnlyDictionary<string, decimal> SignalSlopes { get; init => field = value ?? new Dictionary<string, decimal>(); } = new Dictionary<string, decimal>();

    /// <summary>The win probability (0–1) for a score, its sub-scores and rule signals.</summary>
    /// <param name="score">The score, 0–100.</param>
    /// <param name="criteria">The sub-scores, 0–100.</param>
    /// <param name="knockOuts">The number of knock-outs that fired.</param>
    /// <param name="redFlagCodes">The codes of the red flags raised.</param>
    /// <returns>The probability, rounded to 4 decimals.</returns>
    public double Probability(decimal score, CriterionScores criteria, int knockOuts, IEnumerable<string> redFlagCodes)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(redFlagCodes);
        var z = Linear(score, criteria);
        var flags = 0;
        if (SignalSlopes.Count > 0)
        {
            foreach (var code in redFlagCodes)
            {
                flags++;
                z += FlagSlope(code);
            }
        }

        return Logistic(z, knockOuts, flags);
    }

    /// <summary>The same, from the scorecard's red flags (without an iterator over their codes).</summary>
    internal double Probability(decimal score, CriterionScores criteria, int knockOuts, List<RedFlag> redFlags)
    {
        var z = Linear(score, criteria);
        if (SignalSlopes.Count > 0)
        {
            for (var i = 0; i < redFlags.Count; i++)
            {
                z += FlagSlope(redFlags[i].Code);
            }
        }

        return Logistic(z, knockOuts, redFlags.Count);
    }

    private double FlagSlope(string code) => SignalSlopes.TryGetValue("flag." + code, out var s) ? (double)s : 0d;

    /// <summary>The intercept plus the score's and the sub-scores' terms.</summary>
    private double Linear(decimal score, CriterionScores criteria)
    {
        var z = (double)Intercept + (double)ScoreSlope * (double)score;
        if (CriterionSlopes.Count > 0) // the enumerator of an interface is boxed: skipped when there is nothing to enumerate
        {
            foreach (var (name, slope) in CriterionSlopes)
            {
                var index = PolicyCatalogIndex(name);
                z += (double)slope * (double)criteria[(Criterion)index] / 100d;
            }
        }

        return z;
    }

    /// <summary>Adds the knock-out and red-flag count terms to <paramref name="z"/> (which has the per-flag terms) and takes the logistic.</summary>
    private double Logistic(double z, int knockOuts, int flags)
    {
        if (SignalSlopes.Count > 0)
        {
            if (knockOuts > 0 && SignalSlopes.TryGetValue("knockOut", out var k))
            {
                z += (double)k;
            }

            if (SignalSlopes.TryGetValue("redFlags", out var r))
            {
                z += (double)r * flags;
            }
        }

        return Math.Round(1d / (1d + Math.Exp(-z)), 4, MidpointRounding.AwayFromZero);
    }

    private static int PolicyCatalogIndex(string criterion)
    {
        for (var i = 0; i < PolicyCatalog.CriterionNames.Count; i++)
        {
            if (PolicyCatalog.CriterionNames[i] == criterion)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "not a criterion");
    }
}

/// <summary>A criterion's weight and the shares of its evidence items.</summary>
public sealed class CriterionPolicy
{
    /// <summary>The criterion's weight in the 0–100 score.</summary>
    public decimal Weight { get; init; }

    /// <summary>The share (0–1, summing to 1) of each evidence item within the criterion.</summary>
    public required IReadOnlyDictionary<string, decimal> Items { get; init; }
}

/// <summary>A step function: the first step whose <see cref="CreditStepRow.AtLeast"/> the value reaches gives the credit.</summary>
public sealed class StepCredit
{
    /// <summary>The steps, highest threshold first.</summary>
    public required IReadOnlyList<CreditStepRow> Steps { get; init; }

    /// <summary>The credit below the last step.</summary>
    public decimal Otherwise { get; init; }

    /// <summary>The credit a value earns.</summary>
    public decimal Credit(decimal value)
    {
        var steps = Steps;
        for (var i = 0; i < steps.Count; i++) // not foreach: an interface's enumerator is boxed on every call
        {
            if (value >= steps[i].AtLeast)
            {
                return steps[i].Credit;
            }
        }

        return Otherwise;
    }
}

/// <summary>One step of a <see cref="StepCredit"/>.</summary>
public sealed class CreditStepRow
{
    /// <summary>The threshold the value must reach.</summary>
    public decimal AtLeast { get; init; }

    /// <summary>The credit (0–1) earned from this threshold up.</summary>
    public decimal Credit { get; init; }
}

/// <summary>A grade band: scores in [<see cref="Min"/>, <see cref="Max"/>) get <see cref="Grade"/>; the top band includes 100.</summary>
public sealed class GradeBand
{
    /// <summary>The grade.</summary>
    public Grade Grade { get; init; }

    /// <summary>The lowest score in the band (inclusive).</summary>
    public decimal Min { get; init; }

    /// <summary>The upper bound (exclusive, except 100).</summary>
    public decimal Max { get; init; }
}

/// <summary>A knock-out: a known negative that caps the grade.</summary>
public sealed class KnockOutPolicy
{
    /// <summary>The knock-out's stable code (<c>noNeed</c>, <c>outsideStrategy</c>, <c>noCommittedBudget</c>, <c>lossMaking</c>).</summary>
    public required string Code { get; init; }

    /// <summary>The best grade an opportunity with this knock-out can get.</summary>
    public Grade Cap { get; init; }
}

/// <summary>The identity of a policy on every assessment, so a decision can be replayed.</summary>
/// <param name="Name">The policy's name.</param>
/// <param name="Version">The policy's version.</param>
/// <param name="Sha256">The SHA-256 of the policy's canonical JSON, lower-case hex.</param>
public sealed record PolicyStamp(string Name, string Version, string Sha256);
