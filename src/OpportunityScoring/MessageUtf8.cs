using System.Globalization;
using System.Text;

namespace OpportunityScoring;

/// <summary>
/// Renders messages of one language straight into UTF-8: the bytes of <c>Encoding.UTF8.GetBytes(message.Render(texts))</c>
/// (not JSON-escaped: the JSON writer escapes what needs it as it copies them), without the string, the array of
/// rendered arguments, <see cref="string.Format(IFormatProvider, string, object[])"/>'s parse of the template and the
/// UTF-16 to UTF-8 step — each template is split once into its UTF-8 pieces and placeholders, and numbers are formatted
/// as UTF-8 in place. A pipeline's one-off texts (an exact amount, a probability, a score: ~4 per explained assessment)
/// are written this way without allocating (docs/benchmarks.md, issue 26 part 1, fourth round).
/// </summary>
/// <remarks>
/// A template it does not split (anything but text and <c>{n}</c>), an argument index outside the arguments, or a list
/// with an element that is not a message is rendered through <see cref="MessageText.Render(Texts)"/>: the same text, or
/// the same exception. Not thread safe (its buffer and table): one per <see cref="MessageTextCache"/>.
/// </remarks>
internal sealed class MessageUtf8
{
    /// <summary>The most codes kept (the catalogue has about 540; a host's rules may build codes of their own).</summary>
    private const int MaxCodes = 4096;

    private readonly Dictionary<string, MessageCode> _codes = new(StringComparer.Ordinal);
    private byte[] _buffer = new byte[512];
    private int _length;

    /// <summary>Creates the renderer of a language.</summary>
    /// <param name="texts">The language.</param>
    public MessageUtf8(Texts texts) => Texts = texts;

    /// <summary>The language.</summary>
    public Texts Texts { get; }

    /// <summary>The message's text as UTF-8, valid until the next call.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The bytes.</returns>
    public ReadOnlySpan<byte> Render(MessageText message)
    {
        _length = 0;
        Append(message);
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>The code's entry (its template in this language, and how often its texts repeat); <see langword="null"/> for a literal.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The entry.</returns>
    public MessageCode? CodeOf(MessageText message) => message.Code is { } code ? Entry(code) : null;

    private MessageCode Entry(string code)
    {
        if (!_codes.TryGetValue(code, out var entry))
        {
            if (_codes.Count >= MaxCodes)
            {
                _codes.Clear();
            }

            entry = new MessageCode(Texts, code);
            _codes.Add(code, entry);
        }

        return entry;
    }

    private void Append(MessageText message)
    {
        if (message.Code is not { } code)
        {
            AppendString(message.ToString()); // a literal: the same in every language
            return;
        }

        var count = message.ArgumentCount;
        if (ReferenceEquals(code, MessageText.ListCode) || code == MessageText.ListCode)
        {
            AppendList(message, count);
            return;
        }

        var entry = Entry(code);
        if (count == 0)
        {
            if (!entry.Found && message.Bare is { } bare)
            {
                AppendString(bare); // a catalogued name no language has: its bare code
            }
            else
            {
                AppendBytes(entry.Raw);
            }

            return;
        }

        if (!entry.Found)
        {
            AppendBytes(entry.Raw); // the code itself, as Texts.Get returns it
            return;
        }

        if (entry.Slots is not { } slots || entry.HighestSlot >= count)
        {
            AppendString(message.Render(Texts));
            return;
        }

        var pieces = entry.Pieces!;
        for (var i = 0; i < slots.Length; i++)
        {
            AppendBytes(pieces[i]);
            AppendArgument(message.ArgumentAt(slots[i]));
        }

        AppendBytes(pieces[^1]);
    }

    private void AppendList(MessageText message, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (message.ArgumentAt(i).Kind != ArgumentKind.Message)
            {
                AppendString(message.Render(Texts));
                return;
            }
        }

        if (count == 0)
        {
            AppendBytes(Entry("word.none").Raw);
            return;
        }

        var separator = Entry("word.separator").Raw;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                AppendBytes(separator);
            }

            Append((MessageText)message.ArgumentAt(i).Reference!);
        }
    }

    /// <summary>An argument as <see cref="MessageText"/> renders it and <see cref="string.Format(IFormatProvider, string, object[])"/> places it.</summary>
    private void AppendArgument(in MessageArgument argument)
    {
        switch (argument.Kind)
        {
            case ArgumentKind.Null:
                return; // string.Format writes nothing for null
            case ArgumentKind.Message:
                Append((MessageText)argument.Reference!);
                return;
            case ArgumentKind.Decimal:
                var d = argument.Decimal;
                Reserve(64);
                var n = Numbers.Grouped(d, _buffer.AsSpan(_length));
                if (n < 0)
                {
                    AppendString(Numbers.Grouped(d));
                }
                else
                {
                    _length += n;
                }

                return;
            case ArgumentKind.Double:
                var x = argument.Double;
                Reserve(64);
                if (x.TryFormat(_buffer.AsSpan(_length), out var written, "0.####", CultureInfo.InvariantCulture))
                {
                    _length += written;
                }
                else
                {
                    AppendString(x.ToString("0.####", CultureInfo.InvariantCulture));
                }

                return;
            case ArgumentKind.Int:
                Reserve(16);
                _length += argument.Int.TryFormat(_buffer.AsSpan(_length), out var digits, default, CultureInfo.InvariantCulture) ? digits : 0;
                return;
            case ArgumentKind.String:
                AppendString((string)argument.Reference!);
                return;
            default:
                AppendString(argument.Reference is IFormattable f
                    ? f.ToString(null, CultureInfo.InvariantCulture)
                    : string.Format(CultureInfo.InvariantCulture, "{0}", argument.Reference));
                return;
        }
    }

    private void AppendString(string text)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}

/// <summary>
/// A message code in one language: its template split into UTF-8 pieces around its placeholders (<see cref="MessageUtf8"/>),
/// and whether its texts repeat often enough to be worth looking up in the caches (<see cref="TakeDirect"/>).
/// </summary>
internal sealed class MessageCode
{
    /// <summary>Sightings per trial of the caches.</summary>
    internal const int Window = 256;

    /// <summary>The longest run of direct renderings between two trials.</summary>
    private const int LongestRun = 1 << 20;

    private int _seen;
    private int _hits;
    private int _directLeft;
    private int _run = Window * 16;

    /// <summary>Reads and splits the code's template.</summary>
    public MessageCode(Texts texts, string code)
    {
        Found = texts.TryGetTemplate(code, out var template);
        Raw = Encoding.UTF8.GetBytes(template ?? code);
        if (template is not null)
        {
            Split(template);
        }
    }

    /// <summary>Whether a catalogue has the code (this language or English).</summary>
    public bool Found { get; }

    /// <summary>The template as it stands (the text of a message without arguments), or the code when no catalogue has it.</summary>
    public byte[] Raw { get; }

    /// <summary>The template's text between its placeholders (one more than <see cref="Slots"/>); <see langword="null"/> when it was not split.</summary>
    public byte[][]? Pieces { get; private set; }

    /// <summary>The argument index of each placeholder in order; <see langword="null"/> when the template has anything but text and <c>{n}</c>.</summary>
    public int[]? Slots { get; private set; }

    /// <summary>The highest argument index of the template.</summary>
    public int HighestSlot { get; private set; } = -1;

    /// <summary>
    /// Whether this sighting of the code is to be rendered straight into the output, skipping the caches: after a trial
    /// of <see cref="Window"/> sightings in which fewer than a quarter of its texts had been seen before (amounts,
    /// probabilities, scores), for a run of sightings that doubles each time a trial confirms it.
    /// </summary>
    /// <returns>Whether to render it directly.</returns>
    public bool TakeDirect()
    {
        if (_directLeft == 0)
        {
            return false;
        }

        _directLeft--;
        return true;
    }

    /// <summary>Counts a sighting looked up in the caches: <paramref name="hit"/> when its text had been seen before.</summary>
    /// <param name="hit">Whether the caches had it.</param>
    public void Saw(bool hit)
    {
        _seen++;
        if (hit)
        {
            _hits++;
        }

        if (_seen < Window)
        {
            return;
        }

        if (_hits * 4 < _seen)
        {
            _directLeft = _run;
            _run = Math.Min(_run * 2, LongestRun);
        }
        else
        {
            _run = Window * 16;
        }

        _seen = 0;
        _hits = 0;
    }

    private void Split(string template)
    {
        if (TrySplit(template, out var pieces, out var slots))
        {
            Pieces = pieces;
            Slots = slots;
            HighestSlot = slots.Length == 0 ? -1 : slots.Max();
        }
    }

    /// <summary>A template as its UTF-8 text between placeholders and the placeholders' argument indexes; <see langword="false"/> when it has anything but text and <c>{n}</c> (<c>{{</c>, an alignment, a format, a stray brace), which is left to <see cref="string.Format(IFormatProvider, string, object[])"/>.</summary>
    internal static bool TrySplit(string template, out byte[][] pieces, out int[] slots)
    {
        var texts = new List<byte[]>();
        var indexes = new List<int>();
        (pieces, slots) = ([], []);
        var start = 0;
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '}')
            {
                return false;
            }

            if (c != '{')
            {
                i++;
                continue;
            }

            var j = i + 1;
            var index = 0;
            while (j < template.Length && j - i <= 3 && char.IsAsciiDigit(template[j]))
            {
                index = (index * 10) + (template[j] - '0');
                j++;
            }

            if (j == i + 1 || j >= template.Length || template[j] != '}')
            {
                return false;
            }

            texts.Add(Encoding.UTF8.GetBytes(template[start..i]));
            indexes.Add(index);
            i = j + 1;
            start = i;
        }

        texts.Add(Encoding.UTF8.GetBytes(template[start..]));
        (pieces, slots) = ([.. texts], [.. indexes]);
        return true;
    }
}
