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
/// On a shared, loaded machine compare the minima (and medians) within one run: the mean carries the neighbours' load.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[BenchmarkCategory("Fused")]
public class FusedEngineBenchmarks
{
    private static readonly int Mask = BenchmarkData.MixSize - 1;
    private Opportunity[] _pipeline = null!;
    private ReferenceEvaluator _reference = null!;
    private OpportunityScorer _compiled = null!;
    private OpportunityScorer _fused = null!;
    private RulesEngineScorer _rulesEngine = null!;
    private Engine.Flat.FusedRuleSet _fusedRules = null!;
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

        _fusedRules = OpportunityRules.RuleSets.Fused(OpportunityRules.DefaultPolicy)!;
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

    /// <summary>
    /// Where the fused decisions' time goes: a decisions-only scorecard (the ledgers) and the fused method run into it,
    /// without building the <see cref="AssessmentDecisions"/> from it (<see cref="FusedDecisions"/> minus this is that build).
    /// </summary>
    /// <returns>The score.</returns>
    [Benchmark]
    public decimal FusedMethodOnly()
    {
        var o = _pipeline[_next++ & Mask];
        var policy = _fused.Policy;
        var card = new Scorecard(o, policy, BenchmarkData.AsOf, ScoringDetail.Decisions);
        _fusedRules.Run([o, policy.Grading, policy.Gates, policy.Bid, new StageGates.AssessmentDate(BenchmarkData.AsOf)], card.Ledgers, explanations: false);
        return card.Grading.Score;
    }

    /// <summary>The decisions-only scorecard alone (its ledgers and log), as every engine but the Reference creates one per opportunity.</summary>
    /// <returns>The scorecard.</returns>
    [Benchmark]
    public object ScorecardOnly() => new Scorecard(_pipeline[_next++ & Mask], _fused.Policy, BenchmarkData.AsOf, ScoringDetail.Decisions);

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
