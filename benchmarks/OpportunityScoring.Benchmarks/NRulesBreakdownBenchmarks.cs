using BenchmarkDotNet.Attributes;
using NRules;
using OpportunityScoring.Benchmarks.Prototype;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

/// <summary>
/// Where one NRules session per opportunity spends its time (one thread, warm, cycling over 1,024 pipeline (64 in a smoke run)
/// opportunities): creating the session, inserting the three facts, firing, building the assessment; the same with
/// only some rule sets compiled; and the prototype rule shapes of <see cref="PointsRuleShapes"/> (20 points items as
/// joined rules, as alpha-only rules, as one table rule). Subtract neighbouring rows for each step's cost.
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
    private ISessionFactory _join = null!;
    private ISessionFactory _alpha = null!;
    private ISessionFactory _table = null!;
    private OpportunityScorer _scorer = null!;
    private int _next;

    /// <summary>Compiles the factories and warms every path.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _pipeline = BenchmarkData.Pipeline(Mask + 1);
        _policy = OpportunityRules.DefaultPolicy;
        _all = OpportunityRules.RuleSets.Factory;
        _grading = CompiledRuleSets.Compile(OpportunityRules.Assembly, RuleSetNames.Grading).Factory;
        _gradingGates = CompiledRuleSets.Compile(OpportunityRules.Assembly, RuleSetNames.Grading, RuleSetNames.StageGates).Factory;
        var prototypes = typeof(PrototypeRuleSets).Assembly;
        _join = CompiledRuleSets.Compile(prototypes, PrototypeRuleSets.Join).Factory;
        _alpha = CompiledRuleSets.Compile(prototypes, PrototypeRuleSets.Alpha).Factory;
        _table = CompiledRuleSets.Compile(prototypes, PrototypeRuleSets.Table).Factory;
        _scorer = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete);
        long fired = 0;
        foreach (var o in _pipeline)
        {
            _ = _scorer.Score(o, BenchmarkData.AsOf);
            fired += Fire(_all, o);
            CheckPrototypes(o);
        }

        Console.WriteLine($"// rules fired per opportunity (all rule sets): {fired / (double)_pipeline.Length:0.0}; rules compiled: {OpportunityRules.RuleSets.Rules.Count}");
    }

    /// <summary><c>CreateSession()</c> alone.</summary>
    /// <returns>The session.</returns>
    [Benchmark(Baseline = true)]
    public ISession CreateSession() => _all.CreateSession();

    /// <summary>Create, then insert the opportunity, the policy and the assessment day (the scorecard is the rules' dependency).</summary>
    /// <returns>The session.</returns>
    [Benchmark]
    public ISession CreateInsert()
    {
        var session = _all.CreateSession();
        var o = _pipeline[_next++ & Mask];
        session.DependencyResolver = new Scorecard(o, _policy, BenchmarkData.AsOf);
        session.Insert(o);
        session.Insert(_policy);
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

    /// <summary>Prototype: 20 points rules, each joining opportunity × policy × scorecard (today's shape).</summary>
    /// <returns>Rules fired.</returns>
    [Benchmark]
    public int PointsAsJoinedRules() => Fire(_join, _pipeline[_next++ & Mask]);

    /// <summary>Prototype: the same 20 rules matching only the scorecard (alpha nodes, no joins), one fact inserted.</summary>
    /// <returns>Rules fired.</returns>
    [Benchmark]
    public int PointsAsAlphaRules() => FireCardOnly(_alpha, _pipeline[_next++ & Mask]);

    /// <summary>Prototype: one rule adding all 20 items (one activation), one fact inserted.</summary>
    /// <returns>Rules fired.</returns>
    [Benchmark]
    public int PointsAsOneTableRule() => FireCardOnly(_table, _pipeline[_next++ & Mask]);

    private int Fire(ISessionFactory factory, Opportunity o)
    {
        var session = factory.CreateSession();
        session.DependencyResolver = new Scorecard(o, _policy, BenchmarkData.AsOf);
        session.Insert(o);
        session.Insert(_policy);
        session.Insert(new AssessmentDate(BenchmarkData.AsOf));
        return session.Fire();
    }

    private int FireCardOnly(ISessionFactory factory, Opportunity o)
    {
        var session = factory.CreateSession();
        session.Insert(new Scorecard(o, _policy, BenchmarkData.AsOf));
        return session.Fire();
    }

    /// <summary>The three prototype shapes must add the same points.</summary>
    private void CheckPrototypes(Opportunity o)
    {
        decimal Points(ISessionFactory factory, bool cardOnly)
        {
            var session = factory.CreateSession();
            var card = new Scorecard(o, _policy, BenchmarkData.AsOf);
            if (!cardOnly)
            {
                session.Insert(o);
                session.Insert(_policy);
            }

            session.Insert(card);
            session.Fire();
            return card.Score;
        }

        var join = Points(_join, false);
        if (join != Points(_alpha, true) || join != Points(_table, true))
        {
            throw new InvalidOperationException($"The prototype rule shapes disagree on {o.Id}.");
        }
    }
}
