namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// The slots of a fixed sequence of fact and dependency types, resolved once for a fused rule set: a caller that always
/// passes the same types in the same order (the scorer: the opportunity, the policy's sections, the day; the
/// scorecard's ledgers) runs without looking up each object's type and slot, checking for duplicates and for the
/// initial facts on every opportunity — all checked here, once.
/// </summary>
internal sealed class FusedShape
{
    /// <summary>Resolves the slots of the types.</summary>
    /// <param name="set">The fused rule set.</param>
    /// <param name="factTypes">The exact types of the facts, in the order they will be passed.</param>
    /// <param name="dependencyTypes">The exact types of the dependencies, in the order they will be passed.</param>
    /// <exception cref="ArgumentException">A type appears twice, or a fact the fused method needs is missing.</exception>
    public FusedShape(FusedRuleSet set, Type[] factTypes, Type[] dependencyTypes)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(factTypes);
        ArgumentNullException.ThrowIfNull(dependencyTypes);
        if (factTypes.Concat(dependencyTypes).Distinct().Count() != factTypes.Length + dependencyTypes.Length)
        {
            throw new ArgumentException("a fused run holds one object per type: the shape names a type twice", nameof(factTypes));
        }

        Set = set;
        FactSlots = [.. factTypes.Select(set.Flat.SlotOf)];
        DependencySlots = [.. dependencyTypes.Select(set.Flat.SlotOf)];
        DependencyTypes = [.. dependencyTypes];
        var present = FactSlots.Concat(DependencySlots).Where(s => s >= 0).ToHashSet();
        if (set.InitialSlots.FirstOrDefault(s => !present.Contains(s), -1) is var missing and >= 0)
        {
            throw new ArgumentException($"a fused run needs a fact of type {set.Flat._slotTypes[missing].Name}", nameof(factTypes));
        }
    }

    /// <summary>The rule set the slots are of.</summary>
    public FusedRuleSet Set { get; }

    /// <summary>Per fact, its slot (-1 when no rule reads the type).</summary>
    public int[] FactSlots { get; }

    /// <summary>Per dependency, its slot as a fact (-1 when no rule matches it as one).</summary>
    public int[] DependencySlots { get; }

    /// <summary>The dependencies' types, in order (what a rule's <c>ctx.Resolve</c> finds them by).</summary>
    public Type[] DependencyTypes { get; }
}
