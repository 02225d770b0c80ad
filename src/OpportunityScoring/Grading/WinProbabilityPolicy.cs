namespace OpportunityScoring.Grading;

/// <summary>
/// The win-probability model: p = 1 / (1 + e^−z), z = intercept + scoreSlope × score + Σ criterionSlope × sub-score / 100
/// + Σ signalSlope × signal. Signals: <c>knockOut</c> (1 when any knock-out fired), <c>redFlags</c> (the number of
/// red flags), <c>flag.&lt;code&gt;</c> (1 when that red flag is raised). Slopes on the score and sub-scores are never
/// negative and slopes on signals never positive, so better evidence never lowers the probability. A calibrated policy
/// may add a segment's intercept (<c>segmentIntercepts</c>, by the project's classification) and a deal-size term
/// (<c>dealSize</c>: slope × ln(expected contract amount / center)); both are points that add up like the others.
/// </summary>
internal sealed class WinProbabilityPolicy
{
    /// <summary>The intercept.</summary>
    public decimal Intercept { get; init; }

    /// <summary>The slope per score point.</summary>
    public decimal ScoreSlope { get; init; }

    /// <summary>Slopes per criterion sub-score (as a fraction, 0–1), by criterion name.</summary>
    public IReadOnlyDictionary<string, decimal> CriterionSlopes { get; init => field = value ?? new Dictionary<string, decimal>(); } = new Dictionary<string, decimal>();

    /// <summary>Slopes per rule signal (<c>knockOut</c>, <c>redFlags</c>, <c>flag.&lt;code&gt;</c>).</summary>
    public IReadOnlyDictionary<string, decimal> SignalSlopes { get; init => field = value ?? new Dictionary<string, decimal>(); } = new Dictionary<string, decimal>();

    /// <summary>Intercept offsets by the project's classification (<c>initiationReport.classification</c>): the segments of a calibrated policy.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, decimal>? SegmentIntercepts { get; init; }

    /// <summary>The deal-size term, when the policy was calibrated on a history with amounts.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DealSizeTerm? DealSize { get; init; }

    /// <summary>The segment's and the deal size's terms for an opportunity (0 when the policy has none).</summary>
    internal double Offset(Opportunity opportunity)
    {
        var z = 0d;
        if (SegmentIntercepts is { Count: > 0 } segments && opportunity.InitiationReport?.Classification is { } segment && segments.TryGetValue(segment, out var offset))
        {
            z += (double)offset;
        }

        if (DealSize is { Center: > 0 } d && opportunity.ExpectedContractAmount > 0)
        {
            z += (double)d.Slope * Math.Log((double)opportunity.ExpectedContractAmount / (double)d.Center);
            if (d.Bands is { Count: > 0 } bands)
            {
                // The band of the amount: the last whose lower bound it reaches (deals below the first band have none).
                var band = 0m;
                foreach (var b in bands)
                {
                    if (opportunity.ExpectedContractAmount >= b.From)
                    {
                        band = b.Offset;
                    }
                }

                z += (double)band;
            }
        }

        return z;
    }

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
    internal double Probability(decimal score, CriterionScores criteria, int knockOuts, ReadOnlySpan<RedFlag> redFlags, double offset = 0)
    {
        var z = Linear(score, criteria) + offset;
        if (SignalSlopes.Count > 0)
        {
            z = AddFlagSlopes(z, redFlags);
        }

        return Logistic(z, knockOuts, redFlags.Length);
    }

    /// <summary>The knock-out and red-flag terms alone (what the signals add to z), for the explanation.</summary>
    internal double SignalTerm(int knockOuts, ReadOnlySpan<RedFlag> redFlags)
    {
        return SignalSlopes.Count == 0 ? 0d : AddCountSlopes(AddFlagSlopes(0d, redFlags), knockOuts, redFlags.Length);
    }

    /// <summary><paramref name="z"/> plus each red flag's own slope, in the flags' order.</summary>
    private double AddFlagSlopes(double z, ReadOnlySpan<RedFlag> redFlags)
    {
        for (var i = 0; i < redFlags.Length; i++)
        {
            z += FlagSlope(redFlags[i].Code);
        }

        return z;
    }

    /// <summary><paramref name="z"/> plus the knock-out term (when any fired) and the red-flag count term, in that order.</summary>
    private double AddCountSlopes(double z, int knockOuts, int flags)
    {
        var signals = Signals();
        if (knockOuts > 0 && signals.KnockOut is { } k)
        {
            z += k;
        }

        if (signals.RedFlags is { } r)
        {
            z += r * flags;
        }

        return z;
    }

    private double FlagSlope(string code)
    {
        var signals = Signals();
        for (var i = 0; i < signals.FlagCodes.Length; i++)
        {
            if (string.Equals(signals.FlagCodes[i], code, StringComparison.Ordinal))
            {
                return signals.FlagSlopes[i];
            }
        }

        return 0d;
    }

    /// <summary>
    /// The signal slopes as the model reads them, built once from <see cref="SignalSlopes"/> (a policy is immutable once
    /// valid): a red flag's slope found by its code, without building the <c>flag.&lt;code&gt;</c> key and hashing it for
    /// every flag of every opportunity. A private field: the policy's JSON does not change.
    /// </summary>
    private SignalTable Signals() => _signals ??= new SignalTable(SignalSlopes);

    private SignalTable? _signals;

    private sealed class SignalTable
    {
        public SignalTable(IReadOnlyDictionary<string, decimal> slopes)
        {
            var flags = slopes.Where(kv => kv.Key.StartsWith("flag.", StringComparison.Ordinal)).ToArray();
            FlagCodes = [.. flags.Select(kv => kv.Key["flag.".Length..])];
            FlagSlopes = [.. flags.Select(kv => (double)kv.Value)];
            KnockOut = slopes.TryGetValue("knockOut", out var k) ? (double)k : null;
            RedFlags = slopes.TryGetValue("redFlags", out var r) ? (double)r : null;
        }

        /// <summary>The slope of the knock-out signal, when the policy has one.</summary>
        public double? KnockOut { get; }

        /// <summary>The slope per red flag, when the policy has one.</summary>
        public double? RedFlags { get; }

        public string[] FlagCodes { get; }

        public double[] FlagSlopes { get; }
    }

    /// <summary>The intercept plus the score's and the sub-scores' terms.</summary>
    private double Linear(decimal score, CriterionScores criteria)
    {
        var z = (double)Intercept + (double)ScoreSlope * (double)score;
        if (CriterionSlopes.Count > 0) // the enumerator of an interface is boxed: skipped when there is nothing to enumerate
        {
            foreach (var (name, slope) in CriterionSlopes)
            {
                var criterion = GradingCodes.CriterionOf(name) ?? throw new InvalidOperationException($"'{name}' is not a criterion; the policy was not validated.");
                z += (double)slope * (double)criteria[criterion] / 100d;
            }
        }

        return z;
    }

    /// <summary>Adds the knock-out and red-flag count terms to <paramref name="z"/> (which has the per-flag terms) and takes the logistic.</summary>
    private double Logistic(double z, int knockOuts, int flags)
    {
        if (SignalSlopes.Count > 0)
        {
            z = AddCountSlopes(z, knockOuts, flags);
        }

        return Math.Round(1d / (1d + Math.Exp(-z)), 4, MidpointRounding.AwayFromZero);
    }
}

/// <summary>A calibrated policy's deal-size term: slope × ln(expected contract amount / center).</summary>
internal sealed class DealSizeTerm
{
    /// <summary>The slope per unit of ln amount (free in sign: the history says whether bigger deals win more or less often).</summary>
    public decimal Slope { get; init; }

    /// <summary>The amount where the term is 0 (the history's median deal).</summary>
    public decimal Center { get; init; }

    /// <summary>Offsets by deal-size band (the history's deciles), in increasing order of their lower bound.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DealSizeBand>? Bands { get; init; }
}

/// <summary>A deal-size band: deals from this amount on (to the next band) get this offset.</summary>
internal sealed class DealSizeBand
{
    /// <summary>The band's lower bound (an amount).</summary>
    public decimal From { get; init; }

    /// <summary>The offset of the band's deals.</summary>
    public decimal Offset { get; init; }
}
