using OpportunityScoring.Engine;
using OpportunityScoring.Engine.Flat;
using OpportunityScoring.Grading;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;
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
        var rules = RuleSets.Compile(repository.GetRuleSets(), "test");

        var scorer = new OpportunityScorer(OpportunityRules.DefaultPolicy, rules, ScoringEngine.Compiled);

        var refusal = Assert.Single(rules.Flat.Refusals);
        Assert.Contains("Test.NotRule", refusal, StringComparison.Ordinal);
        Assert.Contains("Not", refusal, StringComparison.Ordinal);
        Assert.Equal(ScoringEngine.Rete, scorer.Engine);
        Assert.Equal(rules.Flat.Refusals, scorer.FallbackReasons);
    }

    [Fact]
    public void The_compiled_engines_decisions_only_actions_skip_marked_message_builders_but_still_evaluate_their_arguments()
    {
        var flat = CompileFlat(typeof(CountedMessageRule));
        var o = Build.Strong();
        var policy = OpportunityRules.DefaultPolicy;

        CountedMessageRule.Built = CountedMessageRule.Fired = 0;
        flat.Run([o, policy.Gates], new Scorecard(o, policy, Build.AsOf).Ledgers, explanations: true);
        Assert.Equal((1, 1), (CountedMessageRule.Fired, CountedMessageRule.Built));

        flat.Run([o, policy.Gates], new Scorecard(o, policy, Build.AsOf, ScoringDetail.Decisions).Ledgers, explanations: false);
        Assert.Equal((2, 1), (CountedMessageRule.Fired, CountedMessageRule.Built)); // its argument evaluated again, the marked builder not called
    }

    [Fact]
    public void An_unmarked_helper_that_returns_a_message_is_still_called_without_explanations_so_its_effects_on_the_decisions_stay()
    {
        var flat = CompileFlat(typeof(KnockOutInMessageRule));
        var o = Build.Strong();
        var policy = OpportunityRules.DefaultPolicy;
        var full = new Scorecard(o, policy, Build.AsOf);
        var decisions = new Scorecard(o, policy, Build.AsOf, ScoringDetail.Decisions);

        flat.Run([o, policy.Gates], full.Ledgers, explanations: true);
        flat.Run([o, policy.Gates], decisions.Ledgers, explanations: false);

        Assert.Equal(["noNeed"], full.Grading.KnockOutCodes());
        Assert.Equal(full.Grading.KnockOutCodes(), decisions.Grading.KnockOutCodes());
    }

    [Fact]
    public void A_message_argument_that_fails_fails_the_rule_with_or_without_explanations()
    {
        var flat = CompileFlat(typeof(FailingMessageArgumentRule));
        var o = Build.Strong();
        var policy = OpportunityRules.DefaultPolicy;

        var full = Assert.Throws<FlatRuleException>(() => flat.Run([o, policy.Gates], new Scorecard(o, policy, Build.AsOf).Ledgers, explanations: true));
        var decisions = Assert.Throws<FlatRuleException>(() => flat.Run([o, policy.Gates], new Scorecard(o, policy, Build.AsOf, ScoringDetail.Decisions).Ledgers, explanations: false));

        Assert.Equal("Test.FailingMessageArgument", full.RuleName);
        Assert.Equal(full.RuleName, decisions.RuleName);
        Assert.IsType<DivideByZeroException>(full.InnerException);
        Assert.IsType<DivideByZeroException>(decisions.InnerException);
    }

    [Theory]
    [InlineData(typeof(NullListToMarkedBuilderRule))]
    [InlineData(typeof(NullTextToMarkedBuilderRule))]
    public void A_null_given_to_a_marked_builder_fails_the_rule_with_or_without_explanations(Type ruleType)
    {
        var flat = CompileFlat(ruleType);
        var o = Build.Strong();
        var policy = OpportunityRules.DefaultPolicy;

        var full = Assert.Throws<FlatRuleException>(() => flat.Run([o, policy.Gates], new Scorecard(o, policy, Build.AsOf).Ledgers, explanations: true));
        var decisions = Assert.Throws<FlatRuleException>(() => flat.Run([o, policy.Gates], new Scorecard(o, policy, Build.AsOf, ScoringDetail.Decisions).Ledgers, explanations: false));

        Assert.Equal(full.RuleName, decisions.RuleName);
        Assert.IsType<ArgumentNullException>(full.InnerException);
        Assert.IsType<ArgumentNullException>(decisions.InnerException);
    }

    public static TheoryData<string, Opportunity> AmountsAtTheBounds => new()
    {
        { "the largest budget over the smallest contract", Build.Strong() with { ExpectedContractAmount = OpportunityValidator.MinContractAmount, EstimatedCost = null, Budget = new BudgetEvidence { Status = BudgetStatus.WillBuy, Amount = OpportunityValidator.MaxAmount } } },
        { "the largest cost over the smallest contract", Build.Strong() with { ExpectedContractAmount = OpportunityValidator.MinContractAmount, EstimatedCost = OpportunityValidator.MaxAmount, SalesExpenseBudget = OpportunityValidator.MaxAmount, BidCost = OpportunityValidator.MaxAmount } },
        { "the largest contract against the smallest report", Build.Strong(stage: Stage.Tender) with { ExpectedContractAmount = OpportunityValidator.MaxAmount, InitiationReport = new InitiationReport { ExpectedContractAmount = OpportunityValidator.MinContractAmount, GrossMarginEstimate = -10m } } },
    };

    [Theory]
    [MemberData(nameof(AmountsAtTheBounds))]
    public void Amounts_at_the_validators_bounds_are_decided_alike_by_both_engines_with_and_without_explanations(string why, Opportunity o)
    {
        Assert.Empty(OpportunityValidator.Validate(o));

        var compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        var rete = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete);
        var expected = AssessmentDecisions.From(rete.Score(o, Build.AsOf));

        Assert.True(expected.Equals(rete.Decide(o, Build.AsOf)), why);
        Assert.True(expected.Equals(AssessmentDecisions.From(compiled.Score(o, Build.AsOf))), why);
        Assert.True(expected.Equals(compiled.Decide(o, Build.AsOf)), why);
    }

    [Theory]
    [InlineData("budget.amount")]
    [InlineData("estimatedCost")]
    [InlineData("expectedContractAmount")]
    [InlineData("initiationReport.expectedContractAmount")]
    public void An_amount_beyond_the_bounds_is_rejected_at_the_edge_naming_its_field(string field)
    {
        var o = field switch
        {
            "budget.amount" => Build.Strong() with { Budget = new BudgetEvidence { Status = BudgetStatus.WillBuy, Amount = 1e27m } },
            "estimatedCost" => Build.Strong() with { EstimatedCost = 1e19m },
            "expectedContractAmount" => Build.Strong() with { ExpectedContractAmount = 0.0000001m },
            _ => Build.Strong() with { InitiationReport = new InitiationReport { ExpectedContractAmount = 2e18m } },
        };

        var error = Assert.Single(OpportunityValidator.Validate(o), e => e.Field == field);

        Assert.Contains("check its unit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_builders_the_compiled_engine_may_skip_are_marked_and_total()
    {
        Assert.True(typeof(MessageText).GetMethod(nameof(MessageText.Of))!.IsDefined(typeof(ExplanationOnlyAttribute), false));
        Assert.True(typeof(Wording).GetMethod(nameof(Wording.PercentText))!.IsDefined(typeof(ExplanationOnlyAttribute), false));
        foreach (var fraction in new[] { decimal.MaxValue, decimal.MinValue, 1e27m, -1e27m, 0.225m })
        {
            Assert.NotNull(Wording.PercentText(fraction).ToString());
            Assert.EndsWith("%", Wording.Percent(fraction).ToString(), StringComparison.Ordinal);
        }

        Assert.Equal("22.5%", Wording.Percent(0.225m).ToString());
        Assert.Equal("none", Wording.PursuitEnders([], OpportunityRules.DefaultPolicy.Gates).ToString());
        Assert.Equal("無", Wording.PursuitEnders([], OpportunityRules.DefaultPolicy.Gates).Render(Texts.ForLanguage("zh-Hant")));
        Assert.Equal("99", ContractWords.Of((Stance)99));
    }

    private static FlatRuleSet CompileFlat(Type rule)
    {
        var repository = new NRules.Fluent.RuleRepository();
        repository.Load(x => x.From(rule));
        return RuleSets.Compile(repository.GetRuleSets(), "test").Flat.RuleSet!;
    }

    [Fact]
    public void A_run_without_explanations_refuses_a_scorecard_that_keeps_them_rather_than_fill_it_with_placeholders()
    {
        var flat = OpportunityRules.RuleSets.Flat.RuleSet!;
        var o = Build.Strong();
        var policy = OpportunityRules.DefaultPolicy;

        var e = Assert.Throws<ArgumentException>(() => flat.Run([o, policy.Grading, policy.Gates, policy.Bid, new AssessmentDate(Build.AsOf)], new Scorecard(o, policy, Build.AsOf).Ledgers, explanations: false));

        Assert.Contains("ScoringDetail.Decisions", e.Message, StringComparison.Ordinal);
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
[NRules.Fluent.Dsl.Description("Counts its firings (an argument of its message) and the messages it builds.")]
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
        AssessmentLog log = default!;
        Dependency().Resolve(() => log);
        When().Match(() => opp);
        Then().Do(ctx => log.Note(ctx.Rule.Name, null, Counted("redFlag.noCoach", Fire())));
    }

    private static int Fire() => ++Fired;

    /// <summary>Marked although it counts (a probe: the count is how the test sees whether the engine called it).</summary>
    [ExplanationOnly]
    private static MessageText Counted(string code, int firing)
    {
        Built++;
        return MessageText.Of(code, firing);
    }
}

/// <summary>A host's rule whose message helper also records a knock-out: a helper without the mark.</summary>
[NRules.Fluent.Dsl.Name("Test.KnockOutInMessage")]
[NRules.Fluent.Dsl.Description("Notes a message built by a helper that also knocks the opportunity out.")]
public sealed class KnockOutInMessageRule : NRules.Fluent.Dsl.Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        AssessmentLog log = default!;
        Dependency().Resolve(() => log);
        GradeLedger grading = default!;
        Dependency().Resolve(() => grading);
        When().Match(() => opp);
        Then().Do(ctx => log.Note(ctx.Rule.Name, null, KnockAndDescribe(grading, ctx.Rule.Name)));
    }

    private static MessageText KnockAndDescribe(GradeLedger grading, string rule)
    {
        grading.KnockOut(rule, Criterion.Need, "noNeed");
        return MessageText.Of("knockOut.noNeed");
    }
}

/// <summary>A rule whose message argument divides by zero.</summary>
[NRules.Fluent.Dsl.Name("Test.FailingMessageArgument")]
[NRules.Fluent.Dsl.Description("Notes a percentage whose computation fails.")]
public sealed class FailingMessageArgumentRule : NRules.Fluent.Dsl.Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        AssessmentLog log = default!;
        Dependency().Resolve(() => log);
        When().Match(() => opp);
        Then().Do(ctx => log.Note(ctx.Rule.Name, null, MessageText.Of("answer.percent", Wording.Percent(opp.ExpectedContractAmount / (opp.ExpectedContractAmount - opp.ExpectedContractAmount)))));
    }
}

/// <summary>A rule that gives a marked builder a null list read from a fact (the decisions-only variant checks it for null).</summary>
[NRules.Fluent.Dsl.Name("Test.NullListToMarkedBuilder")]
[NRules.Fluent.Dsl.Description("Notes the pursuit enders of a list that is null.")]
public sealed class NullListToMarkedBuilderRule : NRules.Fluent.Dsl.Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        GatePolicy policy = default!;
        AssessmentLog log = default!;
        Dependency().Resolve(() => log);
        When().Match(() => opp).Match(() => policy);
        Then().Do(ctx => log.Note(ctx.Rule.Name, null, MessageText.Of("gate.end.knockOut", Wording.PursuitEnders(Nothing(opp), policy))));
    }

    private static IReadOnlyList<string> Nothing(Opportunity o) => o.Id == string.Empty ? [] : null!;
}

/// <summary>A rule that gives a marked builder a computed text that is null (a computed string keeps the builder).</summary>
[NRules.Fluent.Dsl.Name("Test.NullTextToMarkedBuilder")]
[NRules.Fluent.Dsl.Description("Notes a literal message whose text is null.")]
public sealed class NullTextToMarkedBuilderRule : NRules.Fluent.Dsl.Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        AssessmentLog log = default!;
        Dependency().Resolve(() => log);
        When().Match(() => opp);
        Then().Do(ctx => log.Note(ctx.Rule.Name, null, MessageText.Literal(Nothing(opp))));
    }

    private static string Nothing(Opportunity o) => o.Id == string.Empty ? string.Empty : null!;
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
