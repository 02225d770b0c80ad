namespace OpportunityScoring;

/// <summary>
/// Marks a method or constructor that only builds an explanation (a message, a factor's value, a formatted number):
/// it has no effect besides its result, its result is never <see langword="null"/> (nor, for a string, blank), and it
/// throws for no argument except a <see langword="null"/> (or blank string) one where its signature does not allow
/// <see langword="null"/>. When the compiled engine runs without explanations
/// (the decisions-only variant of its actions), a call to such a member whose
/// value goes straight to a rule's dependency as an explanation-only argument is not made: its arguments are still
/// evaluated (so they fail, and have their effects, exactly as in a full run) and the dependency gets a placeholder.
/// A member without this mark is always called, whatever it returns.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
internal sealed class ExplanationOnlyAttribute : Attribute;
