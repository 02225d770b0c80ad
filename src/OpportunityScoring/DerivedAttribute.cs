namespace OpportunityScoring;

/// <summary>
/// Marks a property derived only from immutable evidence (such as <see cref="DecisionChain.BestSupport"/>): reading it
/// has no effect and gives the same value every time for the same object. The fused engine reads such a property once
/// per opportunity, where a rule first reads it, and reuses the value for every later read. (Not
/// <c>System.Diagnostics.Contracts.PureAttribute</c>: that one is conditional and never reaches the compiled assembly.)
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
internal sealed class DerivedAttribute : Attribute;
