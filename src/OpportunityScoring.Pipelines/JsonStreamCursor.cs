using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>An array element larger than the cursor's limit, skipped without holding it.</summary>
/// <param name="Bytes">Its size in bytes.</param>
/// <param name="Id">The record's <c>id</c>, when its first bytes name one.</param>
internal sealed record OversizedValue(long Bytes, string? Id);

/// <summary>
/// A forward-only <see cref="Utf8JsonReader"/> over a stream, one buffer at a time: reads single tokens, or whole
/// values (an array element) as their own <see cref="JsonDocument"/>. The buffer grows only to the largest value —
/// with a limit, to about twice the limit: a larger array element is skipped unread (<see cref="ReadElement"/>), any
/// other value or token that large is a <see cref="PipelineFormatException"/>. Syntax errors surface as
/// <see cref="JsonException"/>; <see cref="Line"/> gives their line counted from the start of the stream.
/// </summary>
internal sealed class JsonStreamCursor
{
    private static readonly byte[] Placeholder = "{}"u8.ToArray();

    private readonly Stream _stream;
    private readonly JsonReaderOptions _options;
    private readonly int _limit;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private bool _started;
    private JsonReaderState _state;
    private OversizedValue? _skipped;
    private long _skippedLines;

    /// <summary>Creates a cursor.</summary>
    /// <param name="stream">UTF-8 JSON.</param>
    /// <param name="options">The reader's options.</param>
    /// <param name="limit">The most bytes a value may have (no limit by default).</param>
    public JsonStreamCursor(Stream stream, JsonReaderOptions options, int limit = int.MaxValue)
    {
        _stream = stream;
        _options = options;
        _limit = limit;
        _state = new JsonReaderState(options);
    }

    /// <summary>The line (from 1) of a syntax error, counting the lines of the values skipped unread.</summary>
    public long Line(JsonException e) => (e.LineNumber ?? 0) + _skippedLines + 1;

    /// <summary>Reads the next token; <see cref="JsonTokenType.None"/> at the end of the input.</summary>
    /// <param name="text">The text of a property name or string, the raw text of a number or literal.</param>
    public JsonTokenType Read(out string? text)
    {
        while (true)
        {
            var reader = NewReader();
            if (reader.Read())
            {
                var type = reader.TokenType;
                text = type switch
                {
                    JsonTokenType.PropertyName or JsonTokenType.String => reader.GetString(),
                    JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                    _ => null,
                };
                Commit(ref reader);
                return type;
            }

            if (_final)
            {
                Commit(ref reader);
                text = null;
                return JsonTokenType.None;
            }

            Fill();
        }
    }

    /// <summary>
    /// Reads the next value whole (the caller disposes it); <see langword="null"/> when the next token closes the
    /// enclosing array or object (the token is consumed) or the input ends.
    /// </summary>
    public JsonDocument? ReadValue() =>
        ReadRawValue() is { } bytes
            ? JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = _options.AllowTrailingCommas, CommentHandling = _options.CommentHandling, MaxDepth = _options.MaxDepth })
            : null;

    /// <summary>
    /// Reads the next value whole as a copy of its UTF-8 bytes (no <see cref="JsonDocument"/>: the caller parses it,
    /// possibly on another thread); <see langword="null"/> when the next token closes the enclosing array or object
    /// (the token is consumed) or the input ends. Syntax errors surface here, as with <see cref="ReadValue"/>.
    /// </summary>
    /// <exception cref="PipelineFormatException">The value is larger than the limit.</exception>
    public byte[]? ReadRawValue()
    {
        var bytes = ReadElement(out var skipped);
        return skipped is null ? bytes : throw TooLarge();
    }

    /// <summary>
    /// Reads the next element of the enclosing array: its bytes, or, when it is larger than the limit, <see langword="null"/>
    /// and what was skipped. Both <see langword="null"/> when the array (or object) closes or the input ends.
    /// </summary>
    /// <exception cref="PipelineFormatException">The input ends inside an oversized element.</exception>
    public byte[]? ReadElement(out OversizedValue? skipped)
    {
        skipped = null;
        while (true)
        {
            var reader = NewReader();
            if (!reader.Read())
            {
                if (_final)
                {
                    Commit(ref reader);
                    return null;
                }

                if (_end - _start > _limit && ValueStart(_buffer.AsSpan(_start, _end - _start), (int)reader.BytesConsumed) is var begin and >= 0)
                {
                    Skip(begin); // a string or a number over the limit: Read needs the whole token
                    continue;
                }

                Fill();
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject)
            {
                Commit(ref reader);
                return null;
            }

            var start = (int)reader.TokenStartIndex;
            if (!reader.TrySkip())
            {
                if (_end - _start - start > _limit)
                {
                    Skip(start);
                    continue;
                }

                Fill();
                continue;
            }

            var value = _buffer.AsSpan(_start + start, (int)reader.BytesConsumed - start);
            Commit(ref reader);
            if (_skipped is { } placeholder)
            {
                _skipped = null;
                skipped = placeholder; // the value just read stands for the one skipped
                return null;
            }

            if (value.Length > _limit)
            {
                skipped = new OversizedValue(value.Length, RecordReader.IdOf(value[..Math.Min(value.Length, 1 << 16)], complete: false));
                return null;
            }

            return value.ToArray();
        }
    }

    /// <summary>
    /// Skips the value that starts <paramref name="begin"/> bytes into the unread input, a buffer at a time, and puts a
    /// placeholder (<c>{}</c>) in its place after the bytes before it, so that the reader, from its state before them,
    /// reads on as if the value had been small; the line ends skipped count in <see cref="Line"/>.
    /// </summary>
    private void Skip(int begin)
    {
        var before = _buffer.AsSpan(_start, begin).ToArray();
        var head = _buffer.AsSpan(_start + begin, _end - _start - begin);
        var id = RecordReader.IdOf(head[..Math.Min(head.Length, 1 << 16)], complete: false);
        var skipper = default(JsonValueSkipper);
        long size = 0;
        var at = _start + begin;
        while (true)
        {
            var used = skipper.Advance(_buffer.AsSpan(at, _end - at));
            size += used;
            at += used;
            if (skipper.Done || (_final && skipper.InScalar))
            {
                break;
            }

            if (_final)
            {
                throw new PipelineFormatException($"The pipeline ends inside a record of more than {Limits.Bytes(_limit)}, {size:N0} bytes in{(id is null ? string.Empty : $" (id {id})")}: the file is cut off or not JSON.");
            }

            _start = _end = at = 0; // nothing read so far is needed again
            Fill();
        }

        var rest = _end - at;
        var length = before.Length + Placeholder.Length + rest;
        var target = length <= _buffer.Length ? _buffer : new byte[length];
        Buffer.BlockCopy(_buffer, at, target, before.Length + Placeholder.Length, rest);
        before.CopyTo(target, 0);
        Placeholder.CopyTo(target, before.Length);
        _buffer = target;
        _start = 0;
        _end = length;
        _skippedLines += skipper.Lines;
        _skipped = new OversizedValue(size, id);
    }

    /// <summary>Where the next value starts after the whitespace and the comma the reader consumed or stopped at; -1 for a comment.</summary>
    private static int ValueStart(ReadOnlySpan<byte> unread, int from)
    {
        var i = from + unread[from..].IndexOfAnyExcept(" \t\r\n,"u8);
        return i < from || unread[i] == '/' ? -1 : i;
    }

    private PipelineFormatException TooLarge() =>
        new($"A value of the pipeline is larger than {Limits.Bytes(_limit)}: no header value, name or record needs that much; check the file.");

    private Utf8JsonReader NewReader()
    {
        if (!_started)
        {
            _started = true;
            Fill();
            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start = 3;
            }
        }

        return new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private void Fill()
    {
        if (_final)
        {
            return;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_buffer.Length >= 2L * _limit)
            {
                throw TooLarge(); // a token, comment or run of whitespace this large (an element is skipped before)
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _final = true;
        }
        else
        {
            _end += n;
        }
    }
}
