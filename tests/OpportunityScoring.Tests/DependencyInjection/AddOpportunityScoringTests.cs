using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpportunityScoring.DependencyInjection;
using OpportunityScoring.Engine;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.DependencyInjection;

public sealed class AddOpportunityScoringTests
{
    [Fact]
    public void The_scorer_the_policy_and_the_compiled_rules_are_singletons()
    {
        using var sp = new ServiceCollection().AddOpportunityScoring().BuildServiceProvider();

        var scorer = sp.GetRequiredService<IOpportunityScorer>();

        Assert.Same(scorer, sp.GetRequiredService<IOpportunityScorer>());
        Assert.Same(OpportunityRules.RuleSets, ((OpportunityScorer)scorer).RuleSets); // the rule sets compiled once per process
        Assert.Same(OpportunityRules.DefaultPolicy, sp.GetRequiredService<ScoringPolicy>());
        Assert.Equal(Grade.A, scorer.Score(TestAssets.Build.Strong(), TestAssets.Build.AsOf).Grade);
    }

    [Fact]
    public void A_policy_file_is_bound_from_configuration()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, OpportunityRules.DefaultPolicyJson.Replace("\"version\": \"1.2.0\"", "\"version\": \"1.3.0\"", StringComparison.Ordinal));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpportunityScoring:PolicyFile"] = file }).Build();

        using var sp = new ServiceCollection().AddOpportunityScoring(config.GetSection(OpportunityScoringOptions.SectionName)).BuildServiceProvider();

        Assert.Equal("1.3.0", sp.GetRequiredService<IOpportunityScorer>().Policy.Stamp.Version);
    }

    [Fact]
    public async Task An_invalid_policy_fails_at_start_up_with_what_to_fix()
    {
        var bad = OpportunityRules.DefaultPolicyJson.Replace("\"weight\": 20,", "\"weight\": 10,", StringComparison.Ordinal);
        using var sp = new ServiceCollection().AddOpportunityScoring(o => o.PolicyJson = bad).BuildServiceProvider();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => sp.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.Contains(e.Failures, f => f.Contains("weightsSum", StringComparison.Ordinal) && f.Contains("sum to 80", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_policy_sources_at_once_are_refused()
    {
        using var sp = new ServiceCollection().AddOpportunityScoring(o => { o.PolicyJson = OpportunityRules.DefaultPolicyJson; o.PolicyFile = "x.json"; }).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOpportunityScorer>());

        Assert.Contains("only one", e.Message, StringComparison.Ordinal);
    }

    private static IConfiguration InlinePolicy(string policyJson, params (string Key, string Value)[] overrides)
    {
        var appsettings = "{ \"OpportunityScoring\": { \"Policy\": " + policyJson + " } }";
        return new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(appsettings)))
            .AddInMemoryCollection(overrides.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value)))
            .Build();
    }

    [Fact]
    public void A_policy_inline_in_appsettings_is_read_as_the_same_policy_file_would_be()
    {
        var config = InlinePolicy(OpportunityRules.DefaultPolicyJson);

        using var sp = new ServiceCollection().AddOpportunityScoring(config.GetSection(OpportunityScoringOptions.SectionName)).BuildServiceProvider();

        var stamp = sp.GetRequiredService<ScoringPolicy>().Stamp;
        Assert.Equal(OpportunityRules.DefaultPolicy.Stamp, stamp);   // same name, version and SHA-256 as the file
        Assert.Equal(Grade.A, sp.GetRequiredService<IOpportunityScorer>().Score(TestAssets.Build.Strong(), TestAssets.Build.AsOf).Grade);
    }

    [Fact]
    public void An_inline_policy_key_overridden_elsewhere_keeps_its_type()
    {
        // An environment variable OpportunityScoring__Policy__name=2027 arrives as the text "2027": the name stays a
        // string, and a weight given as text is still a number.
        var moved = OpportunityRules.DefaultPolicyJson
            .Replace("\"need\":          { \"weight\": 20", "\"need\":          { \"weight\": 25", StringComparison.Ordinal)
            .Replace("\"budget\":        { \"weight\": 15", "\"budget\":        { \"weight\": 10", StringComparison.Ordinal);
        var config = InlinePolicy(moved, ("OpportunityScoring:Policy:name", "2027"), ("OpportunityScoring:Policy:criteria:need:weight", "20"), ("OpportunityScoring:Policy:criteria:budget:weight", "15"));

        using var sp = new ServiceCollection().AddOpportunityScoring(config.GetSection(OpportunityScoringOptions.SectionName)).BuildServiceProvider();

        var policy = sp.GetRequiredService<ScoringPolicy>();
        Assert.Equal("2027", policy.Name);
        Assert.Equal(20m, policy.Grading.Weight(Criterion.Need));
    }

    [Fact]
    public async Task A_misspelt_key_in_an_inline_policy_fails_at_start_up()
    {
        var config = InlinePolicy(OpportunityRules.DefaultPolicyJson, ("OpportunityScoring:Policy:gradeBandz:0:min", "80"));
        using var sp = new ServiceCollection().AddOpportunityScoring(config.GetSection(OpportunityScoringOptions.SectionName)).BuildServiceProvider();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => sp.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.Contains(e.Failures, f => f.Contains("gradeBandz", StringComparison.Ordinal));
    }

    [Fact]
    public void An_inline_policy_and_a_policy_file_at_once_are_refused()
    {
        var config = InlinePolicy(OpportunityRules.DefaultPolicyJson, ("OpportunityScoring:PolicyFile", "x.json"));
        using var sp = new ServiceCollection().AddOpportunityScoring(config.GetSection(OpportunityScoringOptions.SectionName)).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOpportunityScorer>());

        Assert.Contains("only one", e.Message, StringComparison.Ordinal);
    }
}
