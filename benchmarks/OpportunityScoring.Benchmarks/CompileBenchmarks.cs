using BenchmarkDotNet.Attributes;
using OpportunityScoring.Benchmarks.PeerRulesEngine;
using OpportunityScoring.Engine;
using OpportunityScoring.Engine.Flat;
using OpportunityScoring.Reference;
using OpportunityScoring.Rules;

#pragma warning disable CA1822 // BenchmarkDotNet runs instance methods only

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// One-time costs: compiling the NRules rule sets into a session factory, and building the RulesEngine workflows.
/// RulesEngine compiles lazily, on a workflow's first execution for an input shape, so its figure includes scoring
/// the first opportunity; the NRules figure is given both without and with that first score.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Compile")]
public class CompileBenchmarks
{
    private Opportunity _first = null!;

    /// <summary>The first pipeline opportunity (a cost range, so the cost-risk workflow compiles too).</summary>
    [GlobalSetup]
    public void Setup() => _first = BenchmarkData.Pipeline(64).First(o => o.CostRange is not null && o.Stage <= Stage.Tender);

    /// <summary><c>RuleSets.Compile(OpportunityRules.Assembly, RuleSetNames.All…)</c> and its Rete network (the factory is built on first use).</summary>
    /// <returns>The session factory.</returns>
    [Benchmark]
    public NRules.ISessionFactory CompileNRules() => RuleSets.Compile(OpportunityRules.Assembly, [.. RuleSetNames.All]).Factory;

    /// <summary>Load the rule definitions and compile them flat (what a scorer on the compiled engine pays once).</summary>
    /// <returns>The number of rules compiled.</returns>
    [Benchmark]
    public int CompileFlat() => RuleSets.Compile(OpportunityRules.Assembly, [.. RuleSetNames.All]).Flat.RuleSet!.Count;

    /// <summary>
    /// Fuse the flat rule set for one policy and compile both of its methods (with and without explanations): what a
    /// scorer on the fused engine pays once per policy content, on top of <see cref="CompileFlat"/>.
    /// </summary>
    /// <returns>The number of rules fused.</returns>
    [Benchmark]
    public int FuseForAPolicy()
    {
        var policy = OpportunityRules.DefaultPolicy;
        var fused = FusedRuleSet.Compile(OpportunityRules.RuleSets.Flat.RuleSet!, [policy.Grading, policy.Gates, policy.Bid], [typeof(Opportunity), typeof(StageGates.AssessmentDate)]);
        fused.Warm();
        return fused.Flat.Count;
    }

    /// <summary>Compile, then score the first opportunity (the first session JITs the network's delegates).</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment CompileNRulesAndScoreFirst() =>
        new OpportunityScorer(OpportunityRules.DefaultPolicy, RuleSets.Compile(OpportunityRules.Assembly, [.. RuleSetNames.All]), ScoringEngine.Rete).Score(_first, BenchmarkData.AsOf);

    /// <summary>Generate the workflows from the policy, build the engine, score the first opportunity (compiles every workflow).</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment BuildRulesEngineWorkflow() => new RulesEngineScorer(BenchmarkData.PeerPolicy).Score(_first, BenchmarkData.AsOf);

    /// <summary>The reference evaluator's tables from the policy.</summary>
    /// <returns>The evaluator.</returns>
    [Benchmark(Baseline = true)]
    public ReferenceEvaluator BuildReference() => new(OpportunityRules.DefaultPolicy);
}
