namespace OpportunityScoring;

/// <summary>
/// What every decision slice's ledger writes beside its own results while the rules fire: the reasons (every rule
/// that fired, with its points and message), the red flags and the evidence still missing. One per opportunity and
/// session; not thread safe. Without explanations it keeps only what the decisions need (the red flags' codes and the
/// count of missing evidence) and builds no message.
/// </summary>
internal sealed class AssessmentLog : IExplanationSink
{
    // the reasons and the missing evidence recorded, in the thread's arrays until the assessment copies them out sorted
    // (see ScratchList); without explanations nothing is listed (every add checks Explains)
    private ScratchList<Reason> _reasons;
    private ScratchList<RedFlag> _redFlags; // with or without explanations: the decisions list the flags' codes
    private ScratchList<MissingEvidence> _missing;
    // the places of the first eight missing fields when the caller knew them: a byte each, the place + 1 (0: not known)
    private ulong _missingOrders;
    // while a compiled run fires the rules, that run (a RuleCursor, keying the reasons); once it ended, the reasons it
    // sorted by their keys (a Reason[]) if every one had a key; otherwise null. One field: a log per assessment, decisions too.
    private object? _ranking;
    private HandedOut _handedOut;
    private RedFlag[]? _flagsOut; // the red flags once copied out, sorted (see FlagsOut)
    private bool _flagsGiven;

    /// <summary>Creates an empty log.</summary>
    /// <param name="explains">Whether to keep the reasons and messages, or only the decisions.</param>
    public AssessmentLog(bool explains) => Explains = explains;

    /// <summary>
    /// Attaches the run of a compiled rule set whose rules are ranked (<see cref="RuleRanks"/>), or detaches it
    /// (<see langword="null"/>): while attached, a reason recorded in the name of the rule firing carries that rule's rank,
    /// and <see cref="SortedReasons"/> compares the ranks instead of the names when every reason has one.
    /// </summary>
    public void RankBy(RuleCursor? cursor)
    {
        if (_ranking is RuleCursor running)
        {
            _ranking = running.SortedByKey(_reasons.Items); // the run ended
        }

        if (Explains && cursor is { Ranks: not null })
        {
            cursor.StartKeys(_reasons.Count);
            _ranking = cursor;
        }
    }

    /// <summary>Whether the reasons and messages are kept.</summary>
    public bool Explains { get; }

    /// <inheritdoc />
    public bool KeepsExplanations => Explains;

    /// <summary>The red flags raised so far, in the order they were raised (until they are handed out).</summary>
    public ReadOnlySpan<RedFlag> RedFlags => _redFlags.Items;

    /// <summary>How many pieces of evidence were found missing (counted with or without explanations).</summary>
    public int MissingCount { get; private set; }

    /// <summary>Records that a rule fired (with the points it added, 0 for a decision or a flag).</summary>
    public void Reason(string rule, Criterion? criterion, decimal points, MessageText message)
    {
        if (Explains)
        {
            Keep(new Reason(rule, criterion, points, message));
        }
    }

    /// <summary>Records a reason built (or shared) by the caller.</summary>
    public void Add(Reason reason)
    {
        if (Explains)
        {
            Keep(reason);
        }
    }

    /// <summary>Lists a reason, keyed for the sort by the compiled run firing its rule, if one is attached.</summary>
    private void Keep(Reason reason)
    {
        if (_ranking is { } ranking and not Reason[]) // an exact type test, not a walk up the run's classes: per reason
        {
            System.Runtime.CompilerServices.Unsafe.As<RuleCursor>(ranking).Key(reason);
        }

        _reasons.Add(reason);
    }

    /// <summary>Records that a rule fired without adding points.</summary>
    public void Note(string rule, Criterion? criterion, MessageText message) => Reason(rule, criterion, 0m, message);

    /// <summary>
    /// Records that a rule fired without adding points, with a message the caller shares between assessments (a catalogue
    /// text, a <see cref="SharedMessages"/> message, a static one): the reason is shared too when the same rule notes the
    /// same message again (<see cref="SharedNotes"/>).
    /// </summary>
    public void NoteShared(string rule, Criterion? criterion, MessageText message)
    {
        if (Explains)
        {
            Keep(SharedNotes.Of(rule, criterion, message));
        }
    }

    /// <summary>Raises a red flag and notes the rule among the reasons (its flag's text most often a shared one).</summary>
    public void Flag(string rule, Criterion? criterion, string code, MessageText message)
    {
        if (_flagsOut is not null)
        {
            throw new InvalidOperationException($"Rule {rule} raised red flag '{code}' after the red flags were handed out.");
        }

        _redFlags.Add(SharedNotes.Flag(code, message, rule));
        NoteShared(rule, criterion, message);
    }

    /// <summary>Counts a piece of missing evidence and, with explanations, records it (built or shared by the caller).</summary>
    public void Missing(MissingEvidence missing) => Missing(missing, -1);

    /// <summary>
    /// Counts a piece of missing evidence and, with explanations, records it with its field's place in the order
    /// <see cref="SortedMissing"/> is given (found once by the caller: no look-up of the field per assessment).
    /// </summary>
    public void Missing(MissingEvidence missing, int order)
    {
        MissingCount++;
        if (Explains)
        {
            var i = _missing.Count;
            if (i < 8 && order is >= 0 and < byte.MaxValue)
            {
                _missingOrders |= (ulong)(order + 1) << (8 * i);
            }

            _missing.Add(missing);
        }
    }

    /// <summary>Counts a piece of missing evidence and, with explanations, records what to find out.</summary>
    public void Missing(string field, MessageText message)
    {
        MissingCount++;
        if (Explains)
        {
            _missing.Add(new MissingEvidence(field, message));
        }
    }

    /// <summary>The reasons ordered by criterion (rules that decide last), then by rule name: never the firing order.</summary>
    /// <remarks>
    /// Dealt into one group per criterion (and one for the rules that decide) and each group sorted by rule name, compared
    /// by a struct comparer: no delegate call per comparison, and no reason moved past another criterion's.
    /// When every reason was recorded in the name of a rule (or a name learned) of a compiled rule set firing it (see
    /// <see cref="RankBy"/>), the run sorted them when it ended by their groups and their rules' ranks, in integers only:
    /// the same order, since the ranks order as the names do and equal names keep their recording order. That array is
    /// handed out once, and only if no reason was recorded since.
    /// </remarks>
    /// <para>The reasons are copied out once: the array they were recorded in goes back to the thread (see
    /// <see cref="ScratchList{T}"/>), so the log is spent and a second call throws.</para>
    /// <exception cref="InvalidOperationException">The reasons were already handed out.</exception>
    public Reason[] SortedReasons()
    {
        Spend(HandedOut.Reasons);
        var sorted = _ranking is Reason[] ranked && ranked.Length == _reasons.Count
            ? ranked
            : StableSort.SortedCopyInGroups(_reasons.Items, Criteria, 0, static (_, r) => r.Criterion is { } c ? (int)c : int.MaxValue, default(ByRule));
        _ranking = null;
        _reasons.Release();

        return sorted;
    }

    /// <summary>Whether the reasons were sorted by their rules' ranks when the run ended (<see cref="SortedReasons"/> then compares no name).</summary>
    internal bool SortedByRank => _ranking is Reason[] sorted && sorted.Length == _reasons.Count;

    /// <summary>The number of criteria (the groups of the reasons).</summary>
    private const int Criteria = (int)Criterion.GrossMargin + 1;

    /// <summary>
    /// The red flags ordered by code. The first call hands out the array the flags were copied out into (see
    /// <see cref="FlagsOut"/>), a later one a copy of it.
    /// </summary>
    public RedFlag[] SortedRedFlags()
    {
        var flags = FlagsOut();
        if (_flagsGiven)
        {
            return flags.Length == 0 ? flags : [.. flags];
        }

        _flagsGiven = true;
        return flags;
    }

    /// <summary>
    /// The red flags' codes in code order: what <c>CodesOf(SortedRedFlags(), f =&gt; f.Code)</c> gives (the decisions),
    /// without a delegate per code.
    /// </summary>
    public string[] SortedRedFlagCodes()
    {
        var flags = FlagsOut();
        if (flags.Length == 0)
        {
            return [];
        }

        var codes = new string[flags.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = flags[i].Code;
        }

        return codes;
    }

    /// <summary>
    /// The red flags sorted by code (a stable insertion sort) and copied out of the thread's array, which goes back to the
    /// thread (see <see cref="ScratchList{T}"/>): once per log, the same array for both <see cref="SortedRedFlags"/> and
    /// <see cref="SortedRedFlagCodes"/>. A flag raised after it throws.
    /// </summary>
    private RedFlag[] FlagsOut()
    {
        if (_flagsOut is { } done)
        {
            return done;
        }

        var flags = _redFlags.Items.ToArray(); // an empty span gives the shared empty array
        for (var i = 1; i < flags.Length; i++)
        {
            var flag = flags[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(flags[j].Code, flag.Code) > 0)
            {
                flags[j + 1] = flags[j];
                j--;
            }

            flags[j + 1] = flag;
        }

        _redFlags.Release();
        return _flagsOut = flags;
    }

    /// <summary>The missing evidence in the given order of fields, then by field name (a stable sort).</summary>
    /// <param name="fieldOrder">
    /// The position of a field in the catalogue (<see cref="int.MaxValue"/> for fields outside it): asked only for the items
    /// recorded without their place (<see cref="Missing(MissingEvidence, int)"/>), which must be the one it gives.
    /// </param>
    /// <remarks>Copied out once, as the reasons are (<see cref="SortedReasons"/>): a second call throws.</remarks>
    public MissingEvidence[] SortedMissing(Func<string, int> fieldOrder)
    {
        Spend(HandedOut.Missing);
        var count = _missing.Count;
        if (count == 0)
        {
            return [];
        }

        var array = _missing.Items.ToArray();
        _missing.Release();
        Span<int> keys = count <= 32 ? stackalloc int[32] : new int[count];
        for (var i = 0; i < count; i++)
        {
            var known = i < 8 ? (int)((_missingOrders >> (8 * i)) & 0xFF) : 0;
            keys[i] = known > 0 ? known - 1 : fieldOrder(array[i].Field);
        }

        StableSort.SortByKeys(array, keys, default(ByField));
        return array;
    }

    /// <summary>Marks a list as copied out (its array handed back to the thread); the second time, throws.</summary>
    private void Spend(HandedOut list)
    {
        if ((_handedOut & list) != 0)
        {
            throw new InvalidOperationException($"The assessment log's {list} were already handed out: an assessment is built once from its log.");
        }

        _handedOut |= list;
    }

    /// <summary>The lists already copied out.</summary>
    [Flags]
    private enum HandedOut : byte
    {
        None = 0,
        Reasons = 1,
        Missing = 2,
    }

    /// <summary>The codes of items in their order (an empty array without allocating for none).</summary>
    public static string[] CodesOf<T>(T[] items, Func<T, string> code)
    {
        if (items.Length == 0)
        {
            return [];
        }

        var codes = new string[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            codes[i] = code(items[i]);
        }

        return codes;
    }

    /// <summary>The codes of items joined for a message.</summary>
    public static string Codes<T>(T[] items, Func<T, string> code) => string.Join(", ", items.Select(code));

    /// <summary>Orders two codes by their place in a catalogue list, then by code.</summary>
    public static int ByCatalogue(IReadOnlyList<string> catalogue, string x, string y)
    {
        var c = IndexOf(catalogue, x).CompareTo(IndexOf(catalogue, y));
        return c != 0 ? c : string.CompareOrdinal(x, y);
    }

    /// <summary>The place of a code in a catalogue list, <see cref="int.MaxValue"/> when absent.</summary>
    public static int IndexOf(IReadOnlyList<string> list, string code)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == code)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Prefix, string Code), MessageText> CatalogueTexts = new();

    /// <summary>The catalogue's text for a code (<c>{prefix}{code}</c>), or the placeholder when the log keeps no explanations.</summary>
    public MessageText Text(string prefix, string code) => Explains ? Catalogue(prefix, code) : MessageText.Omitted;

    /// <summary>The catalogue's text for a code, shared: a code's text without arguments never changes.</summary>
    public static MessageText Catalogue(string prefix, string code) =>
        CatalogueTexts.GetOrAdd((prefix, code), static key => MessageText.Of(key.Prefix + key.Code));

    /// <summary>Reasons of one criterion ordered by their rule's name.</summary>
    /// <summary>Missing evidence by field name, ordinally (the tie-break of its place).</summary>
    private readonly struct ByField : IComparer<MissingEvidence>
    {
        public int Compare(MissingEvidence? x, MissingEvidence? y) => string.CompareOrdinal(x!.Field, y!.Field);
    }

    private readonly struct ByRule : IComparer<Reason>
    {
        public int Compare(Reason? x, Reason? y) => string.CompareOrdinal(x!.Rule, y!.Rule);
    }
}
