using System.Collections.Frozen;

namespace OpportunityScoring;

/// <summary>
/// A compiled rule set's rules (in firing order) with each one's rank in the ordinal order of the names its reasons
/// carry: a name's rank is the number of distinct names known that sort before it with
/// <see cref="string.CompareOrdinal(string, string)"/>, so comparing two ranks of one <see cref="RankTable"/> gives the sign
/// of comparing the two names (equal names, equal ranks). The rules' own names are ranked once per compiled rule set; a
/// name a rule records besides its own (a gate requirement's, one per requirement a stage's rule checks) is learned the
/// first time a reason carries it, and a new table is published (the reasons recorded under an older table are compared
/// by name). The assessment log sorts the reasons by these integers when every reason has one (see
/// <see cref="AssessmentLog.SortedReasons"/>). Thread safe: tables are immutable, learning takes a lock.
/// </summary>
internal sealed class RuleRanks
{
    /// <summary>The most names ranked (a rank fits the low 16 bits of the log's sort key).</summary>
    public const int MaxNames = 1 << 16;

    /// <summary>The most names learned besides the rules' own: past it, other names stay unranked (compared by name).</summary>
    public const int MaxLearned = 1024;

    private readonly Lock _learning = new();
    private RankTable _table;

    /// <summary>Ranks the rules named, in firing order, and the other names their reasons are known to carry.</summary>
    /// <param name="names">The rules' names in firing order (kept, not copied: the caller's immutable array).</param>
    /// <param name="reasonNames">The names the rules record reasons in besides their own (ranked from the start).</param>
    public RuleRanks(string[] names, IReadOnlyList<string>? reasonNames = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        string[] others = [.. (reasonNames ?? []).Distinct(StringComparer.Ordinal)];
        ArgumentOutOfRangeException.ThrowIfGreaterThan(names.Length + others.Length, MaxNames - MaxLearned);
        Names = names;
        _table = new RankTable(names, others);
        _declared = others.Length;
    }

    private readonly int _declared;

    /// <summary>The rules' names in firing order.</summary>
    public string[] Names { get; }

    /// <summary>The current table (replaced when a name is learned).</summary>
    public RankTable Table => Volatile.Read(ref _table);

    /// <summary>Whether another name may still be learned.</summary>
    public bool CanLearn => Table.Others.Count < _declared + MaxLearned;

    /// <summary>Learns a name recorded besides the rules' own, publishing a new table (up to <see cref="MaxLearned"/> names).</summary>
    public void Learn(string name)
    {
        lock (_learning)
        {
            var table = _table;
            if (table.Others.ContainsKey(name) || table.Others.Count >= _declared + MaxLearned)
            {
                return;
            }

            Volatile.Write(ref _table, new RankTable(Names, [.. table.Others.Keys, name]));
        }
    }
}

/// <summary>One immutable ranking of a rule set's names and the other names learned so far.</summary>
internal sealed class RankTable
{
    /// <summary>Ranks the rules' names (in firing order) together with <paramref name="others"/>.</summary>
    public RankTable(string[] names, string[] others)
    {
        var distinct = names.Concat(others).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        Ranks = [.. names.Select(n => Array.BinarySearch(distinct, n, StringComparer.Ordinal))];
        Others = others.ToFrozenDictionary(n => n, n => Array.BinarySearch(distinct, n, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Per rule in firing order, the rank of its name.</summary>
    public int[] Ranks { get; }

    /// <summary>The names learned besides the rules' own, with their ranks.</summary>
    public FrozenDictionary<string, int> Others { get; }

    /// <summary>
    /// The rank of a reason named <paramref name="rule"/> recorded while rule <paramref name="index"/> of
    /// <paramref name="names"/> fires (-1: none): the firing rule's rank when the reason names it, else the learned name's;
    /// -1 when the name is not known.
    /// </summary>
    public int RankOf(string[] names, int index, string rule) =>
        (uint)index < (uint)names.Length && string.Equals(names[index], rule, StringComparison.Ordinal) ? Ranks[index]
        : Others.TryGetValue(rule, out var rank) ? rank : -1;
}

/// <summary>
/// Which rule of a compiled rule set fires, and the sort keys of the reasons an assessment log records meanwhile: the
/// run of the compiled engine writes <see cref="CurrentIndex"/> when a rule fires; an assessment log attached to the run
/// (<see cref="AssessmentLog.RankBy"/>) gives each reason it records a key here — its criterion's group and the rank of
/// its rule's name (<see cref="RuleRanks"/>) — and, when the run ends, has the reasons sorted by these integers. One per
/// run (the runs are per thread and reused): the keys' buffer is the run's, not the assessment's.
/// </summary>
internal abstract class RuleCursor
{
    /// <summary>
    /// The index (in firing order) of the rule whose actions run; -1 before the first. The compiled method writes only this
    /// integer when a rule fires.
    /// </summary>
    public int CurrentIndex = -1;

    /// <summary>The ranks of the rule set's rules, or <see langword="null"/> when the run does not rank them.</summary>
    public readonly RuleRanks? Ranks;

    private RankTable? _table; // the table of this run's keys: one for the whole run, so that every key compares
    private int[] _keys = new int[64];
    private int _count;
    private int _unranked;

    /// <summary>Creates the cursor of a run over rules ranked by <paramref name="ranks"/> (none: the reasons are not ranked).</summary>
    protected RuleCursor(RuleRanks? ranks) => Ranks = ranks;

    /// <summary>The number of groups of reasons: one per criterion, one for the rules that decide (last).</summary>
    private const int Groups = (int)Criterion.GrossMargin + 2;

    /// <summary>Starts keying the reasons of a log that holds <paramref name="recorded"/> reasons already (those have no key).</summary>
    internal void StartKeys(int recorded)
    {
        _table = Ranks!.Table;
        _count = 0;
        _unranked = recorded;
    }

    /// <summary>Keys the next reason recorded: its group and its rule's rank, or none (the names are then compared).</summary>
    internal void Key(Reason reason)
    {
        var n = _count++;
        if (n == _keys.Length)
        {
            Array.Resize(ref _keys, n * 2);
        }

        var ranks = Ranks!;
        var rank = _table!.RankOf(ranks.Names, CurrentIndex, reason.Rule);
        var group = reason.Criterion is { } c ? (int)c : Groups - 1;
        if (rank >= 0 && (uint)group < Groups)
        {
            _keys[n] = group << 16 | rank;
            return;
        }

        _unranked++;
        if (rank < 0 && ranks.CanLearn)
        {
            ranks.Learn(reason.Rule); // this assessment compares names; the next runs rank this name too
        }
    }

    /// <summary>
    /// The reasons in the order of their keys (group, then rank, equal ranks in recording order), when every one of
    /// <paramref name="reasons"/> was keyed; otherwise <see langword="null"/> (the log compares the names).
    /// </summary>
    internal Reason[]? SortedByKey(ReadOnlySpan<Reason> reasons)
    {
        if (_unranked != 0 || _count != reasons.Length || reasons.Length == 0)
        {
            return null;
        }

        // the reasons dealt into their groups, each group kept sorted by (rank, place) as it fills — the keys made unique by
        // the reason's place and sorted as integers — then the reasons stored once each in that order: no reference moved
        // during the sort (each store to an array of reasons costs a type check and a write barrier)
        var n = reasons.Length;
        var keys = _keys;
        Span<int> start = stackalloc int[Groups + 1]; // start[g + 1]: how many reasons are in group g, then where g + 1 starts
        start.Clear();
        for (var i = 0; i < n; i++)
        {
            start[(keys[i] >> 16) + 1]++;
        }

        for (var g = 1; g < start.Length; g++)
        {
            start[g] += start[g - 1];
        }

        Span<int> end = stackalloc int[Groups];
        start[..Groups].CopyTo(end);
        Span<long> order = n <= 64 ? stackalloc long[64] : new long[n];
        for (var i = 0; i < n; i++)
        {
            var group = keys[i] >> 16;
            var key = (long)keys[i] << 32 | (uint)i;
            var first = start[group];
            var j = end[group]++;
            while (j > first && order[j - 1] > key)
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = key;
        }

        var sorted = new Reason[n];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = reasons[(int)order[i]];
        }

        return sorted;
    }
}
