namespace OpportunityScoring;

/// <summary>
/// The messages of one language rendered once per distinct text and kept as UTF-8: a pipeline's assessments repeat the
/// same few thousand messages ("documented requirements: yes, 4 of 4 points (100%)"), and rendering them (a catalogue
/// look-up, the template's placeholders, grouped decimals) was a third of writing an explained assessment. Two messages
/// are the same text when their codes and arguments are (<see cref="Content"/>); a message with an argument of a type the
/// cache does not know, or a literal, is rendered every time. The bytes are not JSON-escaped: the JSON writer escapes
/// what needs it as it copies them (the same escaping as the serializer's).
/// </summary>
/// <remarks>
/// Bounded: a text is kept only when it comes again. Its first sighting leaves only its content hash in a fixed table
/// (<see cref="Capacity"/> slots of an int, overwritten in turn), and the caller renders it straight into the output; a
/// text whose hash is found there is rendered once more and kept among the texts that repeat (at most half of
/// <see cref="Capacity"/>, started again from empty when full). One-off texts (a margin drift's exact percentage) thus
/// keep no object alive: a generation of them kept until it filled outlived the collector's youngest generation and was
/// promoted, and the JSON Lines run promoted three times the bytes of the CSV run (docs/benchmarks.md, issue 26). A hash
/// shared by two texts only keeps the second one a sighting early; what is kept is compared by content. Rendering goes
/// through <see cref="Renderer"/> (straight into UTF-8). Not thread safe: one per writer.
/// </remarks>
internal sealed class MessageTextCache
{
    /// <summary>The most distinct texts kept (half of it, the texts seen more than once) and the slots for the hashes of texts seen once (all of it).</summary>
    public const int Capacity = 8192;

    // Texts seen more than once, by content; and the content hashes of texts seen once so far (0: an empty slot), a slot
    // per hash, overwritten by the next text of that slot: no reference, so a one-off text is garbage as soon as written.
    private readonly Dictionary<Key, byte[]> _texts = new(KeyComparer.Instance);
    private readonly int[] _seenOnce = new int[Capacity];

    private readonly bool _jsonStrings;

    /// <summary>Creates the cache of a language.</summary>
    /// <param name="texts">The language.</param>
    /// <param name="jsonStrings">Whether to keep each text as a JSON string value (quoted and escaped for the contract's encoder: <see cref="MessageUtf8.RenderJsonString"/>) rather than as its UTF-8.</param>
    public MessageTextCache(Texts texts, bool jsonStrings = false)
    {
        Renderer = new MessageUtf8(texts);
        _jsonStrings = jsonStrings;
    }

    /// <summary>Whether the texts kept are JSON string values (quoted and escaped) rather than plain UTF-8.</summary>
    public bool JsonStrings => _jsonStrings;

    /// <summary>The language.</summary>
    public Texts Texts => Renderer.Texts;

    /// <summary>The renderer of texts not kept (and of the texts kept, once).</summary>
    public MessageUtf8 Renderer { get; }

    /// <summary>The texts kept now (at most half of <see cref="Capacity"/>: only texts seen more than once are kept).</summary>
    public int Count => _texts.Count;

    /// <summary>The texts kept that were seen more than once (a test reads it).</summary>
    public int Repeated => _texts.Count;

    /// <summary>Texts not found kept so far (every first sighting, rendered once into the output by the caller; a test reads it).</summary>
    public long Rendered { get; private set; }

    /// <summary>The message's text in the language as UTF-8 (or as a JSON string value, <see cref="JsonStrings"/>), kept or rendered now; <see langword="false"/> when it is not cacheable (the caller renders it, <see cref="MessageUtf8.Render"/>).</summary>
    public bool TryGet(MessageText message, out byte[] text)
    {
        if (!Content.TryHash(message, out var hash))
        {
            text = [];
            return false;
        }

        text = Find(message, hash, out var kept) ? kept! : Render(message).ToArray();
        return true;
    }

    /// <summary>The kept text of a cacheable message whose content hash is <paramref name="hash"/> (<see cref="Content.TryHash"/>).</summary>
    /// <param name="message">The message.</param>
    /// <param name="hash">Its content hash.</param>
    /// <param name="text">Its text, kept (seen before); <see langword="null"/> on a first sighting: the caller renders it into the output (<see cref="Renderer"/>).</param>
    /// <returns>Whether the text was seen before (and is now kept).</returns>
    public bool Find(MessageText message, int hash, out byte[]? text)
    {
        var key = new Key(message, hash);
        if (_texts.TryGetValue(key, out text))
        {
            return true;
        }

        var mark = hash == 0 ? 1 : hash;
        ref var slot = ref _seenOnce[(int)((uint)hash * 2654435769u >> (32 - SlotBits))];
        if (slot == mark)
        {
            slot = 0;
            if (_texts.Count >= Capacity / 2)
            {
                _texts.Clear();
            }

            text = Render(message).ToArray();
            _texts.Add(key, text);
            return true;
        }

        slot = mark;
        Rendered++;
        text = null;
        return false;
    }

    /// <summary>log2 of <see cref="Capacity"/>: the slot of a hash is its top bits after a multiplicative mix.</summary>
    private const int SlotBits = 13;

    private ReadOnlySpan<byte> Render(MessageText message) => _jsonStrings ? Renderer.RenderJsonString(message) : Renderer.Render(message);

    /// <summary>A message with its content hash, computed once per look-up.</summary>
    private readonly record struct Key(MessageText Message, int Hash);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(Key x, Key y) => x.Hash == y.Hash && Content.Instance.Equals(x.Message, y.Message);

        public int GetHashCode(Key obj) => obj.Hash;
    }

    /// <summary>
    /// Two messages are the same text when they have the same code, the same bare name and equal arguments of the same
    /// type, compared as they render: decimals by value and sign (rendering drops trailing zeros), doubles by their bits
    /// (<c>-0</c> renders as itself), nested messages by the same rule. Only the argument types below are compared;
    /// any other makes the message uncacheable.
    /// </summary>
    internal sealed class Content : IEqualityComparer<MessageText>
    {
        public static readonly Content Instance = new();

        /// <summary>Whether the message is from the catalogue and every argument is of a type compared here.</summary>
        public static bool IsCacheable(MessageText message)
        {
            if (message.Code is null)
            {
                return false;
            }

            for (var i = 0; i < message.ArgumentCount; i++)
            {
                if (!IsCacheable(message.ArgumentAt(i)))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsCacheable(in MessageArgument argument) => argument.Kind switch
        {
            ArgumentKind.Message => IsCacheable((MessageText)argument.Reference!),
            ArgumentKind.Other => IsCacheableOther(argument.Reference),
            _ => true,
        };

        private static bool IsCacheableOther(object? argument) =>
            argument is float or long or short or byte or uint or ulong or ushort or sbyte or bool or char or DateOnly or Enum;

        public bool Equals(MessageText? x, MessageText? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || !string.Equals(x.Code, y.Code, StringComparison.Ordinal) || !string.Equals(x.Bare, y.Bare, StringComparison.Ordinal))
            {
                return false;
            }

            var count = x.ArgumentCount;
            if (count != y.ArgumentCount)
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                if (!ArgumentEquals(x.ArgumentAt(i), y.ArgumentAt(i)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The content hash of a cacheable message, in the same pass that checks it is cacheable.</summary>
        public static bool TryHash(MessageText message, out int hash)
        {
            hash = 0;
            if (message.Code is not { } code)
            {
                return false;
            }

            // Not the string's (randomised, whole-string) hash: the codes are short and few, and Equals decides.
            var h = code.Length == 0 ? 0 : (code.Length * 31) ^ (code[^1] * 7919) ^ (code[code.Length / 2] * 131);
            var count = message.ArgumentCount;
            for (var i = 0; i < count; i++)
            {
                var argument = message.ArgumentAt(i);
                int a;
                switch (argument.Kind)
                {
                    case ArgumentKind.Null:
                        a = 0;
                        break;
                    case ArgumentKind.Message:
                        if (!TryHash((MessageText)argument.Reference!, out a))
                        {
                            return false;
                        }

                        break;
                    case ArgumentKind.String:
                        a = StringComparer.Ordinal.GetHashCode((string)argument.Reference!);
                        break;
                    case ArgumentKind.Decimal:
                        a = argument.Decimal.GetHashCode();
                        break;
                    case ArgumentKind.Double:
                        a = argument.DoubleBits.GetHashCode();
                        break;
                    case ArgumentKind.Int:
                        a = argument.Int;
                        break;
                    default:
                        if (!IsCacheableOther(argument.Reference))
                        {
                            return false;
                        }

                        a = argument.Reference!.GetHashCode();
                        break;
                }

                h = (h * 397) ^ a;
            }

            hash = h;
            return true;
        }

        public int GetHashCode(MessageText obj)
        {
            var hash = new HashCode();
            hash.Add(obj.Code, StringComparer.Ordinal);
            for (var i = 0; i < obj.ArgumentCount; i++)
            {
                hash.Add(ArgumentHash(obj.ArgumentAt(i)));
            }

            return hash.ToHashCode();
        }

        private bool ArgumentEquals(in MessageArgument a, in MessageArgument b)
        {
            if (a.Kind != b.Kind)
            {
                return false;
            }

            switch (a.Kind)
            {
                case ArgumentKind.Null:
                    return true;
                case ArgumentKind.Decimal:
                    return a.Decimal == b.Decimal && decimal.IsNegative(a.Decimal) == decimal.IsNegative(b.Decimal);
                case ArgumentKind.Double:
                case ArgumentKind.Int:
                    return a.DoubleBits == b.DoubleBits; // the same field holds an int's value
                case ArgumentKind.String:
                    return string.Equals((string)a.Reference!, (string)b.Reference!, StringComparison.Ordinal);
                case ArgumentKind.Message:
                    return Equals((MessageText)a.Reference!, (MessageText)b.Reference!);
                default:
                    var x = a.Reference!;
                    var y = b.Reference!;
                    return x.GetType() == y.GetType()
                        && (x is float f ? BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits((float)y) : x.Equals(y));
            }
        }

        private int ArgumentHash(in MessageArgument argument) => argument.Kind switch
        {
            ArgumentKind.Null => 0,
            ArgumentKind.Message => GetHashCode((MessageText)argument.Reference!),
            ArgumentKind.String => StringComparer.Ordinal.GetHashCode((string)argument.Reference!),
            ArgumentKind.Double => argument.DoubleBits.GetHashCode(),
            ArgumentKind.Decimal => argument.Decimal.GetHashCode(),
            ArgumentKind.Int => argument.Int,
            _ => argument.Reference!.GetHashCode(),
        };
    }
}
