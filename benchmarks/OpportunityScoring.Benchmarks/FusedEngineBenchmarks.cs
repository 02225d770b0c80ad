using BenchmarkDotNet.Attributes;
using OpportunityScoring.Benchmarks.PeerRulesEngine;
using OpportunityScoring.Engine;
using OpportunityScoring.Reference;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Issue 26, part 2: the fused engine (one generated method per policy) against the flat compiled engine, the
/// hand-written Reference and RulesEngine, per opportunity on one thread: decisions only (<c>Decide</c>) and full
/// explained assessments (<c>Score</c>). Each call scores the next of 1,024 pipeline opportunities (64 in a smoke run).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Fused")]
public class FusedEngineBenchmarks
{
    private static readonly int Mask = BenchmarkData.MixSize - 1;
    private Opportunity[] _pipeline = null!;
    private ReferenceEvaluator _reference = null!;
    private OpportunityScorer _compiled = null!;
    private OpportunityScorer _fused = null!;
    private RulesEngineScorer _rulesEngine = null!;
    private int _next;

    /// <summary>Builds the engines, checks the fused engine against the reference and warms every engine on the whole mix.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _pipeline = BenchmarkData.Pipeline(Mask + 1);
        _reference = new ReferenceEvaluator(OpportunityRules.DefaultPolicy);
        _compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        _fused = OpportunityRules.CreateScorer(engine: ScoringEngine.Fused);
        if (_fused.Engine != ScoringEngine.Fused)
        {
            throw new InvalidOperationException($"the fused engine was refused: {string.Join("; ", _fused.FallbackReasons)}");
        }

        _rulesEngine = new RulesEngineScorer(BenchmarkData.PeerPolicy);
        BenchmarkData.Verify(_fused, _pipeline);
        foreach (var o in _pipeline)
        {
            _ = _compiled.Score(o, BenchmarkData.AsOf);
            _ = _compiled.Decide(o, BenchmarkData.AsOf);
            _ = _fused.Score(o, BenchmarkData.AsOf);
            _ = _fused.Decide(o, BenchmarkData.AsOf);
            _ = _rulesEngine.Score(o, BenchmarkData.AsOf);
        }
    }

    /// <summary>The hand-written evaluator (decisions, no explanations).</summary>
    /// <returns>The grade.</returns>
    [Benchmark(Baseline = true)]
    public Grade Reference() => _reference.Evaluate(_pipeline[_next++ & Mask], BenchmarkData.AsOf).Grade;

    /// <summary>The flat compiled engine, decisions only.</summary>
    /// <returns>The decisions.</returns>
    [Benchmark]
    public AssessmentDecisions CompiledDecisions() => _compiled.Decide(_pipeline[_next++ & Mask], BenchmarkData.AsOf);

    /// <summary>The fused engine, decisions only.</summary>
    /// <returns>The decisions.</returns>
    [Benchmark]
    public AssessmentDecisions FusedDecisions() => _fused.Decide(_pipeline[_next++ & Mask], BenchmarkData.AsOf);

    /// <summary>The flat compiled engine, the full explained assessment.</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment CompiledExplained() => _compiled.Score(_pipeline[_next++ & Mask], BenchmarkData.AsOf);

    /// <summary>The fused engine, the full explained assessment.</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment FusedExplained() => _fused.Score(_pipeline[_next++ & Mask], BenchmarkData.AsOf);

    /// <summary>The five RulesEngine workflows and the assessment built from their results.</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment MicrosoftRulesEngine() => _rulesEngine.Score(_pipeline[_next++ & Mask], BenchmarkData.AsOf);
}
