using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpportunityScoring.Engine;
using OpportunityScoring.Ledger;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.DependencyInjection;

/// <summary>Registers OpportunityScoring with an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// Registers, all as singletons: <see cref="OpportunityScoringOptions"/> (validated on start: the policy is loaded
/// and checked; the ledger, when <c>Store</c> is set, opened), <see cref="ScoringPolicy"/> (the configured policy),
/// <see cref="IDecisionLedger"/> (when <c>Store</c> is set; else it resolves to null) and <see cref="IOpportunityScorer"/> (thread safe;
/// over the shipped rule sets, compiled once per process: the rule definitions compiled flat, falling back to one NRules
/// session per opportunity where they refuse).
/// </remarks>
public static class OpportunityScoringServiceCollectionExtensions
{
    /// <summary>Adds OpportunityScoring with the default policy, or the policy set by <paramref name="configure"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options; optional.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddOpportunityScoring(this IServiceCollection services, Action<OpportunityScoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<OpportunityScoringOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return AddCore(services, builder);
    }

    /// <summary>Adds OpportunityScoring with options bound from configuration (e.g. the <c>OpportunityScoring</c> section).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">
    /// The configuration section holding <c>PolicyFile</c>, <c>PolicyJson</c>, or <c>Policy</c>: the policy inline as a
    /// JSON object (read exactly as a policy file with that content; at most one of the three).
    /// </param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddOpportunityScoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Bound by hand, not by the configuration binder: the binder would build the inline policy object field by
        // field, silently ignoring a misspelt key and losing empty objects. Converted to JSON, it goes through the
        // same loader (and the same SHA-256) as a policy file.
        var builder = services.AddOptions<OpportunityScoringOptions>().Configure(o =>
        {
            // An empty value unsets a source set by an earlier provider (e.g. OpportunityScoring__PolicyFile= ).
            o.PolicyFile = configuration[nameof(OpportunityScoringOptions.PolicyFile)] is { } file ? NullIfEmpty(file) : o.PolicyFile;
            o.PolicyJson = configuration[nameof(OpportunityScoringOptions.PolicyJson)] is { } json ? NullIfEmpty(json) : o.PolicyJson;
            o.Store = configuration[nameof(OpportunityScoringOptions.Store)] is { } store ? NullIfEmpty(store) : o.Store;
            var inline = configuration.GetSection(nameof(OpportunityScoringOptions.Policy));
            if (inline.GetChildren().Any())
            {
                o.PolicyFromConfiguration = ConfigurationJson.ToJson(inline, typeof(ScoringPolicy), ContractJson.Options);
            }
        });
        services.TryAddSingleton<IOptionsChangeTokenSource<OpportunityScoringOptions>>(new ConfigurationChangeTokenSource<OpportunityScoringOptions>(configuration));
        return AddCore(services, builder);
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IServiceCollection AddCore(IServiceCollection services, OptionsBuilder<OpportunityScoringOptions> builder)
    {
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpportunityScoringOptions>, PolicyOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OpportunityScoringOptions>>().Value.ResolvePolicy());
        services.TryAddSingleton<IOpportunityScorer>(sp => OpportunityRules.CreateScorer(sp.GetRequiredService<ScoringPolicy>()));
        // The decision ledger, when OpportunityScoring:Store names one (else the service resolves to null).
        services.TryAddSingleton<IDecisionLedger>(sp => sp.GetRequiredService<IOptions<OpportunityScoringOptions>>().Value.Store is { } store ? DecisionLedger.Open(store) : null!);
        return services;
    }

    private sealed class PolicyOptionsValidator : IValidateOptions<OpportunityScoringOptions>
    {
        public ValidateOptionsResult Validate(string? name, OpportunityScoringOptions options)
        {
            try
            {
                options.ResolvePolicy();
                if (options.Store is { } store)
                {
                    DecisionLedger.Open(store).Dispose(); // reachable, and its schema up to date
                }

                return ValidateOptionsResult.Success;
            }
            catch (PolicyValidationException e)
            {
                return ValidateOptionsResult.Fail(e.Issues.Count > 0 ? e.Issues.Select(i => i.ToString()) : [e.Message]);
            }
            catch (LedgerException e)
            {
                return ValidateOptionsResult.Fail($"OpportunityScoring:Store: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                return ValidateOptionsResult.Fail($"OpportunityScoring policy: {e.Message}");
            }
        }
    }
}
