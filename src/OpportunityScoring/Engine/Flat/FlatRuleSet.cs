using System.Linq.Expressions;
using System.Reflection;
using NRules.RuleModel;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// The same NRules rule definitions (the canonical <see cref="IRuleDefinition"/> model: patterns, condition
/// expressions, actions, priorities) compiled into a flat evaluator — no Rete network, no session. It supports the
/// shapes the shipped rule sets use: conjunctions of patterns over sealed fact types with at most one fact per type
/// per opportunity (the opportunity, the policy fact, derived facts the rules insert), dependencies, priorities and
/// insert-only actions. Any other shape makes <see cref="Compile(IEnumerable{IRuleDefinition})"/> refuse, naming the rule; the scorer then falls
/// back to Rete sessions, so the two engines never differ silently.
/// </summary>
internal sealed class FlatRuleSet
{
    internal readonly FlatRule[] _rules;          // in firing order: priority descending, then definition order
    internal readonly int[][] _rulesBySlot;        // the rules that read each slot
    internal readonly Type[] _slotTypes;            // the type of each slot: a handful, so a scan beats hashing

    private FlatRuleSet(FlatRule[] rules, Dictionary<Type, int> slots, IReadOnlyList<string>? reasonNames)
    {
        _rules = rules;
        Ranks = new RuleRanks([.. rules.Select(r => r.Definition.Name)], reasonNames);
        _slotTypes = new Type[slots.Count];
        foreach (var (type, slot) in slots)
        {
            _slotTypes[slot] = type;
        }

        _rulesBySlot = new int[slots.Count][];
        for (var s = 0; s < slots.Count; s++)
        {
            _rulesBySlot[s] = Enumerable.Range(0, rules.Length).Where(i => rules[i].Slots.Contains(s) && !rules[i].DependencySlots.Contains(s)).ToArray();
        }
    }

    /// <summary>The number of rules compiled.</summary>
    public int Count => _rules.Length;

    /// <summary>Each rule's rank in the ordinal order of the names (the log's sort of the reasons by rule), in firing order.</summary>
    internal RuleRanks Ranks { get; }

    /// <summary>Compiles rule definitions into a flat evaluator, or says which rules it cannot compile and why.</summary>
    /// <param name="rules">The rule definitions (as compiled for Rete).</param>
    /// <returns>The evaluator, or the refusals (one message per rule outside the supported shapes).</returns>
    public static FlatCompilation Compile(IEnumerable<IRuleDefinition> rules) => Compile(rules, new Dictionary<Type, object>());

    /// <summary>
    /// Compiles rule definitions into a flat evaluator, with a second variant of each action for runs that keep no
    /// explanations: in it, a value of an explanation-only type (e.g. a message) that an action hands straight to one of
    /// the rule's dependencies, built only by members marked <see cref="ExplanationOnlyAttribute"/>, is replaced by that
    /// type's placeholder, so nothing is formatted that nobody will read. Whatever else the value's construction
    /// evaluates (the builders' arguments, their null checks) still runs, so both variants fail and act alike.
    /// </summary>
    /// <param name="rules">The rule definitions (as compiled for Rete).</param>
    /// <param name="explanationOnly">
    /// The explanation-only types and their placeholders. A type belongs here only when its values never decide
    /// anything: no condition reads them, and the dependency that receives them drops them when it keeps no
    /// explanations.
    /// </param>
    /// <returns>The evaluator, or the refusals (one message per rule outside the supported shapes).</returns>
    /// <param name="reasonNames">
    /// The names the rules record reasons in besides their own, ranked with the rules' names from the start (see
    /// <see cref="RuleRanks"/>); others are learned when first recorded.
    /// </param>
    public static FlatCompilation Compile(IEnumerable<IRuleDefinition> rules, IReadOnlyDictionary<Type, object> explanationOnly, IReadOnlyList<string>? reasonNames = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(explanationOnly);
        foreach (var (type, placeholder) in explanationOnly)
        {
            if (placeholder is null || !type.IsInstanceOfType(placeholder))
            {
                throw new ArgumentException($"the placeholder for the explanation-only type {type.Name} must be an instance of it", nameof(explanationOnly));
            }
        }

        var definitions = rules.ToList();
        var slots = new Dictionary<Type, int>();
        var refusals = new List<string>();
        var compiled = new List<FlatRule>();
        for (var index = 0; index < definitions.Count; index++)
        {
            var rule = definitions[index];
            try
            {
                compiled.Add(FlatRule.Compile(rule, index, slots, explanationOnly));
            }
            catch (NotSupportedException e)
            {
                refusals.Add($"rule {rule.Name}: {e.Message}");
            }
        }

        if (refusals.Count > 0)
        {
            return new FlatCompilation(null, refusals);
        }

        var ordered = compiled.OrderByDescending(r => r.Definition.Priority).ThenBy(r => r.Order).ToArray();
        return new FlatCompilation(new FlatRuleSet(ordered, slots, reasonNames), []);
    }

    /// <summary>Runs the rules over one opportunity's facts until nothing more fires.</summary>
    /// <param name="facts">The initial facts (at most one of each type).</param>
    /// <param name="dependencies">The services rules resolve as dependencies (e.g. the scorecard).</param>
    /// <exception cref="FlatRuleException">A condition or an action threw; carries the rule's name.</exception>
    public void Run(ReadOnlySpan<object> facts, ReadOnlySpan<object> dependencies) => Run(facts, dependencies, explanations: true);

    /// <summary>Runs the rules over one opportunity's facts until nothing more fires.</summary>
    /// <param name="facts">The initial facts (at most one of each type).</param>
    /// <param name="dependencies">The services rules resolve as dependencies (e.g. the scorecard).</param>
    /// <param name="explanations">
    /// <see langword="false"/> runs the actions' variant that computes no explanation-only values (see
    /// <see cref="Compile(IEnumerable{IRuleDefinition}, IReadOnlyDictionary{Type, object}, IReadOnlyList{string})"/>): only for dependencies that keep no explanations.
    /// </param>
    /// <exception cref="FlatRuleException">A condition or an action threw; carries the rule's name.</exception>
    /// <exception cref="ArgumentException">A run without explanations was given a dependency that keeps them (<see cref="IExplanationSink"/>).</exception>
    public void Run(ReadOnlySpan<object> facts, ReadOnlySpan<object> dependencies, bool explanations)
    {
        // One run state per thread and rule set, reused: a run allocates nothing of its own.
        var run = t_run is { } cached && ReferenceEquals(cached.Set, this) ? cached : (t_run = new FlatRun(this));
        run.Begin(explanations, dependencies);
        try
        {
            foreach (var d in dependencies)
            {
                if (!explanations && d is IExplanationSink { KeepsExplanations: true })
                {
                    throw new ArgumentException("a run without explanations would leave placeholders in a dependency that keeps them: give it one that keeps only the decisions (ScoringDetail.Decisions), or run with explanations", nameof(dependencies));
                }

                if (SlotOf(d.GetType()) is var slot and >= 0)
                {
                    run.Facts[slot] = d;
                }
            }

            foreach (var fact in facts)
            {
                run.Place(fact, null);
            }

            run.MatchAll(); // once all initial facts are in: a rule is checked once, not once per fact it reads
            run.Fire();
        }
        finally
        {
            run.End();
        }
    }

    /// <summary>The slot that holds facts of exactly this type, or -1 when no rule reads it.</summary>
    internal int SlotOf(Type type)
    {
        var types = _slotTypes;
        for (var i = 0; i < types.Length; i++)
        {
            if (ReferenceEquals(types[i], type))
            {
                return i;
            }
        }

        return -1;
    }

    [ThreadStatic]
    private static FlatRun? t_run;


}
