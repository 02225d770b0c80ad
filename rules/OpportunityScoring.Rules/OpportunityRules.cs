using System.Reflection;
using OpportunityScoring.Engine;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Rules;

/// <summary>
/// The entry point to the shipped rule sets: the rules compiled once per process, the embedded default policy,
/// and a scorer over both.
/// </summary>
public static class OpportunityRules
{
    private static readonly Lazy<RuleSets> Compiled = new(() => RuleSets.Compile(Assembly, [.. RuleSetNames.All]));
    private static readonly Lazy<RuleSets> CompiledAccounts = new(() => RuleSets.Compile(Assembly, [.. RuleSetNames.AccountSets]));

    /// <summary>The service-target rules alone, from the account rule sets' definitions (no second load of the assembly): what the implementation gate reads.</summary>
    private static readonly Lazy<RuleSets> CompiledServiceTargets = new(() =>
    {
        var set = new NRules.RuleModel.RuleSet(RuleSetNames.ServiceTargets);
        set.Add(CompiledAccounts.Value.Rules.Where(r => r.Tags.Contains(RuleSetNames.ServiceTargets)));
        return RuleSets.Compile([set], CompiledAccounts.Value.Version);
    });
    private static readonly Lazy<ScoringPolicy> Default = new(() => PolicyLoader.Parse(DefaultPolicyJson, "default-policy.json"));

    /// <summary>The assembly holding the rule classes.</summary>
    internal static Assembly Assembly => typeof(OpportunityRules).Assembly;

    /// <summary>Every shipped rule set, compiled once (thread safe, shared).</summary>
    internal static RuleSets RuleSets => Compiled.Value;

    /// <summary>The default policy, embedded in this assembly (<c>rules/default-policy.json</c>).</summary>
    public static ScoringPolicy DefaultPolicy => Default.Value;

    /// <summary>The default policy's JSON text.</summary>
    public static string DefaultPolicyJson
    {
        get
        {
            using var stream = Assembly.GetManifestResourceStream("OpportunityScoring.Rules.default-policy.json")
                ?? throw new InvalidOperationException("The default policy is not embedded in the rules assembly.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>A scorer over the shipped rule sets.</summary>
    /// <param name="policy">The policy; the default when <see langword="null"/>.</param>
    /// <param name="engine">The engine: compiled (the default, where the rule sets allow it) or Rete sessions.</param>
    /// <returns>The scorer (thread safe).</returns>
    public static OpportunityScorer CreateScorer(ScoringPolicy? policy = null, ScoringEngine engine = ScoringEngine.Compiled) =>
        new(policy ?? DefaultPolicy, RuleSets, engine);

    /// <summary>
    /// Creates the grader of key accounts (大客戶): the account and service-target rule sets under the policy's
    /// <c>accounts</c> section, for a batch that tallies the accounts' opportunities as they stream (<c>AccountBook</c>).
    /// </summary>
    /// <param name="policy">The policy; the embedded default when <see langword="null"/>. A policy without an <c>accounts</c> section grades accounts under the default's.</param>
    /// <returns>The grader (thread safe).</returns>
    public static AccountScorer CreateAccountScorer(ScoringPolicy? policy = null)
    {
        policy ??= DefaultPolicy;
        return new(policy, policy.Accounts ?? DefaultPolicy.Accounts!, CompiledAccounts.Value, CompiledServiceTargets.Value);
    }
}
