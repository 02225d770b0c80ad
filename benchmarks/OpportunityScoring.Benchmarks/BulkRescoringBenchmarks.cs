using BenchmarkDotNet.Attributes;
using OpportunityScoring.Benchmarks.PeerRulesEngine;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Reference;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Re-scoring the same generated pipeline (fixed seed) with the three engines. Method names are fixed so that results
/// compare across runs. <c>OpportunityScoring</c> and <c>MicrosoftRulesEngine</c> go through the library's bulk API
/// (<see cref="BatchScorer"/>, default options: all cores, chunks of 16) and build full assessments with explanations;
/// <c>Reference</c> is the hand-written evaluator on one thread (the practical limit). Mean ÷ pipeline size = time per
/// opportunity.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Bulk")]
public class BulkRescoringBenchmarks
{
    private Opportunity[] _pipeline = null!;
    private ReferenceEvaluator _reference = null!;
    private BatchScorer _opportunityScoring = null!;
    private BatchScorer _opportunityScoringCompiled = null!;
    private BatchScorer _rulesEngine = null!;

    /// <summary>10,000 and 100,000 opportunities (200 in a smoke run; see <see cref="BenchmarkData.SmokeVariable"/>).</summary>
    [ParamsSource(nameof(Sizes))]
    public int PipelineSize { get; set; }

    /// <summary>The sizes.</summary>
    public static IEnumerable<int> Sizes => BenchmarkData.PipelineSizes;

    /// <summary>Generates the pipeline and builds the engines; each engine's setup checks it against the reference.</summary>
    [GlobalSetup(Target = nameof(Reference))]
    public void SetupReference()
    {
        _pipeline = BenchmarkData.Pipeline(PipelineSize);
        _reference = new ReferenceEvaluator(OpportunityRules.DefaultPolicy);
    }

    /// <summary>Builds the NRules (Rete) scorer and checks it on the first 1,000 opportunities (the tests check thousands more).</summary>
    [GlobalSetup(Target = nameof(OpportunityScoring))]
    public void SetupOpportunityScoring()
    {
        _pipeline = BenchmarkData.Pipeline(PipelineSize);
        var scorer = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete);
        BenchmarkData.Verify(scorer, _pipeline.Take(1_000).ToList());
        _opportunityScoring = new BatchScorer(scorer);
    }

    /// <summary>Builds the compiled scorer (the same rule definitions, flat) and checks it on the whole pipeline.</summary>
    [GlobalSetup(Target = nameof(OpportunityScoringCompiled))]
    public void SetupOpportunityScoringCompiled()
    {
        _pipeline = BenchmarkData.Pipeline(PipelineSize);
        var scorer = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        if (scorer.Engine != ScoringEngine.Compiled)
        {
            throw new InvalidOperationException("the compiled engine refused the rule sets: " + string.Join("; ", scorer.FallbackReasons));
        }

        BenchmarkData.Verify(scorer, _pipeline);
        _opportunityScoringCompiled = new BatchScorer(scorer);
    }

    /// <summary>Builds the RulesEngine scorer and checks it on the whole benchmark pipeline.</summary>
    [GlobalSetup(Target = nameof(MicrosoftRulesEngine))]
    public void SetupRulesEngine()
    {
        _pipeline = BenchmarkData.Pipeline(PipelineSize);
        var scorer = new RulesEngineScorer(BenchmarkData.PeerPolicy);
        BenchmarkData.Verify(scorer, _pipeline, BenchmarkData.RulesEngineIgnores);
        _rulesEngine = new BatchScorer(scorer);
    }

    /// <summary>The hand-written evaluator, one thread.</summary>
    /// <returns>A checksum (grades A + bids).</returns>
    [Benchmark(Baseline = true)]
    public int Reference() => BenchmarkData.ReferenceChecksum(_reference, _pipeline);

    /// <summary>The library's bulk API with Rete sessions: <see cref="BatchScorer"/> over <c>CreateScorer(engine: Rete)</c> (all rule sets).</summary>
    /// <returns>A checksum (grades A + bids).</returns>
    [Benchmark]
    public int OpportunityScoring() => Checksum(_opportunityScoring);

    /// <summary>The library's bulk API with the compiled engine (the same rule definitions, no Rete network).</summary>
    /// <returns>A checksum (grades A + bids).</returns>
    [Benchmark]
    public int OpportunityScoringCompiled() => Checksum(_opportunityScoringCompiled);

    /// <summary>The peer: <see cref="BatchScorer"/> over the RulesEngine workflows.</summary>
    /// <returns>A checksum (grades A + bids).</returns>
    [Benchmark]
    public int MicrosoftRulesEngine() => Checksum(_rulesEngine);

    private int Checksum(BatchScorer batch) => BenchmarkData.Checksum(batch, _pipeline);
}
