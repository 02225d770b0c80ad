using System.Linq.Expressions;
using NRules.RuleModel;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// A flat rule set fused into one method per variant (with and without explanations) — generated as a few methods, one
/// per run of consecutive rules (see <see cref="FusedMethod"/>) — from the same rule definitions and compiled once for one set of constant facts (a policy's sections): every
/// rule's conditions and actions inlined in firing order; the constant facts, the closures' captured values and the
/// immutable members read from them folded into constants; a condition reading only constants evaluated once at
/// generation (a rule whose condition is false under the policy is left out, named in <see cref="NeverMatch"/>);
/// the initial facts read once into locals. The flat engine's semantics are kept exactly: a rule fires at most once,
/// when its facts are present and its conditions hold, in priority order; when an action inserts a fact that a rule
/// earlier in that order reads, the method jumps back to that rule (as the flat engine would fire it next).
/// A rule the generator cannot inline (an opaque delegate in a condition or action) runs through its flat-compiled
/// delegates inside the same method, named in <see cref="FellBack"/>.
/// </summary>
internal sealed class FusedRuleSet
{
    private readonly Lazy<FusedMethod> _full;
    private readonly Lazy<FusedMethod> _decide;
    private readonly int[] _initialSlots;

    private FusedRuleSet(FlatRuleSet flat, FusedGenerator generator, IReadOnlyList<string> reasonNames)
    {
        Flat = flat;
        FirstReader = new int[flat._slotTypes.Length];
        for (var s = 0; s < FirstReader.Length; s++)
        {
            FirstReader[s] = flat._rulesBySlot[s].Length == 0 ? int.MaxValue : flat._rulesBySlot[s].Min();
        }

        Definitions = [.. flat._rules.Select(r => r.Definition)];
        Names = [.. Definitions.Select(d => d.Name)];
        Ranks = new RuleRanks(Names, reasonNames);
        FellBack = generator.FellBack;
        NeverMatch = generator.NeverMatch;
        _initialSlots = generator.InitialSlots;
        _full = new Lazy<FusedMethod>(() => generator.Generate(explanations: true));
        _decide = new Lazy<FusedMethod>(() => generator.Generate(explanations: false));
    }

    /// <summary>The flat rule set fused.</summary>
    public FlatRuleSet Flat { get; }

    /// <summary>The number of fact slots.</summary>
    public int SlotCount => FirstReader.Length;

    /// <summary>Per slot, the index (firing order) of the first rule whose patterns read it.</summary>
    internal int[] FirstReader { get; }

    /// <summary>The rules' definitions in firing order (what <see cref="IContext.Rule"/> answers while rule k fires).</summary>
    internal IRuleDefinition[] Definitions { get; }

    /// <summary>The rules' names in firing order.</summary>
    internal string[] Names { get; }

    /// <summary>Each rule's rank in the ordinal order of the names (the log's sort of the reasons by rule).</summary>
    internal RuleRanks Ranks { get; }

    /// <summary>The rules run through the flat engine's delegates inside the fused method, each with why.</summary>
    public IReadOnlyList<string> FellBack { get; }

    /// <summary>The rules left out because a condition on constants only is false under this policy (they can never fire).</summary>
    public IReadOnlyList<string> NeverMatch { get; }

    /// <summary>
    /// Fuses a flat rule set for one set of constant facts.
    /// </summary>
    /// <param name="flat">The flat rule set.</param>
    /// <param name="constantFacts">Facts that are the same in every run (a policy's sections): folded into the method.</param>
    /// <param name="initialTypes">The types of the facts every run is given (besides the constant ones): read once into locals.</param>
    /// <param name="rulesPerMethod">
    /// The most rules of one priority one generated method holds (a method also ends where the priority changes); 0
    /// generates one method of every rule.
    /// </param>
    /// <param name="reasonNames">
    /// The names the rules record reasons in besides their own (a gate requirement's, recorded by its stage's rule): ranked
    /// with the rules' names from the start (see <see cref="RuleRanks"/>); others are learned when first recorded.
    /// </param>
    /// <returns>The fused rule set; its methods are generated and compiled on first use of each variant.</returns>
    public static FusedRuleSet Compile(FlatRuleSet flat, IReadOnlyList<object> constantFacts, IReadOnlyList<Type> initialTypes, int rulesPerMethod = FusedGenerator.RulesPerChunk, IReadOnlyList<string>? reasonNames = null)
    {
        ArgumentNullException.ThrowIfNull(flat);
        ArgumentNullException.ThrowIfNull(constantFacts);
        ArgumentNullException.ThrowIfNull(initialTypes);
        return new FusedRuleSet(flat, new FusedGenerator(flat, constantFacts, initialTypes, rulesPerMethod), reasonNames ?? []);
    }

    /// <summary>Compiles both variants now (rather than on first use).</summary>
    public void Warm()
    {
        _ = _full.Value;
        _ = _decide.Value;
    }

    /// <summary>Runs the rules over one opportunity's facts until nothing more fires (as <see cref="FlatRuleSet.Run(ReadOnlySpan{object}, ReadOnlySpan{object}, bool)"/>).</summary>
    /// <param name="facts">The initial facts: one of each initial type and the constant facts the method was fused for.</param>
    /// <param name="dependencies">The services rules resolve as dependencies (e.g. the scorecard's ledgers).</param>
    /// <param name="explanations"><see langword="false"/> runs the variant that builds no explanation-only values.</param>
    /// <exception cref="FlatRuleException">A condition or an action threw; carries the rule's name.</exception>
    public void Run(ReadOnlySpan<object> facts, ReadOnlySpan<object> dependencies, bool explanations)
    {
        var method = explanations ? _full.Value : _decide.Value;
        var run = t_run is { } cached && ReferenceEquals(cached.Set, this) ? cached : (t_run = new FusedRun(this));
        run.Begin(dependencies, explanations: explanations);
        try
        {
            foreach (var d in dependencies)
            {
                if (!explanations && d is IExplanationSink { KeepsExplanations: true })
                {
                    throw new ArgumentException("a run without explanations would leave placeholders in a dependency that keeps them: give it one that keeps only the decisions (ScoringDetail.Decisions), or run with explanations", nameof(dependencies));
                }

                if (Flat.SlotOf(d.GetType()) is var slot and >= 0)
                {
                    run.Facts[slot] = d;
                }
            }

            foreach (var fact in facts)
            {
                run.Place(fact);
            }

            foreach (var slot in _initialSlots)
            {
                if (run.Facts[slot] is null)
                {
                    throw new ArgumentException($"a fused run needs a fact of type {Flat._slotTypes[slot].Name}", nameof(facts));
                }
            }

            method.Run(run);
        }
        finally
        {
            run.End();
        }
    }

    /// <summary>
    /// Runs the rules as <see cref="Run(ReadOnlySpan{object}, ReadOnlySpan{object}, bool)"/> does, over facts and
    /// dependencies of the types <paramref name="shape"/> resolved (in its order): no type or slot is looked up, and
    /// the shape's checks (no type twice, every initial fact present) are not repeated.
    /// </summary>
    /// <param name="shape">The slots of the facts' and dependencies' types, for this rule set.</param>
    /// <param name="facts">The facts, of exactly the shape's fact types, in its order.</param>
    /// <param name="dependencies">
    /// The dependencies, of exactly the shape's dependency types, in its order; without <paramref name="explanations"/>
    /// none may keep explanations (the caller built them for the same detail).
    /// </param>
    /// <param name="explanations"><see langword="false"/> runs the variant that builds no explanation-only values.</param>
    /// <exception cref="FlatRuleException">A condition or an action threw; carries the rule's name.</exception>
    public void Run(FusedShape shape, ReadOnlySpan<object> facts, ReadOnlySpan<object> dependencies, bool explanations)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (!ReferenceEquals(shape.Set, this) || facts.Length != shape.FactSlots.Length || dependencies.Length != shape.DependencySlots.Length)
        {
            throw new ArgumentException("the shape was resolved for another rule set or another number of facts", nameof(shape));
        }

        var method = explanations ? _full.Value : _decide.Value;
        var run = t_run is { } cached && ReferenceEquals(cached.Set, this) ? cached : (t_run = new FusedRun(this));
        run.Begin(dependencies, shape.DependencyTypes, explanations);
        try
        {
            var slots = shape.DependencySlots;
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] >= 0)
                {
                    run.Facts[slots[i]] = dependencies[i];
                }
            }

            slots = shape.FactSlots;
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] >= 0)
                {
                    run.Facts[slots[i]] = facts[i];
                }
            }

            method.Run(run);
        }
        finally
        {
            run.End();
        }
    }

    /// <summary>The slots of the initial facts the fused method reads from locals (each run must place them).</summary>
    internal int[] InitialSlots => _initialSlots;

    [ThreadStatic]
    private static FusedRun? t_run;
}
