using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Policy;

/// <summary>docs/policy.md cannot fall behind the default policy.</summary>
public sealed class PolicyDocumentationTests
{
    [Fact]
    public void The_documented_sha256_is_the_default_policys()
    {
        var doc = File.ReadAllText(Repo.Path("docs", "policy.md"));

        Assert.Contains(OpportunityRules.DefaultPolicy.Stamp.Sha256, doc, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_validation_code_the_validator_emits_is_documented()
    {
        var doc = File.ReadAllText(Repo.Path("docs", "policy.md"));
        var source = File.ReadAllText(Repo.Path("src", "OpportunityScoring", "Policy", "PolicyValidator.cs"));
        var codes = System.Text.RegularExpressions.Regex.Matches(source, "Add\\(\"([a-zA-Z]+)\"").Select(m => m.Groups[1].Value).Distinct();

        Assert.All(codes, code => Assert.Contains(code, doc, StringComparison.Ordinal));
    }
}
