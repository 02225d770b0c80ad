using OpportunityScoring.Engine;
using OpportunityScoring.Engine.Flat;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Consistency;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Properties;

/// <summary>
/// The fused engine generated as one method per run of consecutive rules (issue 26, part 2, fourth round): however the
/// rules are split between methods — every rule in one, one rule per method, or the default runs of one phase — the
/// results are the same, and a rewind to an earlier rule crosses methods as it jumps within one.
/// </summary>
public sealed class FusedMethodSplitTests
{
    private static readonly DateOnly AsOf = Build.AsOf;
    private static readonly OpportunityScorer Compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);

    private static string Json(Assessment a) => System.Text.Json.JsonSerializer.Serialize(a, ContractJson.Options);

    [Fact]
    public void The_generated_methods_split_where_the_priority_changes_and_after_the_most_rules_one_holds()
    {
        var rules = Compiled.RuleSets.Flat.RuleSet!._rules;

        var chunks = FusedGenerator.Chunks(rules, FusedGenerator.RulesPerChunk);

        Assert.Equal(0, chunks[0].First);
        Assert.Equal(rules.Length, chunks[^1].End);
        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.First));
        Assert.All(chunks, c => Assert.InRange(c.End - c.First, 1, FusedGenerator.RulesPerChunk));
        Assert.All(chunks, c => Assert.Single(rules[c.First..c.End].Select(r => r.Definition.Priority).Distinct()));
        // a run of one priority ends where the next group (rules named alike) would not fit, or when full
        Assert.All(chunks.Zip(chunks.Skip(1)), pair => Assert.True(
            rules[pair.First.First].Definition.Priority != rules[pair.Second.First].Definition.Priority
            || pair.First.End - pair.First.First == FusedGenerator.RulesPerChunk
            || (Group(rules[pair.First.End - 1]) != Group(rules[pair.Second.First])
                && pair.First.End - pair.First.First + rules.Skip(pair.Second.First).TakeWhile(r => Group(r) == Group(rules[pair.Second.First])).Count() > FusedGenerator.RulesPerChunk)));
        Assert.Single(chunks, c => rules[c.First..c.End].Any(r => Group(r) == "Grading.DecisionChain"));
        Assert.Equal([(0, rules.Length)], FusedGenerator.Chunks(rules, 0));
        Assert.Equal(rules.Length, FusedGenerator.Chunks(rules, 1).Count);
    }

    private static string Group(FlatRule rule) => string.Join('.', rule.Definition.Name.Split('.').Take(2));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(FusedGenerator.RulesPerChunk)]
    public void However_the_rules_are_split_between_methods_the_fused_engine_gives_the_flat_engines_assessments_and_decisions(int rulesPerMethod)
    {
        var policy = OpportunityRules.DefaultPolicy;
        var fused = FusedRuleSet.Compile(Compiled.RuleSets.Flat.RuleSet!, [policy.Grading, policy.Gates, policy.Bid],
            [typeof(Opportunity), typeof(AssessmentDate)], rulesPerMethod);
        var failures = new List<string>();
        foreach (var o in new PipelineGenerator(11, AsOf).Generate(300).Concat(ReferenceDifferentialTests.EdgeCases()))
        {
            var full = new Scorecard(o, policy, AsOf, ScoringDetail.Full);
            fused.Run([o, policy.Grading, policy.Gates, policy.Bid, new AssessmentDate(AsOf)], full.Ledgers, explanations: true);
            var decided = new Scorecard(o, policy, AsOf, ScoringDetail.Decisions);
            fused.Run([o, policy.Grading, policy.Gates, policy.Bid, new AssessmentDate(AsOf)], decided.Ledgers, explanations: false);
            if (Json(full.ToAssessment()) != Json(Compiled.Score(o, AsOf)) || !decided.ToDecisions().Equals(Compiled.Decide(o, AsOf)))
            {
                failures.Add(o.Id);
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void An_action_inserting_a_fact_an_earlier_rule_reads_fires_that_rule_next_within_a_method_or_across_methods(int rulesPerMethod)
    {
        var repository = new NRules.Fluent.RuleRepository();
        repository.Load(x => x.From(typeof(MarkerReaderRule), typeof(MarkerInserterRule), typeof(LastRule)));
        var flat = FlatRuleSet.Compile(repository.GetRuleSets().SelectMany(s => s.Rules)).RuleSet!;
        var fused = FusedRuleSet.Compile(flat, [OpportunityRules.DefaultPolicy.Grading], [typeof(Opportunity), typeof(AssessmentDate)], rulesPerMethod);
        var fired = new List<string>();

        fused.Run([Build.Strong(), OpportunityRules.DefaultPolicy.Grading, new AssessmentDate(AsOf)], [fired], explanations: true);

        Assert.Equal(["Test.MarkerInserter", "Test.MarkerReader", "Test.Last"], fired);
    }
}
