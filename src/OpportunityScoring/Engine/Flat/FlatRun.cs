using NRules.RuleModel;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// One thread's run state for a flat rule set: the facts by slot, each rule's state, the rule firing (its index, the
/// cursor of an attached assessment log that keys the reasons by their rules' ranks: see <see cref="AssessmentLog.RankBy"/>).
/// </summary>
internal sealed class FlatRun(FlatRuleSet set) : InsertOnlyContext(set.Ranks), IContext
{
    private const byte Matched = 1;
    private const byte Fired = 2;
    private readonly byte[] _state = new byte[set._rules.Length]; // per rule: 0, matched, or matched and fired
    private int _next;                                              // no matched, unfired rule comes before this index
    private FlatRule? _current;
    private bool _explanations;
    private object?[] _dependencies = [];
    private AssessmentLog? _log; // the log ranking its reasons by this run's rules, detached at the end

    public FlatRuleSet Set => set;

    public object?[] Facts { get; } = new object?[set._slotTypes.Length];

    public IRuleDefinition Rule => _current?.Definition ?? throw new InvalidOperationException("no rule is firing");

    public IMatch Match => throw Unsupported("IContext.Match");

    public CancellationToken CancellationToken => CancellationToken.None;

    public void Insert(object fact, FlatRule? by)
    {
        if (Place(fact, by) is { } slot)
        {
            foreach (var i in set._rulesBySlot[slot])
            {
                TryMatch(i);
            }
        }
    }

    /// <summary>Puts a fact into its slot without matching; the slot, or <see langword="null"/> when no rule reads the type.</summary>
    public int? Place(object fact, FlatRule? by)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var slot = set.SlotOf(fact.GetType());
        if (slot < 0)
        {
            return null; // no rule matches this type
        }

        if (Facts[slot] is not null)
        {
            throw new FlatRuleException(by?.Definition.Name, new InvalidOperationException(
                $"a second fact of type {fact.GetType().Name} was inserted; the compiled engine holds one fact per type per opportunity"), condition: false);
        }

        Facts[slot] = fact;
        return slot;
    }

    /// <summary>Matches every rule against the facts in place (after the initial facts were placed).</summary>
    public void MatchAll()
    {
        for (var i = 0; i < _state.Length; i++)
        {
            TryMatch(i);
        }
    }

    private void TryMatch(int i)
    {
        var rule = set._rules[i];
        if (_state[i] == 0 && rule.Matches(Facts))
        {
            _state[i] = Matched;
            if (i < _next)
            {
                _next = i;
            }
        }
    }

    public void Begin(bool explanations, ReadOnlySpan<object> dependencies)
    {
        _explanations = explanations;
        if (_dependencies.Length != dependencies.Length)
        {
            _dependencies = new object?[dependencies.Length];
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

        CurrentIndex = -1;
        Array.Clear(_state);
        Array.Clear(Facts);
        _next = int.MaxValue;
        _current = null;
    }

    public void End()
    {
        _log?.RankBy(null); // the run ended: the log sorts the reasons by their keys
        _log = null;
        CurrentIndex = -1;
        Array.Clear(Facts); // hold no reference to the opportunity or its scorecard after the run
        Array.Clear(_dependencies);
        _current = null;
    }

    /// <summary>Fires the first matched, unfired rule in firing order, again and again, until none is left.</summary>
    public void Fire()
    {
        while (true)
        {
            var next = -1;
            for (var i = _next; i < _state.Length; i++)
            {
                if (_state[i] == Matched)
                {
                    next = i;
                    break;
                }
            }

            if (next < 0)
            {
                _next = int.MaxValue;
                return;
            }

            _state[next] = Fired;
            _next = next + 1;
            _current = set._rules[next];
            CurrentIndex = next; // the rank of the reasons its actions record
            _current.Execute(this, Facts, _explanations);
            _current = null;
            CurrentIndex = -1;
        }
    }

    public void Insert(object fact) => Insert(fact, _current);

    public void InsertAll(IEnumerable<object> facts)
    {
        foreach (var f in facts)
        {
            Insert(f, _current);
        }
    }

    public bool TryInsert(object fact)
    {
        Insert(fact, _current);
        return true;
    }

    /// <summary>The dependency of exactly this type (a rule's <c>ctx.Resolve</c>); a handful, so a scan beats hashing.</summary>
    public object Resolve(Type serviceType)
    {
        foreach (var d in _dependencies)
        {
            if (d is not null && ReferenceEquals(d.GetType(), serviceType))
            {
                return d;
            }
        }

        throw new FlatRuleException(_current?.Definition.Name, new InvalidOperationException($"no dependency of type {serviceType?.Name} was given to the run"), condition: false);
    }

    /// <inheritdoc />
    protected override string? FiringRuleName => _current?.Definition.Name;
}
