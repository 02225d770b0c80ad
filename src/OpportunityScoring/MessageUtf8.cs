using System.Globalization;
using System.Text;
using System.Text.Json;

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
    private bool _escape; // rendering a JSON string (RenderJsonString): template bytes escaped, arguments escaped as written

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
        _escape = false;
        Append(message);
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>
    /// The message's text as a JSON string value, quotes included, escaped as a <see cref="System.Text.Json.Utf8JsonWriter"/>
    /// with the contract's encoder (<see cref="AssessmentJsonWriter.Encoder"/>) escapes <see cref="Render"/>'s bytes; valid
    /// until the next call. The template's pieces are escaped once per code, numbers seldom need it, so writing the text
    /// with <see cref="System.Text.Json.Utf8JsonWriter.WriteRawValue(ReadOnlySpan{byte}, bool)"/> skips the writer's scan of every message.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <returns>The bytes.</returns>
    public ReadOnlySpan<byte> RenderJsonString(MessageText message)
    {
        _length = 0;
        _escape = true;
        AppendRaw((byte)'"');
        Append(message);
        AppendRaw((byte)'"');
        _escape = false;
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
                AppendBytes(_escape ? entry.EscapedRaw : entry.Raw);
            }

            return;
        }

        if (!entry.Found)
        {
            AppendBytes(_escape ? entry.EscapedRaw : entry.Raw); // the code itself, as Texts.Get returns it
            return;
        }

        if (entry.Slots is not { } slots || entry.HighestSlot >= count)
        {
            AppendString(message.Render(Texts));
            return;
        }

        var pieces = _escape ? entry.EscapedPieces! : entry.Pieces!;
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
            var none = Entry("word.none");
            AppendBytes(_escape ? none.EscapedRaw : none.Raw);
            return;
        }

        var separatorEntry = Entry("word.separator");
        var separator = _escape ? separatorEntry.EscapedRaw : separatorEntry.Raw;
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
                Reserve(NumberUtf8.MaxLength);
                _length += NumberUtf8.Grouped(d, _buffer.AsSpan(_length));
                return;
            case ArgumentKind.Double:
                var x = argument.Double;
                Reserve(64);
                if (x.TryFormat(_buffer.AsSpan(_length), out var written, "0.####", CultureInfo.InvariantCulture))
                {
                    _length += written;
                    EscapeFrom(_length - written); // ∞ is not ASCII
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
        var start = _length;
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        EscapeFrom(start);
    }

    /// <summary>When rendering a JSON string, escapes the bytes written since <paramref name="start"/> as the contract's writer would.</summary>
    private void EscapeFrom(int start)
    {
        if (!_escape || AssessmentJsonWriter.Encoder.FindFirstCharacterToEncodeUtf8(_buffer.AsSpan(start, _length - start)) < 0)
        {
            return;
        }

        var raw = _buffer.AsSpan(start, _length - start).ToArray();
        var escaped = JsonEncodedText.Encode(raw, AssessmentJsonWriter.Encoder).EncodedUtf8Bytes;
        _length = start;
        AppendBytes(escaped);
    }

    private void AppendRaw(byte b)
    {
        Reserve(1);
        _buffer[_length++] = b;
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
