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
        // The policy's own checks and each slice's check of its section (Grading, StageGates, BidDecision).
        var sources = Directory.GetFiles(Repo.Path("src", "OpportunityScoring"), "*.cs", SearchOption.AllDirectories)
            .Where(f => f.EndsWith("PolicyCheck.cs", StringComparison.Ordinal) || f.Contains("PolicyCheck.", StringComparison.Ordinal) || f.EndsWith("PolicyValidator.cs", StringComparison.Ordinal))
            .Select(File.ReadAllText);
        var codes = sources.SelectMany(source => System.Text.RegularExpressions.Regex.Matches(source, "(?:Add|new PolicyIssue)\\(\"([a-zA-Z]+)\"").Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.True(codes.Count > 60, $"the scan found only {codes.Count} codes: the checks' call shape changed, so this test would pass on nothing");
        Assert.All(codes, code => Assert.Contains(code, doc, StringComparison.Ordinal));
    }
}
