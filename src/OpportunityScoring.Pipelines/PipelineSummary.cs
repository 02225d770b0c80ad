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
/// <remarks>Keeps one <see cref="double"/> per assessment for the percentiles (8 bytes each) and nothing else per record. Not thread safe.</remarks>
public sealed class PipelineSummaryBuilder
{
    private readonly List<double> _scores = [];
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

        _scores.Add((double)assessment.Score);
        foreach (var field in DecisionFields.All)
        {
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
        if (_scores.Count > 0)
        {
            var sorted = _scores.ToArray();
            Array.Sort(sorted);
            var stats = new DescriptiveStatistics(sorted);
            scores = new ScoreDistribution(
                sorted.Length,
                stats.Mean,
                SortedArrayStatistics.Median(sorted),
                SortedArrayStatistics.Percentile(sorted, 10),
                SortedArrayStatistics.Percentile(sorted, 90),
                sorted.Length > 1 ? stats.StandardDeviation : 0,
                stats.Minimum,
                stats.Maximum);
        }

        var counts = _counts.ToDictionary(
            kv => kv.Key,
            kv => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(kv.Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
        return new PipelineSummary(_records, _records - _rejected, _rejected, counts, _open, _anyProbability ? _weighted : null, scores);
    }
}
