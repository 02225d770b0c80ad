using System.Text.RegularExpressions;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Grading;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Policy;

/// <summary>Finds every problem with a policy, each with a stable code, a path and what to fix: the document's own fields, then each slice's section.</summary>
internal sealed partial class PolicyValidator(ScoringPolicy policy)
{
    public List<PolicyIssue> Run()
    {
        var issues = new List<PolicyIssue>();
        if (string.IsNullOrWhiteSpace(policy.Name))
        {
            issues.Add(new PolicyIssue("nameMissing", "name", "give the policy a name"));
        }

        if (policy.Version is null || !SemVer().IsMatch(policy.Version))
        {
            issues.Add(new PolicyIssue("versionFormat", "version", $"'{policy.Version}' is not a semantic version; write major.minor.patch, e.g. 1.2.0"));
        }

        var grading = new GradingPolicyCheck(new GradingPolicyCheck.Section(policy.Criteria, policy.Scales, policy.BudgetCoverage, policy.MarginCredit,
            policy.GradeBands, policy.KnockOuts, policy.RoleWeights, policy.InfluenceWeights, policy.WinProbability), issues);
        grading.Run();
        new GatePolicyCheck(policy.Gates, policy.KnockOuts?.Where(k => k is not null).Select(k => k.Code).ToList(), issues).Run();
        grading.RunDerived();
        new BidPolicyCheck(policy.Bid, issues).Run();
        if (policy.Accounts is not null)
        {
            new Accounts.AccountPolicyCheck(policy.Accounts, issues).Run();
        }
        return issues;
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();
}
