using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MathNet.Numerics.Statistics;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// The pipeline summary keeps a count per distinct score instead of every score (finding 5: its score list grew by
/// 8 bytes per record, and was copied and sorted at the end), and gives exactly the distribution of the sorted scores.
/// </summary>
public sealed class SummaryMemoryTests
{
    private static readonly Opportunity Lead = TestAssets.Build.EarlyLead();
    private static readonly AssessmentDecisions Decided = TestAssets.Build.Scorer.Decide(Lead, TestAssets.Build.AsOf);

    private static BatchItem Scored(decimal score, int index) => new(index, Lead, Decided with { Score = score });

    /// <summary>The distribution as the builder computed it before: MathNet over the sorted array of every score.</summary>
    private static ScoreDistribution FromArray(IEnumerable<decimal> scores)
    {
        var sorted = scores.Select(s => (double)s).ToArray();
        Array.Sort(sorted);
        var stats = new DescriptiveStatistics(sorted);
        return new ScoreDistribution(
            sorted.Length, stats.Mean, SortedArrayStatistics.Median(sorted), SortedArrayStatistics.Percentile(sorted, 10), SortedArrayStatistics.Percentile(sorted, 90),
            sorted.Length > 1 ? stats.StandardDeviation : 0, stats.Minimum, stats.Maximum);
    }

    [Property(MaxTest = 500, QuietOnSuccess = true)]
    public Property The_distribution_is_bit_for_bit_that_of_the_sorted_scores() =>
        Prop.ForAll(Gen.Choose(0, 10_000).Select(s => s / 100m).ArrayOf().Where(a => a.Length > 0).ToArbitrary(), scores =>
        {
            var builder = new PipelineSummaryBuilder();
            for (var i = 0; i < scores.Length; i++)
            {
                builder.Add(Scored(scores[i], i));
            }

            var built = builder.Build().Scores;
            var expected = FromArray(scores);
            return (built == expected).Label($"{scores.Length} scores: {built} against {expected}");
        });

    [Fact]
    public void Scores_take_a_count_per_distinct_score_not_eight_bytes_each()
    {
        var items = Enumerable.Range(0, 250_000).Select(i => Scored((i * 7919 % 10_001) / 100m, i)).ToArray();
        var builder = new PipelineSummaryBuilder();
        var before = GC.GetAllocatedBytesForCurrentThread();

        foreach (var item in items)
        {
            builder.Add(item);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1L << 20, $"250,000 scores allocated {allocated >> 10} KiB"); // a list of them alone: 4 MiB
        Assert.Equal(FromArray(items.Select(i => i.Decisions!.Score)), builder.Build().Scores);
    }
}
