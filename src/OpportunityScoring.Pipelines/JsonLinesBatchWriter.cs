using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// Writes JSON Lines as items come: an assessment per line (with its policy), or <c>{"error": …}</c> lines. Each
/// assessment is written field by field into a pooled buffer (<see cref="AssessmentJsonWriter"/>: the serializer's
/// bytes, each distinct message rendered once), and the buffer goes to the output in writes of about
/// <see cref="FlushAt"/> bytes.
/// </summary>
/// <remarks>
/// An error line is written through to the output at once (with the lines before it): rejected records are rare, and
/// a caller that writes assessment lines of its own beside this writer (the CLI's ledger, which shares each line's bytes)
/// keeps the input's order.
/// </remarks>
internal sealed class JsonLinesBatchWriter : IBatchWriter
{
    /// <summary>The output is written in pieces of about this size.</summary>
    internal const int FlushAt = 1 << 18;

    private readonly Stream _output;
    private readonly DirectFileStream? _direct; // buffers whole aligned blocks itself: serialised lines go to it without a copy into ours
    private readonly PooledBufferWriter _buffer = new(FlushAt + (1 << 15));
    private readonly Utf8JsonWriter _json;
    private readonly AssessmentJsonWriter _assessments;
    private bool _disposed;

    /// <summary>Creates the writer.</summary>
    /// <param name="output">Where to write (UTF-8, left open).</param>
    /// <param name="texts">The language of the messages (English when <see langword="null"/>).</param>
    public JsonLinesBatchWriter(Stream output, Texts? texts = null)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _direct = output as DirectFileStream;
        _assessments = new AssessmentJsonWriter(texts ?? Texts.English);
        _json = new Utf8JsonWriter(_buffer, AssessmentJsonWriter.WriterOptions());
    }

    /// <inheritdoc />
    public void Write(BatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (item.Assessment is { } assessment)
        {
            if (item.Json is { } json && json.Texts.Language == _assessments.Texts.Language && _direct is { } direct)
            {
                // Serialised on the core that scored it (BatchOptions.SerializeIn): the same bytes, copied once, straight
                // into the direct-I/O stream's aligned buffer (after any lines still in ours, to keep the order).
                _buffer.DrainTo(direct);
                if (json.TryWriteTo(direct))
                {
                    direct.Write("\n"u8);
                    return;
                }

                _assessments.Write(_json, assessment);
                EndLine();
            }
            else if (item.Json is { } copied && copied.Texts.Language == _assessments.Texts.Language && copied.TryCopyTo(_buffer))
            {
                _buffer.Write("\n"u8); // serialised on the core that scored it (BatchOptions.SerializeIn): the same bytes
            }
            else
            {
                _assessments.Write(_json, assessment);
                EndLine();
            }

            if (_buffer.WrittenCount >= FlushAt)
            {
                _buffer.DrainTo(_output);
            }

            return;
        }

        BatchWriters.EnsureFull(item);

        foreach (var error in item.Errors)
        {
            JsonSerializer.Serialize(_json, new ErrorLine(error), ContractJson.Options); // {"error": …}: nothing is lost
            EndLine();
        }

        _buffer.DrainTo(_output);
    }

    /// <inheritdoc />
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _buffer.DrainTo(_output);
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _json.Flush();
            _buffer.DrainTo(_output); // what a caller wrote without completing is in the output, as a Utf8JsonWriter's dispose does
        }
        finally
        {
            _json.Dispose();
            _buffer.Dispose();
        }
    }

    /// <summary>Ends a line: the JSON writer's bytes into the buffer, a newline, and the writer ready for the next value.</summary>
    private void EndLine()
    {
        _json.Flush();
        _json.Reset();
        _buffer.Write("\n"u8);
    }
}
