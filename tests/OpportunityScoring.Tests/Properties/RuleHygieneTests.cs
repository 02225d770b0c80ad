using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Properties;

/// <summary>Every rule says what it is: a unique name, a description, the tag of its rule set; and the compiled engine takes them all.</summary>
public sealed class RuleHygieneTests
{
    private static readonly IReadOnlyList<NRules.RuleModel.IRuleDefinition> Rules = OpportunityRules.RuleSets.Rules;

    [Fact]
    public void Every_rule_has_a_name_a_description_and_exactly_one_rule_set_tag()
    {
        Assert.NotEmpty(Rules);
        Assert.All(Rules, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Name));
            Assert.False(string.IsNullOrWhiteSpace(r.Description), $"{r.Name} has no description");
            Assert.Single(r.Tags, t => RuleSetNames.All.Contains(t));
        });
    }

    [Fact]
    public void No_two_rules_share_a_name()
    {
        var duplicates = Rules.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_rule_name_starts_with_its_rule_set()
    {
        var prefixes = new Dictionary<string, string> { [RuleSetNames.Grading] = "Grading.", [RuleSetNames.StageGates] = "Gate.", [RuleSetNames.BidDecision] = "Bid." };

        Assert.All(Rules, r => Assert.StartsWith(prefixes[r.Tags.Single(t => RuleSetNames.All.Contains(t))], r.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void The_compiled_engine_accepts_every_shipped_rule()
    {
        var flat = OpportunityRules.RuleSets.Flat;

        Assert.Empty(flat.Refusals);
        Assert.Equal(Rules.Count, flat.RuleSet!.Count);
    }

    [Fact]
    public void The_compiled_engine_refuses_a_rule_outside_its_shapes_naming_it_and_the_scorer_falls_back_to_rete()
    {
        var repository = new NRules.Fluent.RuleRepository();
        repository.Load(x => x.From(typeof(NotRule)));
        var rules = CompiledRuleSets.Compile(repository.GetRuleSets(), "test");

        var scorer = new OpportunityScorer(OpportunityRules.DefaultPolicy, rules, ScoringEngine.Compiled);

        var refusal = Assert.Single(rules.Flat.Refusals);
        Assert.Contains("Test.NotRule", refusal, StringComparison.Ordinal);
        Assert.Contains("Not", refusal, StringComparison.Ordinal);
        Assert.Equal(ScoringEngine.Rete, scorer.Engine);
        Assert.Equal(rules.Flat.Refusals, scorer.FallbackReasons);
    }

    [Fact]
    public void The_compiled_engines_decisions_only_actions_build_no_message_while_full_actions_build_each_one()
    {
        var repository = new NRules.Fluent.RuleRepository();
        repository.Load(x => x.From(typeof(CountedMessageRule)));
        var flat = CompiledRuleSets.Compile(repository.GetRuleSets(), "test").Flat.RuleSet!;
        var o = Build.Strong();
        var policy = OpportunityRules.DefaultPolicy;

        CountedMessageRule.Built = CountedMessageRule.Fired = 0;
        flat.Run([o, policy], [new Scorecard(o, policy, Build.AsOf)], explanations: true);
        Assert.Equal((1, 1), (CountedMessageRule.Fired, CountedMessageRule.Built));

        flat.Run([o, policy], [new Scorecard(o, policy, Build.AsOf, ScoringDetail.Decisions)], explanations: false);
        Assert.Equal((2, 1), (CountedMessageRule.Fired, CountedMessageRule.Built)); // fired again, without building its message
    }

    [Fact]
    public void The_compiled_engine_refuses_a_placeholder_that_is_not_of_its_explanation_only_type()
    {
        var e = Assert.Throws<ArgumentException>(() => FlatRuleSet.Compile([], new Dictionary<Type, object> { [typeof(MessageText)] = "text" }));
        Assert.Contains("MessageText", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>A rule whose firings and messages are counted.</summary>
[NRules.Fluent.Dsl.Name("Test.CountedMessage")]
[NRules.Fluent.Dsl.Description("Counts its firings and the messages it builds.")]
public sealed class CountedMessageRule : NRules.Fluent.Dsl.Rule
{
    /// <summary>How many messages the rule has built.</summary>
    public static int Built { get; set; }

    /// <summary>How many times the rule has fired.</summary>
    public static int Fired { get; set; }

    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When().Match(() => opp);
        Then().Do(ctx => Fire(card, Count(MessageText.Of("redFlag.noCoach"))));
    }

    private static void Fire(Scorecard card, MessageText message) => Fired += card is not null && message is not null ? 1 : 0;

    private static MessageText Count(MessageText message)
    {
        Built++;
        return message;
    }
}

/// <summary>A rule with a negated pattern: outside the flat engine's shapes.</summary>
[NRules.Fluent.Dsl.Name("Test.NotRule")]
[NRules.Fluent.Dsl.Description("Fires when no total exists (a Not element).")]
public sealed class NotRule : NRules.Fluent.Dsl.Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp).Not<TotalScore>();
        Then().Do(ctx => ctx.Halt());
    }
}
