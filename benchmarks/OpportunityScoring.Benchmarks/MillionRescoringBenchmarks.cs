using BenchmarkDotNet.Attributes;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Reference;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Issue 10's scale: a million opportunities held in memory, re-scored through the bulk API on the compiled engine
/// (full assessments with explanations, and decisions only; all cores) against the hand-written reference on one thread. RulesEngine and
/// Rete are left out (a minute or more per operation; their per-opportunity cost is in <see cref="BulkRescoringBenchmarks"/>).
/// A smoke run uses 200 opportunities.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Million")]
public class MillionRescoringBenchmarks
{
    private Opportunity[] _pipeline = null!;
    private ReferenceEvaluator _reference = null!;
    private BatchScorer _compiled = null!;
    private BatchScorer _decisions = null!;

    /// <summary>1,000,000 (200 in a smoke run).</summary>
    [ParamsSource(nameof(Sizes))]
    public int PipelineSize { get; set; }

    /// <summary>The sizes.</summary>
    public static IEnumerable<int> Sizes => BenchmarkData.Smoke ? [200] : [1_000_000];

    /// <summary>Generates the pipeline and builds both evaluators; the compiled one is checked against the reference on its first 10,000.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _pipeline = BenchmarkData.Pipeline(PipelineSize);
        _reference = new ReferenceEvaluator(OpportunityRules.DefaultPolicy);
        var scorer = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        BenchmarkData.Verify(scorer, _pipeline.Take(10_000).ToList());
        _compiled = new BatchScorer(scorer);
        _decisions = new BatchScorer(scorer, new BatchOptions { Detail = ScoringDetail.Decisions });
        if (_pipeline.Take(10_000).FirstOrDefault(o => !scorer.Decide(o, BenchmarkData.AsOf).Equals(AssessmentDecisions.From(scorer.Score(o, BenchmarkData.AsOf)))) is { } wrong)
        {
            throw new InvalidOperationException($"deciding {wrong.Id} without explanations disagrees with its full assessment");
        }
    }

    /// <summary>The hand-written evaluator, one thread.</summary>
    /// <returns>A checksum (grades A + bids).</returns>
    [Benchmark(Baseline = true)]
    public int Reference() => BenchmarkData.ReferenceChecksum(_reference, _pipeline);

    /// <summary>The compiled engine through <see cref="BatchScorer"/> (all cores).</summary>
    /// <returns>A checksum (grades A + bids).</returns>
    [Benchmark]
    public int OpportunityScoringCompiled() => BenchmarkData.Checksum(_compiled, _pipeline);

    /// <summary>
    /// The compiled engine through <see cref="BatchScorer"/> with <see cref="ScoringDetail.Decisions"/> (all cores):
    /// grade, score, gate and bid without reasons or messages — what a policy what-if needs.
    /// </summary>
    /// <returns>A checksum (grades A + bids).</returns>
    [Benchmark]
    public int OpportunityScoringCompiledDecisions() => BenchmarkData.DecisionsChecksum(_decisions, _pipeline);
}
