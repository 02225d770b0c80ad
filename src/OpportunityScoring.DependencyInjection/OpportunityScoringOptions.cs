using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.DependencyInjection;

/// <summary>
/// How a host configures OpportunityScoring. Bind it from configuration (section <c>OpportunityScoring</c>) or set it
/// in code. At most one policy source may be given; with none, the embedded default policy is used.
/// </summary>
public sealed class OpportunityScoringOptions
{
    private ScoringPolicy? _resolved;

    /// <summary>The configuration section conventionally bound to these options.</summary>
    public const string SectionName = "OpportunityScoring";

    /// <summary>A policy file (JSON) to load. The default value is <see langword="null"/>.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>A policy as JSON text. The default value is <see langword="null"/>.</summary>
    public string? PolicyJson { get; set; }

    /// <summary>A policy built in code (validated on start). The default value is <see langword="null"/>.</summary>
    /// <remarks>
    /// From configuration, <c>OpportunityScoring:Policy</c> may hold the policy inline as a JSON object (in
    /// <c>appsettings.json</c>, overridable key by key, e.g. by environment variables); it is read as the policy file
    /// with the same content would be, misspelt keys included (see <see cref="OpportunityScoringServiceCollectionExtensions"/>).
    /// </remarks>
    public ScoringPolicy? Policy { get; set; }

    /// <summary>
    /// The decision ledger (<c>OpportunityScoring:Store</c>): an SQLite file or a PostgreSQL connection string. When set,
    /// an <see cref="OpportunityScoring.Ledger.IDecisionLedger"/> is registered, opened (and migrated) on start. The
    /// default value is <see langword="null"/>: no ledger.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>The inline policy section of the configuration, as JSON (set by the configuration overload).</summary>
    internal string? PolicyFromConfiguration { get; set; }

    /// <summary>Loads (once) and validates the configured policy.</summary>
    /// <returns>The validated policy.</returns>
    /// <exception cref="PolicyValidationException">The policy is invalid.</exception>
    /// <exception cref="InvalidOperationException">More than one policy source is set.</exception>
    internal ScoringPolicy ResolvePolicy()
    {
        if (_resolved is not null)
        {
            return _resolved;
        }

        var sources = (PolicyFile is null ? 0 : 1) + (PolicyJson is null ? 0 : 1) + (Policy is null && PolicyFromConfiguration is null ? 0 : 1);
        if (sources > 1)
        {
            throw new InvalidOperationException("Set only one of OpportunityScoring:PolicyFile, PolicyJson or Policy.");
        }

        _resolved = PolicyFile is not null ? PolicyLoader.LoadFile(PolicyFile)
            : PolicyJson is not null ? PolicyLoader.Parse(PolicyJson, "OpportunityScoring:PolicyJson")
            : Policy is not null ? PolicyLoader.Prepare(Policy)
            : PolicyFromConfiguration is not null ? PolicyLoader.Parse(PolicyFromConfiguration, "OpportunityScoring:Policy")
            : OpportunityRules.DefaultPolicy;
        return _resolved;
    }
}
