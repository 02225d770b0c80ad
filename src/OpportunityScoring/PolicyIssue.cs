namespace OpportunityScoring;

/// <summary>One thing wrong with a policy: a stable code, where it is, and what to fix.</summary>
/// <param name="Code">A stable code, e.g. <c>bandGap</c>, <c>weightsSum</c>.</param>
/// <param name="Path">Where in the policy (e.g. <c>gradeBands[1]</c>).</param>
/// <param name="Message">What is wrong and what to change.</param>
public sealed record PolicyIssue(string Code, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message} [{Code}]";
}
