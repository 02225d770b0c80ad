using NRules;
using NRules.Fluent;
using NRules.RuleModel;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Engine.Flat;
using OpportunityScoring.Grading;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Engine;

/// <summary>
/// Rule sets compiled once into a shared NRules <see cref="ISessionFactory"/> (thread safe). One instance per
/// rule-set version serves every policy: thresholds live in the policy fact, so a policy change needs no recompile.
/// </summary>
internal sealed class RuleSets
{
    private readonly Lazy<FlatCompilation> _flat;
    private readonly Lazy<ISessionFactory> _factory;

    private RuleSets(Lazy<ISessionFactory> factory, IReadOnlyList<IRuleDefinition> rules, string version)
    {
        _factory = factory;
        Rules = rules;
        Version = version;
        _flat = new Lazy<FlatCompilation>(() => FlatRuleSet.Compile(rules, ExplanationOnly, ReasonNames)); // compiled on first use: after the names are declared
    }

    /// <summary>
    /// The values rules build only to explain: a ledger that keeps only the decisions drops every message and factor
    /// value it is given, so the compiled engine's decisions-only actions do not build them.
    /// </summary>
    private static readonly Dictionary<Type, object> ExplanationOnly = new()
    {
        [typeof(MessageText)] = MessageText.Omitted,
        [typeof(FactorValue)] = FactorValue.Omitted,
    };

    /// <summary>
    /// The same rule definitions compiled flat (no Rete network), compiled on first use: the evaluator, or the
    /// refusals naming each rule outside the shapes it supports.
    /// </summary>
    public FlatCompilation Flat => _flat.Value;

    /// <summary>
    /// The flat evaluator fused into one method for a policy (its sections folded in as constants), compiled once per
    /// policy content (cached by the policy's SHA-256 hash); <see langword="null"/> when the rule sets refuse the flat
    /// evaluator (<see cref="Flat"/> names why).
    /// </summary>
    /// <param name="policy">A validated policy.</param>
    /// <returns>The fused rule set, or <see langword="null"/>.</returns>
    public FusedRuleSet? Fused(Policy.ScoringPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (Flat.RuleSet is not { } flat)
        {
            return null;
        }

        return _fused.GetOrAdd(policy.Stamp.Sha256, static (_, arg) => new Lazy<FusedRuleSet>(
            () => FusedRuleSet.Compile(arg.flat, [arg.policy.Grading, arg.policy.Gates, arg.policy.Bid], FusedInitialTypes, reasonNames: arg.ReasonNames),
            LazyThreadSafetyMode.ExecutionAndPublication), (flat, policy, ReasonNames)).Value;
    }

    /// <summary>
    /// The flat evaluator fused for one constant fact (an account rule set's policy section) with the given initial
    /// fact types, cached by the policy's hash as <see cref="Fused(Policy.ScoringPolicy)"/>; <see langword="null"/> when
    /// the rule sets refuse the flat evaluator.
    /// </summary>
    /// <param name="policy">The validated policy the section belongs to (its hash keys the cache).</param>
    /// <param name="section">The section, folded in as a constant.</param>
    /// <param name="initialTypes">The types of the facts every run is given besides the section.</param>
    /// <returns>The fused rule set, or <see langword="null"/>.</returns>
    internal FusedRuleSet? Fused(Policy.ScoringPolicy policy, object section, params Type[] initialTypes)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(section);
        if (Flat.RuleSet is not { } flat)
        {
            return null;
        }

        return _fused.GetOrAdd(policy.Stamp.Sha256 + "/" + section.GetType().FullName, static (_, arg) => new Lazy<FusedRuleSet>(
            () => FusedRuleSet.Compile(arg.flat, [arg.section], arg.initialTypes, reasonNames: arg.ReasonNames),
            LazyThreadSafetyMode.ExecutionAndPublication), (flat, section, initialTypes, ReasonNames)).Value;
    }

    /// <summary>
    /// The names the rules record reasons in besides their own (the gate requirements', each recorded by its stage's
    /// rule), as the rules assembly declares them (<see cref="IReasonNames"/>): the flat and fused engines rank them with the
    /// rules' names, so that the reasons sort by integers from the first assessment (a name not declared is learned).
    /// </summary>
    internal IReadOnlyList<string> ReasonNames { get; private set; } = [];

    /// <summary>The facts every scoring run is given besides the policy's sections.</summary>
    private static readonly Type[] FusedInitialTypes = [typeof(Opportunity), typeof(AssessmentDate)];

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<FusedRuleSet>> _fused = new(StringComparer.Ordinal);

    /// <summary>
    /// The compiled NRules session factory, compiled on first use (thread safe): building the Rete network takes a
    /// second or more, and a scorer on the compiled engine never needs it unless the rule sets refuse that engine.
    /// </summary>
    public ISessionFactory Factory => _factory.Value;

    /// <summary>The definitions of every rule compiled (names, descriptions, tags, priorities).</summary>
    public IReadOnlyList<IRuleDefinition> Rules { get; }

    /// <summary>The rule-set version (the rules assembly's version).</summary>
    public string Version { get; }

    /// <summary>Loads the rule classes of an assembly whose tag is one of <paramref name="ruleSetTags"/> and compiles them.</summary>
    /// <param name="assembly">The assembly holding the rule classes.</param>
    /// <param name="ruleSetTags">The tags naming the rule sets to load.</param>
    /// <returns>The compiled rule sets.</returns>
    public static RuleSets Compile(System.Reflection.Assembly assembly, params string[] ruleSetTags)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var repository = new RuleRepository();
        foreach (var tag in ruleSetTags)
        {
            repository.Load(x => x.PrivateTypes().From(assembly).Where(r => r.IsTagged(tag)).To(tag)); // the rule classes are internal
        }

        var version = assembly.GetName().Version?.ToString() ?? "0.0.0";
        var sets = Compile(repository.GetRuleSets(), version);
        sets.ReasonNames = [.. assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IReasonNames).IsAssignableFrom(t))
            .SelectMany(t => ((IReasonNames)Activator.CreateInstance(t, nonPublic: true)!).Names)
            .Distinct(StringComparer.Ordinal)];
        return sets;
    }

    /// <summary>Compiles rule sets built elsewhere (custom rules, tests).</summary>
    /// <param name="ruleSets">The rule sets.</param>
    /// <param name="version">A version for the compiled set.</param>
    /// <returns>The compiled rule sets.</returns>
    public static RuleSets Compile(IEnumerable<IRuleSet> ruleSets, string version)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        var sets = ruleSets.ToList();
        var compiler = new RuleCompiler();
        // Facts are identified by reference: the domain records' structural equality would hash whole
        // opportunities on every insert, and a session holds one fact of each type anyway.
        compiler.FactIdentityComparerRegistry.RegisterComparer<Opportunity>(ReferenceEqualityComparer.Instance);
        compiler.FactIdentityComparerRegistry.RegisterComparer<TotalScore>(ReferenceEqualityComparer.Instance);
        compiler.FactIdentityComparerRegistry.RegisterComparer<GradeAssigned>(ReferenceEqualityComparer.Instance);
        compiler.FactIdentityComparerRegistry.RegisterComparer<CostRisk>(ReferenceEqualityComparer.Instance);
        compiler.FactIdentityComparerRegistry.RegisterComparer<BidDecided>(ReferenceEqualityComparer.Instance);
        compiler.FactIdentityComparerRegistry.RegisterComparer<AssessmentDate>(ReferenceEqualityComparer.Instance);
        var factory = new Lazy<ISessionFactory>(() => compiler.Compile(sets), LazyThreadSafetyMode.ExecutionAndPublication);
        return new RuleSets(factory, sets.SelectMany(s => s.Rules).ToList(), version);
    }
}
