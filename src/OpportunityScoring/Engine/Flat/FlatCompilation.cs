namespace OpportunityScoring.Engine.Flat;

/// <summary>The result of compiling rule definitions flat: the evaluator, or why not.</summary>
/// <param name="RuleSet">The evaluator, when every rule compiled.</param>
/// <param name="Refusals">One message per rule outside the supported shapes, naming it.</param>
internal sealed record FlatCompilation(FlatRuleSet? RuleSet, IReadOnlyList<string> Refusals);

/// <summary>A rule's condition or action threw in the compiled engine.</summary>
internal sealed class FlatRuleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlatRuleException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public FlatRuleException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FlatRuleException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a rule.</summary>
    /// <param name="ruleName">The rule.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="condition">Whether a condition (rather than an action) threw.</param>
    public FlatRuleException(string? ruleName, Exception innerException, bool condition = false)
        : base($"{(condition ? "a condition of" : "")} rule {ruleName} failed: {innerException?.Message}".Trim(), innerException)
    {
        RuleName = ruleName;
        InCondition = condition;
    }

    /// <summary>The rule that failed.</summary>
    public string? RuleName { get; }

    /// <summary>Whether a condition (rather than an action) threw.</summary>
    public bool InCondition { get; }
}
