namespace OpportunityScoring;

/// <summary>Scores opportunities under one policy. Implementations are thread safe.</summary>
public interface IOpportunityScorer
{
    /// <summary>The policy every assessment is made under.</summary>
    ScoringPolicy Policy { get; }

    /// <summary>Assesses one opportunity.</summary>
    /// <param name="opportunity">A valid opportunity (see <see cref="OpportunityValidator"/>).</param>
    /// <param name="asOf">The day of the assessment; today (UTC) when <see langword="null"/>.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ScoringException">A rule failed for this opportunity.</exception>
    Assessment Score(Opportunity opportunity, DateOnly? asOf = null);

    /// <summary>
    /// Decides one opportunity without explaining it: the grade, score, gate and bid that <see cref="Score(Opportunity, DateOnly?)"/>
    /// would give, without building its reasons and messages. The default takes them from the full assessment; the
    /// rule-set scorer computes them directly and several times faster.
    /// </summary>
    /// <param name="opportunity">A valid opportunity (see <see cref="OpportunityValidator"/>).</param>
    /// <param name="asOf">The day of the assessment; today (UTC) when <see langword="null"/>.</param>
    /// <returns>The decisions.</returns>
    /// <exception cref="ScoringException">A rule failed for this opportunity.</exception>
    AssessmentDecisions Decide(Opportunity opportunity, DateOnly? asOf = null) => AssessmentDecisions.From(Score(opportunity, asOf));

    /// <summary>Assesses a parsed pipeline: every valid record is assessed, every invalid or failing one becomes an error.</summary>
    /// <param name="input">The records read from a pipeline file, valid or not.</param>
    /// <returns>The policy, the assessments in input order, and the errors.</returns>
    PipelineResult Score(PipelineInput input);
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

/// <summary>Scores a materialised pipeline with any scorer: every valid record assessed, every invalid or failing one an error.</summary>
internal static class PipelineScoring
{
    public static PipelineResult ScoreAll(IOpportunityScorer scorer, PipelineInput input)
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
                assessments.Add(scorer.Score(record.Opportunity, asOf));
            }
            catch (ScoringException e)
            {
                errors.Add(new InputError(record.Opportunity.Id, record.Index, e.Rule is null ? "(rules)" : "(rule " + e.Rule + ")", e.Message));
            }
        }

        return new PipelineResult(scorer.Policy.Stamp, asOf, assessments, errors);
    }
}
