using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OpportunityScoring;

/// <summary>
/// The decision slices' explanation messages whose content repeats from one assessment to the next (a code's name and
/// its catalogue text, a list of catalogued codes, a stage and a small count), shared: one immutable message per content,
/// so that an explained assessment allocates them once and the JSON writers find their bytes on the message itself
/// (<see cref="MessageText.Fragments"/>) instead of looking them up by content. Keyed by what varies — a shared catalogue
/// message's identity, a set of codes as a bit mask of their places in the slice's catalogue, a small index — never by
/// rendering; thread safe without locks on the hot path (a race builds an equal message twice); bounded (by the
/// catalogue, and past <see cref="MaxEntries"/> per table nothing more is kept).
/// </summary>
internal sealed class SharedMessages
{
    /// <summary>The messages the decision slices' ledgers share.</summary>
    public static readonly SharedMessages Default = new();

    /// <summary>The most messages kept per kind; past it, new contents are built afresh every time.</summary>
    internal const int MaxEntries = 256;

    private readonly ConcurrentDictionary<(string Reason, MessageText Text), NamedEntry> _byText = new(new TextKeyComparer());
    private readonly ConcurrentDictionary<(string Reason, IReadOnlyList<string> Catalogue, MessageText? First, ulong Codes), MessageText> _byCodes = new(new CodesKeyComparer());
    private int _byTextReserved;
    private int _byCodesReserved;

    /// <summary>How many messages keyed by a catalogue text are kept (for the test of the bound).</summary>
    internal int NamedCount => _byText.Count;

    /// <summary>How many messages keyed by a set of codes are kept (for the test of the bound).</summary>
    internal int ListedCount => _byCodes.Count;

    /// <summary>
    /// <c>{reason}(Name(namePrefix, code), text[, extra])</c>: shared when <paramref name="text"/> is a shared catalogue
    /// message and the kept message was built for the same code and extra argument; else built afresh.
    /// </summary>
    public MessageText Named(string reason, string namePrefix, string code, MessageText text, string? extra = null) =>
        Named(reason, code, text, extra, null, (Reason: reason, Prefix: namePrefix, Code: code, Text: text, Extra: extra), static s => Build(s.Reason, s.Prefix, s.Code, s.Text, s.Extra));

    /// <summary>
    /// A message about a code and its shared catalogue <paramref name="text"/> whose other arguments are decided by the
    /// texts <paramref name="extra"/> and <paramref name="extra2"/>: the kept one when it was built for the same code
    /// and texts, else <paramref name="build"/>'s (kept when <paramref name="text"/> is shared and there is room).
    /// </summary>
    public MessageText Named<TState>(string reason, string code, MessageText text, string? extra, string? extra2, TState state, Func<TState, MessageText> build)
    {
        if (!text.Shared)
        {
            return build(state);
        }

        if (_byText.TryGetValue((reason, text), out var kept))
        {
            return string.Equals(kept.Code, code, StringComparison.Ordinal) && string.Equals(kept.Extra, extra, StringComparison.Ordinal) && string.Equals(kept.Extra2, extra2, StringComparison.Ordinal)
                ? kept.Message
                : build(state);
        }

        var message = build(state);
        if (Reserve(ref _byTextReserved) && !_byText.TryAdd((reason, text), new NamedEntry(code, extra, extra2, message)))
        {
            Interlocked.Decrement(ref _byTextReserved); // another thread added it: give the place back
        }

        return message;
    }

    /// <summary>
    /// <c>{reason}([first, ]Join(namePrefix, codes))</c>: shared when every code is among the first 64 of
    /// <paramref name="catalogue"/>, none twice, and <paramref name="first"/> (if any) is a shared message; else built afresh.
    /// The codes' order is decided by the caller (a fixed order of a set), so the set names the message.
    /// </summary>
    public MessageText Listed(string reason, MessageText? first, string namePrefix, string[] codes, IReadOnlyList<string> catalogue)
    {
        var mask = 0UL;
        for (var i = 0; i < codes.Length; i++)
        {
            var index = AssessmentLog.IndexOf(catalogue, codes[i]);
            var bit = index < 64 ? 1UL << index : 0UL;
            if (bit == 0 || (mask & bit) != 0)
            {
                return Build(reason, first, namePrefix, codes);
            }

            mask |= bit;
        }

        if (first is { Shared: false })
        {
            return Build(reason, first, namePrefix, codes);
        }

        if (_byCodes.TryGetValue((reason, catalogue, first, mask), out var kept))
        {
            return kept;
        }

        var message = Build(reason, first, namePrefix, codes);
        if (Reserve(ref _byCodesReserved) && !_byCodes.TryAdd((reason, catalogue, first, mask), message))
        {
            Interlocked.Decrement(ref _byCodesReserved);
        }

        return message;
    }

    /// <summary>
    /// <c>{reason}(Word(stage), count)</c> for a small count, from a table filled lazily (a race stores an equal message);
    /// a count past the table is built afresh.
    /// </summary>
    public static MessageText StageCount(string reason, MessageText?[] table, Stage stage, int count)
    {
        var i = (ContractEnum<Stage>.Index(stage) * CountsPerStage) + count;
        if ((uint)count < CountsPerStage && (uint)i < (uint)table.Length)
        {
            return table[i] ??= MessageText.Of(reason, MessageText.Word(stage), count);
        }

        return MessageText.Of(reason, MessageText.Word(stage), count);
    }

    /// <summary>The counts kept per stage by <see cref="StageCount"/>.</summary>
    internal const int CountsPerStage = 16;

    /// <summary>A table for <see cref="StageCount"/>.</summary>
    internal static MessageText?[] NewStageCountTable() => new MessageText?[ContractEnum<Stage>.Count * CountsPerStage];

    /// <summary>Takes one of the <see cref="MaxEntries"/> places, if any is left (so a table never holds more).</summary>
    private static bool Reserve(ref int reserved) => Volatile.Read(ref reserved) < MaxEntries && Interlocked.Increment(ref reserved) <= MaxEntries;

    private static MessageText Build(string reason, string namePrefix, string code, MessageText text, string? extra) =>
        extra is null
            ? MessageText.Of(reason, MessageText.Name(namePrefix, code), text)
            : MessageText.Of(reason, MessageText.Name(namePrefix, code), text, extra);

    private static MessageText Build(string reason, MessageText? first, string namePrefix, string[] codes) =>
        first is null
            ? MessageText.Of(reason, MessageText.Join(namePrefix, codes))
            : MessageText.Of(reason, first, MessageText.Join(namePrefix, codes));

    private sealed record NamedEntry(string Code, string? Extra, string? Extra2, MessageText Message);

    private sealed class TextKeyComparer : IEqualityComparer<(string Reason, MessageText Text)>
    {
        public bool Equals((string Reason, MessageText Text) x, (string Reason, MessageText Text) y) =>
            ReferenceEquals(x.Text, y.Text) && string.Equals(x.Reason, y.Reason, StringComparison.Ordinal);

        public int GetHashCode((string Reason, MessageText Text) obj) => RuntimeHelpers.GetHashCode(obj.Text);
    }

    private sealed class CodesKeyComparer : IEqualityComparer<(string Reason, IReadOnlyList<string> Catalogue, MessageText? First, ulong Codes)>
    {
        public bool Equals((string Reason, IReadOnlyList<string> Catalogue, MessageText? First, ulong Codes) x, (string Reason, IReadOnlyList<string> Catalogue, MessageText? First, ulong Codes) y) =>
            x.Codes == y.Codes && ReferenceEquals(x.First, y.First) && ReferenceEquals(x.Catalogue, y.Catalogue) && string.Equals(x.Reason, y.Reason, StringComparison.Ordinal);

        public int GetHashCode((string Reason, IReadOnlyList<string> Catalogue, MessageText? First, ulong Codes) obj) =>
            HashCode.Combine(obj.Codes, obj.First is null ? 0 : RuntimeHelpers.GetHashCode(obj.First));
    }
}
