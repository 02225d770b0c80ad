using BenchmarkDotNet.Attributes;
using OpportunityScoring.Benchmarks.PeerRulesEngine;
using OpportunityScoring.Engine;
using OpportunityScoring.Reference;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Latency of scoring one opportunity, warm, on one thread, with each engine's single-opportunity API. Each call
/// scores the next of 1,024 pipeline opportunities (64 in a smoke run) (a representative mix of stages, not one lucky case).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Latency")]
public class SingleOpportunityBenchmarks
{
    private static readonly int Mask = BenchmarkData.MixSize - 1;
    private Opportunity[] _pipeline = null!;
    private ReferenceEvaluator _reference = null!;
    private OpportunityScorer _opportunityScoring = null!;
    private OpportunityScorer _opportunityScoringCompiled = null!;
    private RulesEngineScorer _rulesEngine = null!;
    private int _next;

    /// <summary>Builds the engines and warms them on the whole mix.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _pipeline = BenchmarkData.Pipeline(Mask + 1);
        _reference = new ReferenceEvaluator(OpportunityRules.DefaultPolicy);
        _opportunityScoring = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete);
        _opportunityScoringCompiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        _rulesEngine = new RulesEngineScorer(BenchmarkData.PeerPolicy);
        foreach (var o in _pipeline)
        {
            _ = _opportunityScoring.Score(o, BenchmarkData.AsOf);
            _ = _opportunityScoringCompiled.Score(o, BenchmarkData.AsOf);
            _ = _rulesEngine.Score(o, BenchmarkData.AsOf);
        }
    }

    /// <summary>The hand-written evaluator.</summary>
    /// <returns>The grade.</returns>
    [Benchmark(Baseline = true)]
    public Grade Reference() => _reference.Evaluate(_pipeline[_next++ & Mask], BenchmarkData.AsOf).Grade;

    /// <summary><c>OpportunityScorer.Score</c>: one NRules session, all rule sets, the full assessment.</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment OpportunityScoring() => _opportunityScoring.Score(_pipeline[_next++ & Mask], BenchmarkData.AsOf);

    /// <summary><c>OpportunityScorer.Score</c> with the compiled engine: the same rule definitions, no session.</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment OpportunityScoringCompiled() => _opportunityScoringCompiled.Score(_pipeline[_next++ & Mask], BenchmarkData.AsOf);

    /// <summary>The five RulesEngine workflows and the assessment built from their results.</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment MicrosoftRulesEngine() => _rulesEngine.Score(_pipeline[_next++ & Mask], BenchmarkData.AsOf);
}
