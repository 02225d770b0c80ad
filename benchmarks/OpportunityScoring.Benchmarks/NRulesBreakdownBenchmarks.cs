using BenchmarkDotNet.Attributes;
using NRules;
using OpportunityScoring.Engine;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Where one NRules session per opportunity spends its time (one thread, warm, cycling over 1,024 pipeline (64 in a smoke run)
/// opportunities): creating the session, inserting the facts (the opportunity, the three policy sections, the day),
/// firing, building the assessment; the same with only some rule sets compiled. Subtract neighbouring rows for each
/// step's cost.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("Breakdown")]
public class NRulesBreakdownBenchmarks
{
    private static readonly int Mask = BenchmarkData.MixSize - 1;
    private Opportunity[] _pipeline = null!;
    private ScoringPolicy _policy = null!;
    private ISessionFactory _all = null!;
    private ISessionFactory _grading = null!;
    private ISessionFactory _gradingGates = null!;
    private OpportunityScorer _scorer = null!;
    private int _next;

    /// <summary>Compiles the factories and warms every path.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _pipeline = BenchmarkData.Pipeline(Mask + 1);
        _policy = OpportunityRules.DefaultPolicy;
        _all = OpportunityRules.RuleSets.Factory;
        _grading = RuleSets.Compile(OpportunityRules.Assembly, RuleSetNames.Grading).Factory;
        _gradingGates = RuleSets.Compile(OpportunityRules.Assembly, RuleSetNames.Grading, RuleSetNames.StageGates).Factory;
        _scorer = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete);
        long fired = 0;
        foreach (var o in _pipeline)
        {
            _ = _scorer.Score(o, BenchmarkData.AsOf);
            fired += Fire(_all, o);
        }

        Console.WriteLine($"// rules fired per opportunity (all rule sets): {fired / (double)_pipeline.Length:0.0}; rules compiled: {OpportunityRules.RuleSets.Rules.Count}");
    }

    /// <summary><c>CreateSession()</c> alone.</summary>
    /// <returns>The session.</returns>
    [Benchmark(Baseline = true)]
    public ISession CreateSession() => _all.CreateSession();

    /// <summary>Create, then insert the opportunity, the policy's sections and the assessment day (the scorecard resolves the ledgers).</summary>
    /// <returns>The session.</returns>
    [Benchmark]
    public ISession CreateInsert()
    {
        var session = _all.CreateSession();
        var o = _pipeline[_next++ & Mask];
        session.DependencyResolver = new Scorecard(o, _policy, BenchmarkData.AsOf);
        session.Insert(o);
        session.Insert(_policy.Grading);
        session.Insert(_policy.Gates);
        session.Insert(_policy.Bid);
        session.Insert(new AssessmentDate(BenchmarkData.AsOf));
        return session;
    }

    /// <summary>Create, insert, fire (every activation and its action).</summary>
    /// <returns>Rules fired.</returns>
    [Benchmark]
    public int CreateInsertFire() => Fire(_all, _pipeline[_next++ & Mask]);

    /// <summary>Create, insert, fire, build the assessment (= <c>OpportunityScorer.Score</c>).</summary>
    /// <returns>The assessment.</returns>
    [Benchmark]
    public Assessment Score() => _scorer.Score(_pipeline[_next++ & Mask], BenchmarkData.AsOf);

    /// <summary>Create, insert, fire with the grading rule set only.</summary>
    /// <returns>Rules fired.</returns>
    [Benchmark]
    public int GradingOnly() => Fire(_grading, _pipeline[_next++ & Mask]);

    /// <summary>Create, insert, fire with grading and stage gates.</summary>
    /// <returns>Rules fired.</returns>
    [Benchmark]
    public int GradingAndGates() => Fire(_gradingGates, _pipeline[_next++ & Mask]);

    private int Fire(ISessionFactory factory, Opportunity o)
    {
        var session = factory.CreateSession();
        session.DependencyResolver = new Scorecard(o, _policy, BenchmarkData.AsOf);
        session.Insert(o);
        session.Insert(_policy.Grading);
        session.Insert(_policy.Gates);
        session.Insert(_policy.Bid);
        session.Insert(new AssessmentDate(BenchmarkData.AsOf));
        return session.Fire();
    }
}
