using System.Runtime.InteropServices;
using MathNet.Numerics.Statistics;

namespace OpportunityScoring.Pipelines;

/// <summary>The distribution of the scores of a pipeline (MathNet.Numerics descriptive statistics).</summary>
/// <param name="Count">Scores counted.</param>
/// <param name="Mean">The mean score.</param>
/// <param name="Median">The median score.</param>
/// <param name="P10">The 10th percentile.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="StandardDeviation">The sample standard deviation (0 for a single score).</param>
/// <param name="Min">The lowest score.</param>
/// <param name="Max">The highest score.</param>
public sealed record ScoreDistribution(long Count, double Mean, double Median, double P10, double P90, double StandardDeviation, double Min, double Max);

/// <summary>
/// A pipeline at a glance: records in and out, counts by each categorical decision (grade, and gate outcome and bid
/// decision once assessments carry them), the open pipeline's value and its value weighted by win probability, and
/// the score distribution.
/// </summary>
/// <param name="Records">Records read.</param>
/// <param name="Assessed">Records assessed.</param>
/// <param name="Rejected">Records rejected.</param>
/// <param name="CountsBy">Per decision (<c>grade</c>, …): assessments per value, in the contract's words.</param>
/// <param name="OpenPipelineValue">Σ expected contract amount of the assessed opportunities not closed (amounts are summed as they are, whatever their currency).</param>
/// <param name="WeightedPipelineValue">Σ amount × win probability over the same opportunities; <see langword="null"/> while assessments carry no win probability.</param>
/// <param name="Scores">The score distribution; <see langword="null"/> when nothing was assessed.</param>
public sealed record PipelineSummary(
    long Records,
    long Assessed,
    long Rejected,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> CountsBy,
    decimal OpenPipelineValue,
    decimal? WeightedPipelineValue,
    ScoreDistribution? Scores);

/// <summary>Builds a <see cref="PipelineSummary"/> item by item while a batch streams past.</summary>
/// <remarks>
/// Keeps a count per distinct score (a few thousand at most), not one per assessment, so its memory does not grow with
/// the pipeline; the distribution is exactly the one of the sorted scores (MathNet's descriptive statistics over them in
/// order, and its R8 quantiles). Not thread safe.
/// </remarks>
public sealed class PipelineSummaryBuilder
{
    private readonly Dictionary<double, long> _scores = [];
    private long _scored;
    private readonly Dictionary<string, SortedDictionary<string, long>> _counts = new(StringComparer.Ordinal);
    private long _records;
    private long _rejected;
    private decimal _open;
    private decimal _weighted;
    private bool _anyProbability;

    /// <summary>Creates an empty builder.</summary>
    public PipelineSummaryBuilder()
    {
        foreach (var field in DecisionFields.All.Where(f => f.Categorical))
        {
            _counts[field.Path] = new SortedDictionary<string, long>(StringComparer.Ordinal);
        }
    }

    /// <summary>Counts one batch item.</summary>
    /// <param name="item">The item.</param>
    public void Add(BatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _records++;
        if (item.Decisions is not { } assessment)
        {
            _rejected++;
            return;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(_scores, (double)assessment.Score, out _)++;
        _scored++;
        for (var i = 0; i < DecisionFields.All.Count; i++) // by index: a foreach over the list would allocate an enumerator per item
        {
            var field = DecisionFields.All[i];
            if (field.Categorical && field.Value(assessment) is { } value)
            {
                var counts = _counts[field.Path];
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        if (item.Opportunity is { Stage: not Stage.Closed } opportunity)
        {
            _open += opportunity.ExpectedContractAmount;
            if (DecisionFields.WinProbability(assessment) is { } p)
            {
                _anyProbability = true;
                _weighted += opportunity.ExpectedContractAmount * p;
            }
        }
    }

    /// <summary>The summary of everything added so far.</summary>
    /// <returns>The summary.</returns>
    public PipelineSummary Build()
    {
        ScoreDistribution? scores = null;
        if (_scored > 0)
        {
            var values = _scores.Keys.ToArray();
            Array.Sort(values);
            var ends = new long[values.Length]; // ends[i]: how many scores are values[i] or lower
            long total = 0;
            for (var i = 0; i < values.Length; i++)
            {
                ends[i] = total += _scores[values[i]];
            }

            // The k-th lowest score (from 0), as sorted[k] would be.
            double At(long k)
            {
                var i = Array.BinarySearch(ends, k + 1);
                return values[i < 0 ? ~i : i];
            }

            IEnumerable<double> Sorted()
            {
                for (var i = 0; i < values.Length; i++)
                {
                    for (var n = _scores[values[i]]; n > 0; n--)
                    {
                        yield return values[i];
                    }
                }
            }

            var stats = new DescriptiveStatistics(Sorted());
            scores = new ScoreDistribution(
                _scored,
                stats.Mean,
                _scored % 2 == 1 ? At(_scored / 2) : (At((_scored / 2) - 1) + At(_scored / 2)) / 2.0, // the median, as SortedArrayStatistics.Median
                Quantile(At, _scored, 10 / 100d),
                Quantile(At, _scored, 90 / 100d),
                _scored > 1 ? stats.StandardDeviation : 0,
                stats.Minimum,
                stats.Maximum);
        }

        var counts = _counts.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(kv.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new PipelineSummary(_records, _records - _rejected, _rejected, counts, _open, _anyProbability ? _weighted : null, scores);
    }

    /// <summary>
    /// The tau-th quantile of <paramref name="n"/> sorted values, R8 (approximately median-unbiased; Hyndman and Fan's
    /// eighth definition), as <see cref="SortedArrayStatistics.Quantile(double[], double)"/> computes it over an array.
    /// </summary>
    private static double Quantile(Func<long, double> at, long n, double tau)
    {
        if (tau == 0d || n == 1)
        {
            return at(0);
        }

        var h = ((n + (1 / 3d)) * tau) + (1 / 3d);
        var hf = (long)h;
        return hf < 1 ? at(0)
            : hf >= n ? at(n - 1)
            : at(hf - 1) + ((h - hf) * (at(hf) - at(hf - 1)));
    }
}
