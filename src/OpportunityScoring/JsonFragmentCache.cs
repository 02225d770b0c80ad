using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace OpportunityScoring;

/// <summary>
/// Whole list elements of the contract's JSON kept as their finished UTF-8 (<c>{"rule":…,"criterion":…,"points":…,
/// "message":…}</c>), so that an element that repeats exactly — a credit reason, a red flag, a gate's missing item, a
/// piece of missing evidence — is copied in one piece instead of written field by field (each string checked for
/// escaping, each decimal formatted, each message looked up). An explained assessment has about fifty such elements,
/// and a pipeline repeats most of them (docs/benchmarks.md, issue 26 part 1, third round).
/// </summary>
/// <remarks>
/// Found two ways: on the message object itself (<see cref="MessageText.Fragments"/>: the engine shares one message per
/// policy and credit, so most elements are found with no look-up, no content hash and no comparison of arguments), and
/// otherwise in a table by content (the message compared as it renders, <see cref="MessageTextCache.Content"/>). An
/// element is attached to the message it was first written with; one found by content is not attached to its message
/// (most are made afresh for each assessment, and attaching would be an allocation per element).
/// The bytes are the writer's own: a miss writes the element with a <see cref="Utf8JsonWriter"/> of the contract's
/// options into a scratch buffer, and the same bytes are written from then on. Only compact output uses them (an
/// indented writer indents each field). Bounded: past <see cref="Capacity"/> elements it starts again from empty. Not
/// thread safe: one per <see cref="AssessmentJsonWriter"/>.
/// </remarks>
internal sealed class JsonFragmentCache
{
    /// <summary>The most elements kept in the table by content (about three hundred bytes each with the entry; one table per writer and thread: a generated pipeline keeps about 4,000).</summary>
    public const int Capacity = 4096;

    private readonly Dictionary<FragmentKey, KeptJson> _fragments = new(FragmentKey.ByContent);
    private readonly Texts _texts;
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);

    /// <summary>Creates an empty cache.</summary>
    /// <param name="texts">The language of the messages (the bytes attached to a message are its elements in this language).</param>
    public JsonFragmentCache(Texts texts)
    {
        _texts = texts;
        Json = new Utf8JsonWriter(_scratch, AssessmentJsonWriter.WriterOptions());
    }

    /// <summary>The writer of the scratch buffer (over memory: nothing to dispose, as the writers' other scratch writers).</summary>
    private Utf8JsonWriter Json { get; }

    /// <summary>The elements kept now.</summary>
    public int Count => _fragments.Count;

    /// <summary>Elements written from their kept bytes so far (a test reads it).</summary>
    public long Copied { get; private set; }

    /// <summary>The kept bytes of an element whose message is the very object of one written before; <see langword="null"/> when none are kept.</summary>
    public KeptJson? FindSame(in FragmentKey key)
    {
        for (var attached = key.Message.Fragments as Attached; attached is not null; attached = attached.Next)
        {
            if (ReferenceEquals(attached.Texts, _texts) && attached.Key.SameAs(key))
            {
                return attached;
            }
        }

        return null;
    }

    /// <summary>The kept bytes of an element whose message has the content of one written before (<paramref name="key"/> with its content hash); <see langword="null"/> when none are kept.</summary>
    public KeptJson? Find(in FragmentKey key) => _fragments.TryGetValue(key, out var kept) ? kept : null;

    /// <summary>Writes an element's kept bytes (the writer's own bytes, written by a <see cref="Utf8JsonWriter"/>).</summary>
    public void Write(Utf8JsonWriter writer, KeptJson kept)
    {
        writer.WriteRawValue(kept.Bytes, skipInputValidation: true);
        Copied++;
    }

    /// <summary>Writes an element's fields as one object into the scratch buffer, keeps the bytes (in the table and on the element's message), and returns them.</summary>
    public KeptJson Add<TState, T>(in FragmentKey key, TState state, T item, Action<TState, Utf8JsonWriter, T> writeFields)
    {
        var bytes = Render(state, item, writeFields);
        if (_fragments.Count >= Capacity)
        {
            _fragments.Clear();
        }

        var kept = Attach(key, bytes);
        _fragments[key] = kept;
        return kept;
    }

    /// <summary>Writes an element's fields as one object into the scratch buffer and returns the bytes, keeping nothing (the caller keeps them).</summary>
    public byte[] Render<TState, T>(TState state, T item, Action<TState, Utf8JsonWriter, T> writeFields)
    {
        _scratch.ResetWrittenCount();
        Json.Reset(_scratch);
        Json.WriteStartObject();
        writeFields(state, Json, item);
        Json.WriteEndObject();
        Json.Flush();
        var bytes = _scratch.WrittenSpan.ToArray();
        if (_scratch.Capacity > 64 * 1024)
        {
            _scratch.Clear(); // one huge element does not keep its buffer
        }

        return bytes;
    }

    /// <summary>Attaches an element's bytes to its message object, in front of at most <see cref="AttachedPerMessage"/> - 1 others (a message in two lists, or in two languages).</summary>
    private Attached Attach(in FragmentKey key, byte[] bytes)
    {
        var first = key.Message.Fragments as Attached;
        var kept = first;
        for (var (node, depth) = (first, 1); node is not null; node = node.Next, depth++)
        {
            if (depth >= AttachedPerMessage - 1)
            {
                kept = null; // a message in many elements starts its chain again
                break;
            }
        }

        var attached = new Attached(_texts, key, bytes, kept);
        key.Message.Fragments = attached;
        return attached;
    }

    /// <summary>The most elements attached to one message.</summary>
    private const int AttachedPerMessage = 4;

    /// <summary>An element attached to its message: its language, key and bytes, and the one attached before it.</summary>
    private sealed class Attached(Texts texts, FragmentKey key, byte[] bytes, Attached? next) : KeptJson(texts, bytes)
    {
        public FragmentKey Key { get; } = key;

        public Attached? Next { get; } = next;
    }
}

/// <summary>
/// What makes two list elements the same bytes: the list they are in, up to two strings (rule, code, field), a word
/// (criterion, cap; -1 for none), a decimal by its exact bits (<c>1</c> and <c>1.0</c> are written differently) and
/// the message — by its content (<see cref="ByContent"/>, with its hash from <see cref="WithContentHash"/>) or as the
/// very object (<see cref="SameAs"/>).
/// </summary>
internal readonly struct FragmentKey
{
    private readonly string? _first;
    private readonly string? _second;
    private readonly MessageText _message;
    private readonly Int128 _number;
    private readonly int _messageHash;
    private readonly int _word;
    private readonly int _list;

    /// <summary>Creates a key (without the message's content hash).</summary>
    public FragmentKey(int list, string? first, string? second, int word, decimal number, MessageText message)
        : this(list, first, second, word, Unsafe.BitCast<decimal, Int128>(number), message, 0)
    {
    }

    private FragmentKey(int list, string? first, string? second, int word, Int128 number, MessageText message, int messageHash)
    {
        _list = list;
        _first = first;
        _second = second;
        _word = word;
        _number = number;
        _message = message;
        _messageHash = messageHash;
    }

    /// <summary>Compares the message by content (the key needs its content hash).</summary>
    public static IEqualityComparer<FragmentKey> ByContent { get; } = new ContentComparer();

    /// <summary>The message.</summary>
    public MessageText Message => _message;

    /// <summary>The message's content hash (0 until <see cref="WithContentHash"/>).</summary>
    public int MessageHash => _messageHash;

    /// <summary>The key with the message's content hash; <see langword="false"/> when the message is not cacheable.</summary>
    public bool WithContentHash(out FragmentKey key)
    {
        if (!MessageTextCache.Content.TryHash(_message, out var hash))
        {
            key = default;
            return false;
        }

        key = new FragmentKey(_list, _first, _second, _word, _number, _message, hash);
        return true;
    }

    /// <summary>Whether the other key has the very same message and the same fields.</summary>
    public bool SameAs(in FragmentKey other) => ReferenceEquals(_message, other._message) && SameFields(other);

    private bool SameFields(in FragmentKey other) =>
        _list == other._list && _word == other._word && _number == other._number
        && string.Equals(_first, other._first, StringComparison.Ordinal) && string.Equals(_second, other._second, StringComparison.Ordinal);

    private int FieldsHash() =>
        ((Short(_first) * 397) ^ Short(_second)) ^ (_list << 24) ^ (_word << 16) ^ (int)(ulong)_number ^ (int)(_number >> 96);

    /// <summary>A cheap hash of a short name (rules, codes and fields differ in length or in their last or middle letters; equality decides).</summary>
    private static int Short(string? s) => s is not { Length: > 0 } ? 0 : (s.Length * 31) ^ (s[^1] * 7919) ^ (s[s.Length / 2] * 131) ^ (s[s.Length * 3 / 4] * 17);

    private sealed class ContentComparer : IEqualityComparer<FragmentKey>
    {
        public bool Equals(FragmentKey x, FragmentKey y) =>
            x._messageHash == y._messageHash && x.SameFields(y) && MessageTextCache.Content.Instance.Equals(x._message, y._message);

        public int GetHashCode(FragmentKey obj) => (obj._messageHash * 397) ^ obj.FieldsHash();
    }

}
