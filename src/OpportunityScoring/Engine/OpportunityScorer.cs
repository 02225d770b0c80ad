using NRules;
using OpportunityScoring.Engine.Flat;
using OpportunityScoring.Policy;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Engine;

/// <summary>How the rule definitions are executed.</summary>
public enum ScoringEngine
{
    /// <summary>The flat evaluator compiled from the same rule definitions, where the rule sets allow it; else Rete.</summary>
    Compiled = 0,
    /// <summary>NRules Rete sessions: one short-lived session per opportunity (the reference semantics).</summary>
    Rete,
    /// <summary>
    /// The flat evaluator fused into one generated method per policy (conditions and actions inlined, the policy's
    /// sections folded in as constants), where the rule sets allow the flat evaluator; else Rete.
    /// </summary>
    Fused,
}

/// <summary>
/// The scorer. With <see cref="ScoringEngine.Rete"/>: one short-lived NRules session per opportunity over a shared
/// compiled factory, with the opportunity, the policy and the assessment day as its facts and the
/// <see cref="Scorecard"/> as the rules' dependency (no joins across opportunities). With
/// <see cref="ScoringEngine.Compiled"/>: the same rule definitions run by the flat evaluator.
/// </summary>
/// <remarks>Thread safe: sessions are never shared; the factory, the flat evaluator and the policy are immutable.</remarks>
public sealed class OpportunityScorer : IOpportunityScorer
{
    private readonly FlatRuleSet? _flat;
    private readonly FusedRuleSet? _fused;
    private readonly FusedShape? _shape; // the slots of the facts and ledgers every run passes, resolved once

    /// <summary>Creates a scorer.</summary>
    /// <param name="policy">A policy loaded through <see cref="PolicyLoader"/>.</param>
    /// <param name="rules">The compiled rule sets.</param>
    /// <param name="engine">The engine wanted; <see cref="ScoringEngine.Compiled"/> falls back to Rete when the rule sets refuse it.</param>
    internal OpportunityScorer(ScoringPolicy policy, RuleSets rules, ScoringEngine engine = ScoringEngine.Compiled)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rules);
        _ = policy.Stamp; // throws when the policy was never validated
        Policy = policy;
        RuleSets = rules;
        if (engine is ScoringEngine.Compiled or ScoringEngine.Fused)
        {
            _flat = rules.Flat.RuleSet;
            FallbackReasons = rules.Flat.Refusals;
        }

        if (engine == ScoringEngine.Fused && _flat is not null)
        {
            _fused = rules.Fused(policy);
            _fused!.Warm(); // generate and compile both variants now, not on the first opportunity
            _shape = new FusedShape(_fused, [typeof(Opportunity), policy.Grading.GetType(), policy.Gates.GetType(), policy.Bid.GetType(), typeof(AssessmentDate)], Scorecard.LedgerTypes);
            FusedFallbacks = _fused.FellBack;
        }

        Engine = _flat is null ? ScoringEngine.Rete : _fused is null ? ScoringEngine.Compiled : ScoringEngine.Fused;
        if (Engine == ScoringEngine.Rete)
        {
            _ = rules.Factory; // compile the Rete network now, not on the first opportunity
        }
    }

    /// <summary>The engine actually in use.</summary>
    public ScoringEngine Engine { get; }

    /// <summary>Why the compiled engine was refused (one message per rule), when it was asked for and refused.</summary>
    public IReadOnlyList<string> FallbackReasons { get; } = [];

    /// <summary>
    /// With <see cref="ScoringEngine.Fused"/>: the rules the generator could not inline, each named with why; they run
    /// through the flat evaluator's delegates inside the fused method.
    /// </summary>
    public IReadOnlyList<string> FusedFallbacks { get; } = [];

    /// <inheritdoc />
    public ScoringPolicy Policy { get; }

    /// <summary>The compiled rule sets in use.</summary>
    internal RuleSets RuleSets { get; }

    /// <inheritdoc />
    public Assessment Score(Opportunity opportunity, DateOnly? asOf = null) => Run(opportunity, asOf, ScoringDetail.Full, static card => card.ToAssessment());

    /// <inheritdoc />
    public AssessmentDecisions Decide(Opportunity opportunity, DateOnly? asOf = null) => Run(opportunity, asOf, ScoringDetail.Decisions, static card => card.ToDecisions());

    /// <summary>
    /// The day's fact, shared by the runs of the same day (a batch scores every opportunity as of one day): an
    /// immutable record, so a run that reads another thread's is the same; a different day makes a new one.
    /// </summary>
    private AssessmentDate Day(DateOnly asOf)
    {
        var day = _day;
        return day is not null && day.AsOf == asOf ? day : (_day = new AssessmentDate(asOf));
    }

    private AssessmentDate? _day;

    /// <summary>Runs the rule sets over one opportunity into a fresh scorecard and builds the result from it; a failure names the opportunity and the rule.</summary>
    private T Run<T>(Opportunity opportunity, DateOnly? asOf, ScoringDetail detail, Func<Scorecard, T> result)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var card = new Scorecard(opportunity, Policy, asOf ?? DateOnly.FromDateTime(DateTime.UtcNow), detail);
        if (_fused is not null)
        {
            try
            {
                // the card's ledgers keep explanations exactly when the run builds them (the same detail)
                _fused.Run(_shape!, [opportunity, Policy.Grading, Policy.Gates, Policy.Bid, Day(card.AsOf)], [card.Grading, card.Gate, card.Bid, card.Log], explanations: detail == ScoringDetail.Full);
                return result(card);
            }
            catch (FlatRuleException e)
            {
                throw new ScoringException(opportunity.Id, e.InCondition ? null : e.RuleName, e.InnerException ?? e);
            }
            catch (InvalidOperationException e)
            {
                throw new ScoringException(opportunity.Id, card.Grading.GradedBy, e);
            }
        }

        if (_flat is not null)
        {
            try
            {
                _flat.Run([opportunity, Policy.Grading, Policy.Gates, Policy.Bid, Day(card.AsOf)], [card.Grading, card.Gate, card.Bid, card.Log], explanations: detail == ScoringDetail.Full);
                return result(card);
            }
            catch (FlatRuleException e)
            {
                throw new ScoringException(opportunity.Id, e.InCondition ? null : e.RuleName, e.InnerException ?? e);
            }
            catch (InvalidOperationException e)
            {
                throw new ScoringException(opportunity.Id, card.Grading.GradedBy, e);
            }
        }

        try
        {
            var session = RuleSets.Factory.CreateSession();
            session.DependencyResolver = card; // rules write their results into the scorecard, resolved as a dependency (no join)
            session.Insert(opportunity);
            session.Insert(Policy.Grading);
            session.Insert(Policy.Gates);
            session.Insert(Policy.Bid);
            session.Insert(new AssessmentDate(card.AsOf));
            session.Fire();
            return result(card);
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
            throw new ScoringException(opportunity.Id, card.Grading.GradedBy, e);
        }
    }

}
