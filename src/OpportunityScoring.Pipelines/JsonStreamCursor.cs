using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// A forward-only <see cref="Utf8JsonReader"/> over a stream, one buffer at a time: reads single tokens, or whole
/// values (an array element) as their own <see cref="JsonDocument"/>. The buffer grows only to the largest value.
/// Syntax errors surface as <see cref="JsonException"/> with the line counted from the start of the stream.
/// </summary>
internal sealed class JsonStreamCursor
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private bool _started;
    private JsonReaderState _state;
    private readonly JsonReaderOptions _options;

    public JsonStreamCursor(Stream stream, JsonReaderOptions options)
    {
        _stream = stream;
        _options = options;
        _state = new JsonReaderState(options);
    }

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
    public byte[]? ReadRawValue()
    {
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
                Fill();
                continue;
            }

            var bytes = _buffer.AsSpan(_start + start, (int)reader.BytesConsumed - start).ToArray();
            Commit(ref reader);
            return bytes;
        }
    }

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
