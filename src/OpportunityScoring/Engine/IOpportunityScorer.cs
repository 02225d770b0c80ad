using OpportunityScoring.Policy;

namespace OpportunityScoring.Engine;

/// <summary>Scores opportunities under one policy. Implementations are thread safe.</summary>
public interface IOpportunityScorer
{
    /// <summary>The policy every assessment is made under.</summary>
    ScoringPolicy Policy { get; }

    /// <summary>Assesses one opportunity.</summary>
    /// <param name="opportunity">A valid opportunity (as the readers give it: <see cref="PipelineRecord.Read"/> checks one given as JSON).</param>
    /// <param name="asOf">The day of the assessment; today (UTC) when <see langword="null"/>.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ScoringException">A rule failed for this opportunity.</exception>
    Assessment Score(Opportunity opportunity, DateOnly? asOf = null);

    /// <summary>
    /// Decides one opportunity without explaining it: the grade, score, gate and bid that <see cref="Score(Opportunity, DateOnly?)"/>
    /// would give, without building its reasons and messages. The default takes them from the full assessment; the
    /// rule-set scorer computes them directly and several times faster.
    /// </summary>
    /// <param name="opportunity">A valid opportunity (as the readers give it: <see cref="PipelineRecord.Read"/> checks one given as JSON).</param>
    /// <param name="asOf">The day of the assessment; today (UTC) when <see langword="null"/>.</param>
    /// <returns>The decisions.</returns>
    /// <exception cref="ScoringException">A rule failed for this opportunity.</exception>
    AssessmentDecisions Decide(Opportunity opportunity, DateOnly? asOf = null) => AssessmentDecisions.From(Score(opportunity, asOf));

}

/// <summary>A rule failed while assessing one opportunity.</summary>
public sealed class ScoringException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScoringException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public ScoringException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScoringException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for an opportunity and rule.</summary>
    /// <param name="opportunityId">The opportunity.</param>
    /// <param name="rule">The rule that failed, if known.</param>
    /// <param name="innerException">The cause.</param>
    public ScoringException(string opportunityId, string? rule, Exception innerException)
        : base($"Opportunity {opportunityId}: {(rule is null ? "scoring" : "rule " + rule)} failed: {innerException?.GetBaseException().Message}", innerException)
    {
        OpportunityId = opportunityId;
        Rule = rule;
    }

    /// <summary>The opportunity being assessed.</summary>
    public string? OpportunityId { get; }

    /// <summary>The rule that failed, when known.</summary>
    public string? Rule { get; }
}
