namespace OpportunityScoring;

/// <summary>
/// Something the rules write explanations into (a slice's ledger): it says whether it keeps them. A run of the
/// compiled engine without explanations refuses one that keeps them, since it would hand it placeholders.
/// </summary>
internal interface IExplanationSink
{
    /// <summary>Whether the reasons and messages are kept (a full assessment) or only the decisions.</summary>
    bool KeepsExplanations { get; }
}

/// <summary>
/// Marks a static method (a rule action of the rule sets' small language) that hands each explanation-only argument
/// (a message, a factor's value) to a ledger, which drops it when it keeps no explanations: in a run without
/// explanations the compiled engine may pass it a placeholder instead of building the value, as it does for a method
/// of a rule's dependency.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class ExplanationSinkAttribute : Attribute;
