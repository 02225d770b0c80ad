using NRules;

namespace OpportunityScoring;

/// <summary>
/// The NRules-backed scorer: one short-lived session per opportunity over a shared compiled factory, with the
/// opportunity, the policy and a <see cref="Scorecard"/> as its only facts (no joins across opportunities).
/// </summary>
/// <remarks>Thread safe: sessions are never shared; the factory and the policy are immutable.</remarks>
public sealed class OpportunityScorer : IOpportunityScorer
{
    private readonly ISessionFactory _factory;

    /// <summary>Creates a scorer.</summary>
    /// <param name="policy">A policy loaded through <see cref="PolicyLoader"/>.</param>
    /// <param name="rules">The compiled rule sets.</param>
    public OpportunityScorer(ScoringPolicy policy, CompiledRuleSets rules)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rules);
        _ = policy.Stamp; // throws when the policy was never validated
        Policy = policy;
        RuleSets = rules;
        _factory = rules.Factory;
    }

    /// <inheritdoc />
    public ScoringPolicy Policy { get; }

    /// <summary>The compiled rule sets in use.</summary>
    public CompiledRuleSets RuleSets { get; }

    /// <inheritdoc />
    public Assessment Score(Opportunity opportunity, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var card = new Scorecard(opportunity, Policy, asOf ?? DateOnly.FromDateTime(DateTime.UtcNow));
        try
        {
            var session = _factory.CreateSession();
            session.DependencyResolver = card; // rules write their results into the scorecard, resolved as a dependency (no join)
            session.Insert(opportunity);
            session.Insert(Policy);
            session.Insert(new AssessmentDate(card.AsOf));
            session.Fire();
            return card.ToAssessment();
        }
        catch (NRules.RuleRhsExpressionEvaluationException e)
        {
            throw new ScoringException(opportunity.Id, e.RuleName, e.InnerException ?? e);
        }
        catch (NRules.RuleExecutionException e)
        {
            throw new ScoringException(opportunity.Id, null, e.InnerException ?? e);
        }
        catch (InvalidOperationException e)
        {
            throw new ScoringException(opportunity.Id, card.GradedBy, e);
        }
    }

    /// <inheritdoc />
    public PipelineResult Score(PipelineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var asOf = input.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var assessments = new List<Assessment>(input.Records.Count);
        var errors = new List<InputError>();
        foreach (var record in input.Records)
        {
            if (record.Opportunity is null)
            {
                errors.AddRange(record.Errors);
                continue;
            }

            try
            {
                assessments.Add(Score(record.Opportunity, asOf));
            }
            catch (ScoringException e)
            {
                errors.Add(new InputError(record.Opportunity.Id, record.Index, e.Rule is null ? "(rules)" : "(rule " + e.Rule + ")", e.Message));
            }
        }

        return new PipelineResult(Policy.Stamp, asOf, assessments, errors);
    }
}
