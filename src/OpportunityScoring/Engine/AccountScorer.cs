using NRules.Extensibility;
using OpportunityScoring.Accounts;
using OpportunityScoring.Policy;

namespace OpportunityScoring.Engine;

/// <summary>
/// Grades accounts with the account rule set (one NRules session per account: accounts are few), under a policy's
/// <c>accounts</c> section. Thread safe: sessions are created per call from the compiled factory.
/// </summary>
public sealed class AccountScorer
{
    private readonly RuleSets _rules;

    /// <summary>The compiled account rule sets (a second scorer over the same rules, e.g. on Rete).</summary>
    internal RuleSets Rules => _rules;
    private readonly AccountPolicy _section;
    private readonly Flat.FlatRuleSet? _flat;
    private readonly Lazy<Flat.FlatRuleSet?>? _targets;

    /// <summary>Creates a scorer.</summary>
    /// <param name="policy">The policy (loaded, so validated and compiled).</param>
    /// <param name="section">The <c>accounts</c> section graded under: the policy's own, else the default policy's.</param>
    /// <param name="rules">The compiled account rule set.</param>
    /// <param name="serviceTargets">The service-target rules alone (compiled on first use), for <see cref="MissedTargets(AccountFacts)"/>; without them it grades the whole account.</param>
    internal AccountScorer(ScoringPolicy policy, AccountPolicy section, RuleSets rules, RuleSets? serviceTargets = null)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _section = section ?? throw new ArgumentNullException(nameof(section));
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _flat = rules.Flat.RuleSet; // the rule definitions compiled flat, as for opportunities; Rete when a rule is refused
        _ = policy.Stamp; // refuses a policy that was never validated
        StrategicFitMax = policy.Grading.Weight(Criterion.StrategicFit);
        _targets = serviceTargets is null ? null : new Lazy<Flat.FlatRuleSet?>(() => serviceTargets.Flat.RuleSet);
    }

    /// <summary>The policy.</summary>
    public ScoringPolicy Policy { get; }

    /// <summary>Grades with one NRules (Rete) session per account, the reference semantics, instead of the compiled rules.</summary>
    internal bool UseRete { get; init; }

    /// <summary>
    /// Grade with the account rule sets fused into one method for this policy's section (as <see cref="ScoringEngine.Fused"/>
    /// does for opportunities); the flat evaluator otherwise. Compiled on the first account graded.
    /// </summary>
    internal bool UseFused { get; init; }

    private Flat.FusedRuleSet? FusedRules => _fused ??= _rules.Fused(Policy, _section, typeof(AccountFacts));

    private Flat.FusedRuleSet? _fused;

    /// <summary>Whether the compiled (flat) engine grades the accounts (else every rule could not be compiled flat and Rete does).</summary>
    internal bool IsCompiled => _flat is not null;

    /// <summary>Whether the service-target rules run alone, compiled flat, for <see cref="MissedTargets(AccountFacts)"/> (else the whole account is graded).</summary>
    internal bool TargetsCompiled => _targets?.Value is not null;

    /// <summary>The most strategic-fit points of an opportunity (for the deals' strategic-fit shares).</summary>
    internal decimal StrategicFitMax { get; }

    /// <summary>Grades one account.</summary>
    /// <param name="id">Its id.</param>
    /// <param name="account">Its record, when it has one (valid, its dates checked).</param>
    /// <param name="tally">What its opportunities say, when it has any.</param>
    /// <param name="asOf">The assessment day.</param>
    /// <returns>The assessment.</returns>
    internal AccountAssessment Grade(string id, KeyAccount? account, AccountTally? tally, DateOnly asOf) =>
        Grade(AccountFacts.Of(id, account, tally, asOf, _section.Service), account, tally);

    /// <summary>
    /// The service targets an account's record misses (the red flags' targets, by name), as the implementation gate
    /// reads them before the opportunities stream: only the service-target rules, decisions only — a fraction of
    /// grading the whole account, which <see cref="Grade(string, KeyAccount?, AccountTally?, DateOnly)"/> does once at the end.
    /// </summary>
    /// <param name="id">The account's id.</param>
    /// <param name="account">Its record (valid, its dates checked).</param>
    /// <param name="asOf">The assessment day.</param>
    /// <returns>The missed targets, in ordinal order, each once.</returns>
    internal IReadOnlyList<string> MissedTargets(string id, KeyAccount account, DateOnly asOf) =>
        MissedTargets(AccountFacts.Of(id, account, null, asOf, _section.Service));

    /// <summary>The service targets the figures miss: the same as <see cref="Grade(AccountFacts, KeyAccount?, AccountTally?)"/>'s red flags' targets.</summary>
    /// <param name="facts">The figures.</param>
    /// <returns>The missed targets, in ordinal order, each once.</returns>
    internal IReadOnlyList<string> MissedTargets(AccountFacts facts)
    {
        if (UseRete || _targets?.Value is not { } targets)
        {
            return [.. Grade(facts).RedFlags.Select(f => f.Target).Distinct()];
        }

        var ledger = new AccountLedger(facts);
        targets.Run([facts, _section], [ledger], explanations: false);
        return [.. ledger.Flags.Select(f => f.Target).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Grades an account's figures (the property tests vary them one at a time).</summary>
    /// <param name="facts">The figures.</param>
    /// <param name="account">Its record, for its name, type and owner.</param>
    /// <param name="tally">Its opportunities' tally, for its name and deals.</param>
    /// <returns>The assessment.</returns>
    internal AccountAssessment Grade(AccountFacts facts, KeyAccount? account = null, AccountTally? tally = null)
    {
        var id = facts.Id;
        var ledger = new AccountLedger(facts);
        if (_flat is not null && !UseRete && UseFused && FusedRules is { } fused)
        {
            fused.Run([facts, _section], [ledger], explanations: true);
        }
        else if (_flat is not null && !UseRete)
        {
            _flat.Run([facts, _section], [ledger]);
        }
        else
        {
            var session = _rules.Factory.CreateSession();
            session.DependencyResolver = new LedgerResolver(ledger);
            session.Insert(facts);
            session.Insert(_section);
            session.Fire();
        }

        var grade = ledger.Grade ?? throw new InvalidOperationException($"No account grade band matched total {ledger.Total} for account {id}: the rule set or the policy's bands have a gap.");
        return new AccountAssessment
        {
            Id = id,
            Name = account?.Name ?? tally?.Name,
            Type = account?.Type ?? AccountType.Unknown,
            Owner = account?.Owner,
            HasRecord = account is not null,
            Grade = grade,
            Score = ledger.Total ?? 0,
            Dimensions = ledger.Dimensions(),
            Facts = facts,
            Opportunities = tally?.Opportunities ?? 0,
            Health = ledger.Health,
            Credits = ledger.SortedCredits(),
            RedFlags = ledger.SortedFlags(),
            KnockOuts = ledger.SortedKnockOuts(),
            Deals = tally?.Deals ?? [],
        };
    }

    private sealed class LedgerResolver(AccountLedger ledger) : IDependencyResolver
    {
        public object Resolve(IResolutionContext context, Type serviceType) =>
            serviceType == typeof(AccountLedger) ? ledger : throw new InvalidOperationException($"An account rule asked for {serviceType.Name}; only the AccountLedger is resolved.");
    }
}
