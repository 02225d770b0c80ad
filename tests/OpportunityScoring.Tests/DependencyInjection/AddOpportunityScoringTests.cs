using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
        Assert.Same(OpportunityRules.RuleSets, sp.GetRequiredService<CompiledRuleSets>());
        Assert.Same(OpportunityRules.DefaultPolicy, sp.GetRequiredService<ScoringPolicy>());
        Assert.Equal(Grade.A, scorer.Score(TestAssets.Build.Strong(), TestAssets.Build.AsOf).Grade);
    }

    [Fact]
    public void A_policy_file_is_bound_from_configuration()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, OpportunityRules.DefaultPolicyJson.Replace("\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"", StringComparison.Ordinal));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpportunityScoring:PolicyFile"] = file }).Build();

        using var sp = new ServiceCollection().AddOpportunityScoring(config.GetSection(OpportunityScoringOptions.SectionName)).BuildServiceProvider();

        Assert.Equal("1.1.0", sp.GetRequiredService<IOpportunityScorer>().Policy.Stamp.Version);
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
}
