namespace OpportunityScoring.Engine;

/// <summary>
/// Declares, from a rules assembly, the names its rules record reasons in besides their own (a gate requirement's,
/// recorded by its stage's requirements rule). <see cref="RuleSets.Compile(System.Reflection.Assembly, string[])"/> creates
/// every implementation in the assembly (parameterless) and hands the names to the fused engine, which ranks them with
/// the rules' names so that the reasons sort by integers from the first assessment.
/// </summary>
internal interface IReasonNames
{
    /// <summary>The names.</summary>
    IEnumerable<string> Names { get; }
}
