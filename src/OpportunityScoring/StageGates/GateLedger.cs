namespace OpportunityScoring.StageGates;

/// <summary>
/// The stage-gate rules' ledger for one opportunity: the evidence its stage's gate still needs, the reasons the
/// pursuit ends, and the gate's decision (end, else defer, else advance). One per opportunity and session.
/// </summary>
internal sealed class GateLedger : IExplanationSink
{
    private readonly Stage _stage;
    private readonly AssessmentLog _log;
    // listed only with explanations, in the thread's array until the decision copies them out sorted (see ScratchList)
    private ScratchList<GateItem> _missing;
    private List<GateItem>? _ends;
    private int _missingCount; // without explanations, the missing evidence counted instead of listed

    /// <summary>Creates an empty ledger for an opportunity in a stage.</summary>
    public GateLedger(Stage stage, AssessmentLog log)
    {
        _stage = stage;
        _log = log;
    }

    /// <inheritdoc />
    public bool KeepsExplanations => _log.Explains;

    /// <summary>
    /// The gate result, once decided. Without explanations (a log that keeps only the decisions) its stage, outcome and
    /// next stage are decided as with them, but it lists no missing evidence: what is missing is explanation.
    /// </summary>
    public GateResult? Result { get; private set; }

    /// <summary>Records evidence the current stage's gate still needs.</summary>
    public void Missing(string rule, string code, MessageText message)
    {
        EnsureOpen(rule);
        if (!_log.Explains)
        {
            _missingCount++; // what is missing is explanation: without explanations only how many decides the gate
            return;
        }

        if (message is { Shared: true })
        {
            // a shared catalogue text: its item, its reason's message and its reason (all immutable) built once per stage
            // and text, and reused when the same rule records the same code (always, for the shipped rules)
            var shared = SharedMissing.Of(_stage, message, rule, code);
            if (string.Equals(shared.Rule, rule, StringComparison.Ordinal) && string.Equals(shared.Item.Code, code, StringComparison.Ordinal))
            {
                _missing.Add(shared.Item);
                _log.Add(shared.Reason);
                return;
            }

            _missing.Add(new GateItem(code, message));
            _log.NoteShared(rule, null, shared.Reason.Text);
            return;
        }

        _missing.Add(new GateItem(code, message));
        _log.Note(rule, null, MessageText.Of("reason.gate.missing", MessageText.Word(_stage), message));
    }

    /// <summary>Records evidence the gate still needs, with the catalogue's text for its code (<c>gate.missing.{code}</c>).</summary>
    public void Missing(string rule, string code) => Missing(rule, code, _log.Text("gate.missing.", code));

    /// <summary>Records a reason the pursuit ends (the project is closed).</summary>
    public void End(string rule, string code, MessageText message)
    {
        EnsureOpen(rule);
        (_ends ??= []).Add(new GateItem(code, message));
        if (_log.Explains)
        {
            _log.NoteShared(rule, null, SharedMessages.Default.Named("reason.gate.end", "gate.end.name.", code, message));
        }
    }

    /// <summary>Records a reason the pursuit ends, with the catalogue's text for its code (<c>gate.end.{code}</c>).</summary>
    public void End(string rule, string code) => End(rule, code, _log.Text("gate.end.", code));

    /// <summary>
    /// Decides the gate: end when any reason to end was recorded (or the project is closed), else defer when evidence
    /// is missing, else advance. Called once, by the decision rule, after every gate rule has fired.
    /// </summary>
    public void Decide(string rule)
    {
        EnsureOpen(rule);
        var outcome = _ends is { Count: > 0 } || _stage == Stage.Closed ? GateOutcome.End : _missing.Count + _missingCount > 0 ? GateOutcome.Defer : GateOutcome.Advance;
        var ends = StableSort.ToSortedArray(_ends, ByCode);
        Result = new GateResult
        {
            Stage = _stage,
            Outcome = outcome,
            NextStage = outcome switch
            {
                GateOutcome.Advance => GateCodes.NextStage(_stage),
                GateOutcome.Defer => _stage,
                _ => Stage.Closed,
            },
            Missing = SortedMissing(),
            EndedBy = ends,
        };
        if (!_log.Explains)
        {
            return;
        }

        _log.NoteShared(rule, null, outcome switch
        {
            GateOutcome.Advance => Advanced(_stage, Result.NextStage),
            GateOutcome.Defer => SharedMessages.StageCount("reason.gate.defer", Deferred, _stage, Result.Missing.Count),
            _ => _stage == Stage.Closed ? ProjectClosed : SharedMessages.Default.Listed("reason.gate.ended", MessageText.Word(_stage), "gate.end.name.", AssessmentLog.CodesOf(ends, static e => e.Code), EndCodes),
        });
    }

    /// <summary>The gate's missing items in the order of the stage's requirements, copied out of the thread's array (handed back).</summary>
    private GateItem[] SortedMissing()
    {
        var sorted = StableSort.SortedCopy(_missing.Items, (uint)_stage < (uint)RequirementOrder.Length ? RequirementOrder[(int)_stage] : NoRequirements, static (order, m) => order.GetValueOrDefault(m.Code, int.MaxValue), new ByCodeOrder());
        _missing.Release();
        return sorted;
    }

    private static readonly Dictionary<string, int> NoRequirements = [];

    /// <summary>Per stage, each requirement's place in <see cref="GateCodes.Requirements"/> (the first, for a code listed twice).</summary>
    private static readonly Dictionary<string, int>[] RequirementOrder = [.. Enum.GetValues<Stage>().Select(static stage =>
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = GateCodes.Requirements.GetValueOrDefault(stage, []);
        for (var i = 0; i < codes.Count; i++)
        {
            order.TryAdd(codes[i], i);
        }

        return order;
    })];

    private void EnsureOpen(string rule)
    {
        if (Result is not null)
        {
            throw new InvalidOperationException($"Rule {rule} changed the gate after it was decided; give it a higher priority than the gate decision rule.");
        }
    }

    private static readonly MessageText ProjectClosed = MessageText.Of("reason.gate.closed");

    /// <summary>Per stage, the reason it advances (to the stage after it): one message per stage, shared.</summary>
    private static readonly MessageText?[] Advances = new MessageText?[ContractEnum<Stage>.Count];

    /// <summary>The advance from <paramref name="stage"/> to <paramref name="next"/>: the stage's shared message when <paramref name="next"/> is the stage after it.</summary>
    private static MessageText Advanced(Stage stage, Stage next)
    {
        var i = ContractEnum<Stage>.Index(stage);
        if ((uint)i >= (uint)Advances.Length || next != GateCodes.NextStage(stage))
        {
            return MessageText.Of("reason.gate.advance", MessageText.Word(stage), MessageText.Word(next));
        }

        return Volatile.Read(ref Advances[i]) ?? (Advances[i] = MessageText.Of("reason.gate.advance", MessageText.Word(stage), MessageText.Word(next))); // a race builds an equal message twice
    }

    /// <summary>The deferrals' reasons, shared per stage and count of missing items (<see cref="SharedMessages.StageCount"/>).</summary>
    private static readonly MessageText?[] Deferred = SharedMessages.NewStageCountTable();

    /// <summary>The codes that end a pursuit, in the order their names are listed (ordinal: <see cref="ByCode"/>) —
    /// the catalogue's <c>gate.end.name.*</c> — for sharing the lists; another code's list is built afresh.</summary>
    private static readonly string[] EndCodes = ["bidLost", "knockOut", "noBid", "notShortlisted"];

    /// <summary>
    /// A stage's missing evidence with a shared text: the rule that first recorded it, its item and its reason. Built
    /// once per stage and text (bounded by the catalogue: a stage's requirements' texts, at most <see cref="Bound"/> per
    /// stage), found by the message's identity, not its text: per stage an immutable array scanned by reference (a
    /// stage's dozen texts: no hashing, no comparer) and replaced whole when a text is added. Thread safe: a lost race
    /// only builds the item again.
    /// </summary>
    private sealed class SharedMissing(string rule, string code, Stage stage, MessageText message)
    {
        private const int Bound = 64;
        private static readonly SharedMissing[][] ByStage = [.. Enum.GetValues<Stage>().Select(static _ => Array.Empty<SharedMissing>())];

        /// <summary>The stage's shared item for the text, built (and kept, within the bound) by the first rule that records it.</summary>
        public static SharedMissing Of(Stage stage, MessageText message, string rule, string code)
        {
            if ((uint)stage >= (uint)ByStage.Length)
            {
                return new SharedMissing(rule, code, stage, message);
            }

            var kept = Volatile.Read(ref ByStage[(int)stage]);
            for (var i = 0; i < kept.Length; i++)
            {
                if (ReferenceEquals(kept[i].Message, message))
                {
                    return kept[i];
                }
            }

            var built = new SharedMissing(rule, code, stage, message);
            return CopyOnWrite.TryAppend(ref ByStage[(int)stage], kept, built, Bound)
                ? built
                : Of(stage, message, rule, code); // another thread added a text: the first kept for this text wins
        }

        public MessageText Message { get; } = message;

        public string Rule { get; } = rule;

        public GateItem Item { get; } = new(code, message);

        public Reason Reason { get; } = new(rule, null, 0m, MessageText.Of("reason.gate.missing", MessageText.Word(stage), message));
    }

    private static readonly Comparison<GateItem> ByCode = static (x, y) => string.CompareOrdinal(x.Code, y.Code);

    /// <summary>Gate items by code, ordinally (the tie-break of the requirements' order), as a struct comparer: no delegate per comparison.</summary>
    private readonly struct ByCodeOrder : IComparer<GateItem>
    {
        public int Compare(GateItem? x, GateItem? y) => string.CompareOrdinal(x!.Code, y!.Code);
    }
}
