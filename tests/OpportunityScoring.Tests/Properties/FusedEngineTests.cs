using NRules.Fluent.Dsl;
using OpportunityScoring.Engine;
using OpportunityScoring.Engine.Flat;
using OpportunityScoring.Grading;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Consistency;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Properties;

/// <summary>
/// The fused engine (issue 26, part 2): the flat evaluator's rule definitions generated into one method per policy.
/// It must give byte-identical results to the flat engine and to Rete sessions, name the rules it cannot inline, keep
/// the flat engine's firing order when an action inserts a fact an earlier rule reads, and compile once per policy.
/// </summary>
public sealed class FusedEngineTests
{
    private static readonly DateOnly AsOf = Build.AsOf;
    private static readonly OpportunityScorer Fused = OpportunityRules.CreateScorer(engine: ScoringEngine.Fused);
    private static readonly OpportunityScorer Compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
    private static readonly OpportunityScorer Rete = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete);

    private static string Json(Assessment a) => System.Text.Json.JsonSerializer.Serialize(a, ContractJson.Options);

    [Fact]
    public void The_fused_engine_is_used_for_the_shipped_rules_and_inlines_every_one_of_them()
    {
        Assert.Equal(ScoringEngine.Fused, Fused.Engine);
        Assert.Empty(Fused.FallbackReasons);
        Assert.Empty(Fused.FusedFallbacks);
    }

    [Theory]
    [InlineData(3, 1_500)]
    [InlineData(20270110, 1_500)]
    public void The_fused_engine_gives_byte_identical_assessments_and_decisions_to_the_flat_engine_and_rete_sessions(int seed, int count)
    {
        var opportunities = new PipelineGenerator(seed, AsOf).Generate(count).Concat(ReferenceDifferentialTests.EdgeCases()).ToList();
        var failures = new List<string>();
        foreach (var o in opportunities)
        {
            var fused = Json(Fused.Score(o, AsOf));
            if (fused != Json(Compiled.Score(o, AsOf)) || fused != Json(Rete.Score(o, AsOf)))
            {
                failures.Add($"{o.Id}: assessments differ");
            }

            var decisions = Fused.Decide(o, AsOf);
            if (!decisions.Equals(Compiled.Decide(o, AsOf)) || !decisions.Equals(AssessmentDecisions.From(Rete.Score(o, AsOf))))
            {
                failures.Add($"{o.Id}: decisions differ");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Theory]
    [InlineData("strict")]
    [InlineData("lenient")]
    [InlineData("calibrated")]
    public void Under_other_policies_the_fused_engine_gives_byte_identical_assessments_to_rete_sessions(string variant)
    {
        var policy = ReferenceDifferentialTests.Variant(variant);
        var fused = OpportunityRules.CreateScorer(policy, ScoringEngine.Fused);
        var rete = OpportunityRules.CreateScorer(policy, ScoringEngine.Rete);
        var failures = ReferenceDifferentialTests.EdgeCases().Concat(new PipelineGenerator(5, AsOf).Generate(400))
            .Where(o => Json(fused.Score(o, AsOf)) != Json(rete.Score(o, AsOf)) || !fused.Decide(o, AsOf).Equals(rete.Decide(o, AsOf)))
            .Select(o => o.Id).ToList();

        Assert.Empty(failures);
    }

    [Fact]
    public void A_policy_is_fused_once_per_content_and_a_different_policy_gets_a_method_of_its_own()
    {
        var rules = OpportunityRules.RuleSets;
        var again = PolicyLoader.Parse(OpportunityRules.DefaultPolicyJson);
        var strict = ReferenceDifferentialTests.Variant("strict");

        Assert.NotSame(OpportunityRules.DefaultPolicy, again);
        Assert.Same(rules.Fused(OpportunityRules.DefaultPolicy), rules.Fused(again));
        Assert.NotSame(rules.Fused(OpportunityRules.DefaultPolicy), rules.Fused(strict));
    }

    [Fact]
    public void A_rule_with_an_opaque_delegate_falls_back_to_the_flat_delegates_is_named_and_still_fires()
    {
        var (flat, fused) = Compile(typeof(OpaqueDelegateRule), typeof(RecordingRule));

        var why = Assert.Single(fused.FellBack);
        Assert.Contains("Test.OpaqueDelegate", why, StringComparison.Ordinal);
        Assert.Equal(Fire(flat.Run, Build.Strong()), Fire(fused.Run, Build.Strong()));
        Assert.Equal(["Test.OpaqueDelegate", "Test.Recording"], Fire(fused.Run, Build.Strong()));
    }

    [Fact]
    public void An_action_inserting_a_fact_an_earlier_rule_reads_fires_that_rule_next_as_the_flat_engine_does()
    {
        var (flat, fused) = Compile(typeof(MarkerReaderRule), typeof(MarkerInserterRule), typeof(LastRule));

        var expected = Fire(flat.Run, Build.Strong());

        Assert.Equal(["Test.MarkerInserter", "Test.MarkerReader", "Test.Last"], expected);
        Assert.Equal(expected, Fire(fused.Run, Build.Strong()));
    }

    [Fact]
    public void A_condition_on_the_policy_alone_is_decided_once_when_fused_and_a_rule_it_rules_out_is_named()
    {
        var (flat, fused) = Compile(typeof(UnknownKnockOutRule), typeof(KnownKnockOutRule));

        Assert.Equal(["Test.UnknownKnockOut"], fused.NeverMatch);
        Assert.Equal(["Test.KnownKnockOut"], Fire(fused.Run, Build.Strong()));
        Assert.Equal(Fire(flat.Run, Build.Strong()), Fire(fused.Run, Build.Strong()));
    }

    [Fact]
    public void A_failing_action_names_its_rule_in_the_fused_engine_as_in_the_flat_one()
    {
        var (flat, fused) = Compile(typeof(FailingActionRule));

        var a = Assert.Throws<FlatRuleException>(() => Fire(flat.Run, Build.Strong()));
        var b = Assert.Throws<FlatRuleException>(() => Fire(fused.Run, Build.Strong()));

        Assert.Equal(("Test.FailingAction", false), (b.RuleName, b.InCondition));
        Assert.Equal((a.RuleName, a.InCondition), (b.RuleName, b.InCondition));
        Assert.IsType<DivideByZeroException>(b.InnerException);
    }

    private delegate void Runner(ReadOnlySpan<object> facts, ReadOnlySpan<object> dependencies, bool explanations);

    private static List<string> Fire(Runner run, Opportunity o)
    {
        var fired = new List<string>();
        var policy = OpportunityRules.DefaultPolicy;
        run([o, policy.Grading, new AssessmentDate(AsOf)], [fired], explanations: true);
        return fired;
    }

    private static (FlatRuleSet Flat, FusedRuleSet Fused) Compile(params Type[] rules)
    {
        var repository = new NRules.Fluent.RuleRepository();
        repository.Load(x => x.From(rules));
        var flat = FlatRuleSet.Compile(repository.GetRuleSets().SelectMany(s => s.Rules)).RuleSet!;
        return (flat, FusedRuleSet.Compile(flat, [OpportunityRules.DefaultPolicy.Grading], [typeof(Opportunity), typeof(AssessmentDate)]));
    }
}

/// <summary>A fact a test rule inserts for another.</summary>
/// <param name="By">The rule that inserted it.</param>
public sealed record Marker(string By);

/// <summary>Records its own name in the run's list.</summary>
internal static class Recorder
{
    public static void Fired(NRules.RuleModel.IContext ctx) => ((List<string>)ctx.Resolve(typeof(List<string>))).Add(ctx.Rule.Name);
}

[Name("Test.OpaqueDelegate"), Priority(10)]
public sealed class OpaqueDelegateRule : Rule
{
    public static readonly Func<Opportunity, bool> IsSized = o => o.ExpectedContractAmount > 0;

    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => IsSized(o));
        Then().Do(ctx => Recorder.Fired(ctx)).Do(ctx => ctx.Insert(new Marker("opaque")));
    }
}

[Name("Test.Recording"), Priority(5)]
public sealed class RecordingRule : Rule
{
    public override void Define()
    {
        Marker marker = default!;
        When().Match(() => marker);
        Then().Do(ctx => Recorder.Fired(ctx));
    }
}

[Name("Test.MarkerReader"), Priority(20)]
public sealed class MarkerReaderRule : Rule
{
    public override void Define()
    {
        Marker marker = default!;
        When().Match(() => marker, m => m.By == "inserter");
        Then().Do(ctx => Recorder.Fired(ctx));
    }
}

[Name("Test.MarkerInserter"), Priority(10)]
public sealed class MarkerInserterRule : Rule
{
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => Recorder.Fired(ctx)).Do(ctx => ctx.Insert(new Marker("inserter")));
    }
}

[Name("Test.Last"), Priority(1)]
public sealed class LastRule : Rule
{
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => Recorder.Fired(ctx));
    }
}

[Name("Test.UnknownKnockOut")]
public sealed class UnknownKnockOutRule : Rule
{
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => policy, p => p.KnockOut("noSuchKnockOut") != null).Match(() => opp);
        Then().Do(ctx => Recorder.Fired(ctx));
    }
}

[Name("Test.KnownKnockOut")]
public sealed class KnownKnockOutRule : Rule
{
    public override void Define()
    {
        Opportunity opp = default!;
        GradingPolicy policy = default!;
        When().Match(() => policy, p => p.KnockOut(GradingCodes.NoNeed) != null).Match(() => opp);
        Then().Do(ctx => Recorder.Fired(ctx));
    }
}

[Name("Test.FailingAction")]
public sealed class FailingActionRule : Rule
{
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp);
        Then().Do(ctx => ctx.Insert(new Marker((1 / (opp.Id.Length - opp.Id.Length)).ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
