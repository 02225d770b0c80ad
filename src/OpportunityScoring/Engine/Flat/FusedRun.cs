using System.Runtime.CompilerServices;
using NRules.RuleModel;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// One thread's run state for a fused rule set: the facts by slot, the rule firing (what <see cref="IContext.Rule"/>
/// answers inside an action), and where the fused method must resume when an action inserts a fact that a rule
/// earlier in the firing order reads (<see cref="Rewind"/>). The fused method reads and writes its fields directly.
/// </summary>
internal sealed class FusedRun(FusedRuleSet set) : InsertOnlyContext(set.Ranks), IContext
{
    /// <summary>The facts by slot (the flat rule set's slots).</summary>
    public readonly object?[] Facts = new object?[set.SlotCount];

    /// <summary>Per rule (in firing order), whether it fired in this run: a rewind to an earlier rule skips those that fired.</summary>
    public readonly bool[] Fired = new bool[set.Definitions.Length];

    /// <summary>The rule whose actions run, <see langword="null"/> before the first.</summary>
    public IRuleDefinition? Current => CurrentIndex >= 0 ? set.Definitions[CurrentIndex] : null;

    /// <summary>
    /// The lowest index of a rule, before the one firing, that reads a fact inserted since the method last looked;
    /// <see cref="int.MaxValue"/> when none. The fused method jumps back there, as the flat engine would fire it next.
    /// </summary>
    public int Rewind = int.MaxValue;

    private object?[] _dependencies = [];
    private Type?[] _dependencyTypes = [];
    private Type?[] _ownTypes = [];
    private AssessmentLog? _log; // the log ranking its reasons by this run's rules, detached at the end

    public FusedRuleSet Set => set;

    public IRuleDefinition Rule => Current ?? throw new InvalidOperationException("no rule is firing");

    /// <summary>The name of the rule whose actions run (what <c>Rule.Name</c> answers, without two interface calls).</summary>
    public string RuleName
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // every action names its rule: inlined into the fused methods
        get => CurrentIndex >= 0 ? set.Names[CurrentIndex] : Rule.Name;
    }

    public IMatch Match => throw Unsupported("IContext.Match");

    public CancellationToken CancellationToken => CancellationToken.None;

    /// <summary>
    /// Starts a run over these dependencies; their types are <paramref name="types"/> when the caller resolved them once (a
    /// <see cref="FusedShape"/>). With <paramref name="explanations"/>, an assessment log among them is attached to the run:
    /// the reasons it records are keyed by the rules' ranks, and sorted when the run ends (<see cref="AssessmentLog.RankBy"/>).
    /// </summary>
    public void Begin(ReadOnlySpan<object> dependencies, Type[]? types = null, bool explanations = true)
    {
        if (_dependencies.Length != dependencies.Length)
        {
            _dependencies = new object?[dependencies.Length];
            _ownTypes = new Type?[dependencies.Length];
        }

        dependencies.CopyTo(_dependencies!);
        foreach (var d in explanations ? dependencies : []) // without explanations there are no reasons to rank
        {
            if (d is AssessmentLog log)
            {
                _log = log;
                log.RankBy(this); // the reasons it records while a rule fires carry that rule's rank
                break;
            }
        }

        if (types is not null)
        {
            _dependencyTypes = types!; // read only: the shape's
        }
        else
        {
            _dependencyTypes = _ownTypes;
            for (var i = 0; i < dependencies.Length; i++)
            {
                _ownTypes[i] = dependencies[i]?.GetType(); // once per run, not once per rule that resolves a ledger
            }
        }

        Array.Clear(Facts);
        Array.Clear(Fired);
        CurrentIndex = -1;
        Rewind = int.MaxValue;
    }

    public void End()
    {
        _log?.RankBy(null);
        _log = null;
        Array.Clear(Facts); // hold no reference to the opportunity or its scorecard after the run
        Array.Clear(_dependencies);
        Array.Clear(_ownTypes);
        _dependencyTypes = _ownTypes;
        CurrentIndex = -1;
    }

    /// <summary>Puts a fact into its slot; the slot, or -1 when no rule reads the type.</summary>
    public int Place(object fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var slot = set.Flat.SlotOf(fact.GetType());
        if (slot < 0)
        {
            return -1; // no rule matches this type
        }

        if (Facts[slot] is not null)
        {
            throw new FlatRuleException(Current?.Name, new InvalidOperationException(
                $"a second fact of type {fact.GetType().Name} was inserted; the compiled engine holds one fact per type per opportunity"), condition: false);
        }

        Facts[slot] = fact;
        return slot;
    }

    public void Insert(object fact)
    {
        var slot = Place(fact);
        if (slot >= 0 && set.FirstReader[slot] is var first && first < CurrentIndex && first < Rewind)
        {
            Rewind = first;
        }
    }

    public void InsertAll(IEnumerable<object> facts)
    {
        foreach (var f in facts)
        {
            Insert(f);
        }
    }

    public bool TryInsert(object fact)
    {
        Insert(fact);
        return true;
    }

    /// <summary>The dependency of exactly this type (a rule's <c>ctx.Resolve</c>); a handful, so a scan beats hashing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // every action resolves its ledger: inlined into the fused methods
    public object Resolve(Type serviceType)
    {
        var types = _dependencyTypes;
        for (var i = 0; i < types.Length; i++)
        {
            if (ReferenceEquals(types[i], serviceType) && serviceType is not null)
            {
                return _dependencies[i]!;
            }
        }

        return NotGiven(serviceType);
    }

    private object NotGiven(Type? serviceType) =>
        throw new FlatRuleException(Current?.Name, new InvalidOperationException($"no dependency of type {serviceType?.Name} was given to the run"), condition: false);

    /// <inheritdoc />
    protected override string? FiringRuleName => Current?.Name;
}
