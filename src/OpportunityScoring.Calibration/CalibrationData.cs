using System.Globalization;

namespace OpportunityScoring.Calibration;

/// <summary>The features the calibrated model sees, per closed opportunity, and the policy's own prediction.</summary>
/// <param name="Names">
/// The feature names, in the policy's vocabulary: <c>criterion.&lt;name&gt;</c> (sub-score / 100), <c>knockOut</c>,
/// <c>redFlags</c>, <c>flag.&lt;code&gt;</c>. Features constant over the whole history are left out.
/// </param>
/// <param name="Rows">One feature vector per opportunity.</param>
/// <param name="Won">The outcome per opportunity.</param>
/// <param name="PolicyProbability">The win probability the scored policy itself gave each opportunity.</param>
public sealed record CalibrationData(IReadOnlyList<string> Names, IReadOnlyList<double[]> Rows, IReadOnlyList<bool> Won, IReadOnlyList<double> PolicyProbability)
{
    /// <summary>The index of each row's distinct feature vector (rows with equal features share one), for pooling.</summary>
    public IReadOnlyList<int> Profiles => profiles;

    /// <summary>The first row of each distinct feature vector, by profile index.</summary>
    internal int[] Representatives => representatives ??= RepresentativesOf(profiles);

    private readonly int[] profiles = ProfilesOf(Rows);
    private int[]? representatives;

    private static int[] RepresentativesOf(int[] profiles)
    {
        var count = profiles.Length == 0 ? 0 : profiles.Max() + 1;
        var result = new int[count];
        for (var i = profiles.Length - 1; i >= 0; i--)
        {
            result[profiles[i]] = i;
        }

        return result;
    }

    private static int[] ProfilesOf(IReadOnlyList<double[]> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var key = string.Join(',', rows[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            if (!seen.TryGetValue(key, out var p))
            {
                p = seen.Count;
                seen[key] = p;
            }

            result[i] = p;
        }

        return result;
    }

    /// <summary>
    /// The allowed sign of each feature: sub-scores never lower the probability, rule signals never raise it; a
    /// segment's intercept, the deal size and a baseline's source columns are free.
    /// </summary>
    public IReadOnlyList<CoefficientSign> Signs => [.. Names.Select(SignOf)];

    internal static CoefficientSign SignOf(string name) =>
        name.StartsWith(WinProbabilityCalibrator.CriterionPrefix, StringComparison.Ordinal) ? CoefficientSign.NonNegative
        : name.StartsWith(WinProbabilityCalibrator.SegmentPrefix, StringComparison.Ordinal) || name == WinProbabilityCalibrator.DealSize || name.StartsWith(WinProbabilityCalibrator.DealSizeBandPrefix, StringComparison.Ordinal) || name.StartsWith(LogisticBaseline.SourcePrefix, StringComparison.Ordinal) ? CoefficientSign.Free
        : CoefficientSign.NonPositive;
}
