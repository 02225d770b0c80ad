namespace OpportunityScoring.Policy;

/// <summary>Thrown when a policy cannot be used; <see cref="Issues"/> lists every problem found.</summary>
public sealed class PolicyValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="policyName">The policy's name or file.</param>
    /// <param name="issues">Every problem found.</param>
    public PolicyValidationException(string policyName, IReadOnlyList<PolicyIssue> issues)
        : base($"Policy '{policyName}' is not valid ({issues.Count} problem{(issues.Count == 1 ? "" : "s")}):{Environment.NewLine}"
               + string.Join(Environment.NewLine, issues.Select(i => "  - " + i)))
    {
        Issues = issues;
    }

    /// <summary>Creates the exception with a message.</summary>
    public PolicyValidationException() : this("policy", []) { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public PolicyValidationException(string message) : base(message) => Issues = [];

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PolicyValidationException(string message, Exception innerException) : base(message, innerException) => Issues = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<PolicyIssue> Issues { get; }
}
