using System.Buffers;
using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// The contract JSON of a chunk's assessments, written on the core that scored them right after scoring
/// (<see cref="BatchOptions.SerializeIn"/>), into one buffer from <see cref="ArrayPool{T}.Shared"/>. Each item holds its
/// slice (<see cref="SerializedJson"/>); a JSON Lines writer copies it, and when every slice has been copied the buffer
/// goes back to the pool (a slice never copied leaves the buffer to the garbage collector).
/// </summary>
/// <remarks>
/// Why on the scoring core: an explained assessment is ~14 KB of objects; written there it is still in that core's
/// cache, and the writer's one thread only copies bytes (docs/benchmarks.md, issue 26 part 1 again). The bytes are the
/// JSON Lines writer's own (<see cref="AssessmentJsonWriter"/>, one per thread and language).
/// </remarks>
internal sealed class SerializedChunk
{
    [ThreadStatic]
    private static Scratch? PerThread;

    private byte[]? _buffer;
    private int _pending;

    private SerializedChunk(byte[] buffer, int slices, Texts texts)
    {
        _buffer = buffer;
        _pending = slices;
        Texts = texts;
    }

    /// <summary>The language of the messages.</summary>
    public Texts Texts { get; }

    /// <summary>Serialises the assessments among <paramref name="items"/> (in place: each assessed item gets its slice); an assessment that cannot be serialised keeps none (the writer then serialises it, and reports the failure, as it always did).</summary>
    /// <param name="items">The chunk's items.</param>
    /// <param name="texts">The language.</param>
    public static void Serialise(BatchItem[] items, Texts texts)
    {
        var scratch = PerThread ??= new Scratch();
        var writer = scratch.For(texts);
        using var buffer = new PooledBufferWriter(items.Length * 10 * 1024);
        scratch.Json.Reset(buffer);
        var slices = new (int Start, int Length)[items.Length];
        var count = 0;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Assessment is not { } assessment)
            {
                continue;
            }

            var start = buffer.WrittenCount;
            try
            {
                writer.Write(scratch.Json, assessment);
                scratch.Json.Flush();
                slices[i] = (start, buffer.WrittenCount - start);
                count++;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                scratch.Json.Reset(buffer);
                buffer.Rewind(start);
                slices[i] = (-1, 0);
            }

            scratch.Json.Reset(buffer);
        }

        if (count == 0)
        {
            return;
        }

        var chunk = new SerializedChunk(buffer.Detach(), count, texts);
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Assessment is not null && slices[i].Start >= 0)
            {
                items[i] = items[i] with { Json = new SerializedJson(chunk, slices[i].Start, slices[i].Length) };
            }
        }
    }

    /// <summary>Copies a slice to <paramref name="output"/>, a buffer or a stream; the last slice copied returns the buffer to the pool.</summary>
    internal bool CopyTo(int start, int length, PooledBufferWriter? output, Stream? stream)
    {
        var buffer = Volatile.Read(ref _buffer);
        if (buffer is null)
        {
            return false;
        }

        if (output is not null)
        {
            output.Write(buffer.AsSpan(start, length));
        }
        else
        {
            stream!.Write(buffer, start, length);
        }

        if (Interlocked.Decrement(ref _pending) == 0 && Interlocked.Exchange(ref _buffer, null) is { } done)
        {
            ArrayPool<byte>.Shared.Return(done);
        }

        return true;
    }

    /// <summary>A JSON writer and an assessment writer (with its message cache) per language, kept per thread.</summary>
    private sealed class Scratch
    {
        private readonly Dictionary<string, AssessmentJsonWriter> _byLanguage = new(StringComparer.Ordinal);

        public Utf8JsonWriter Json { get; } = new(Stream.Null, AssessmentJsonWriter.WriterOptions());

        public AssessmentJsonWriter For(Texts texts)
        {
            if (!_byLanguage.TryGetValue(texts.Language, out var writer))
            {
                writer = new AssessmentJsonWriter(texts);
                _byLanguage.Add(texts.Language, writer);
            }

            return writer;
        }
    }
}

/// <summary>One assessment's slice of a <see cref="SerializedChunk"/>, copied at most once.</summary>
internal sealed class SerializedJson(SerializedChunk chunk, int start, int length)
{
    private int _taken;

    /// <summary>The language of the messages.</summary>
    public Texts Texts => chunk.Texts;

    /// <summary>Appends the assessment's JSON to <paramref name="output"/>; <see langword="false"/> when it was copied already (the caller serialises it).</summary>
    public bool TryCopyTo(PooledBufferWriter output) =>
        Interlocked.Exchange(ref _taken, 1) == 0 && chunk.CopyTo(start, length, output, null);

    /// <summary>Writes the assessment's JSON to <paramref name="output"/> (a stream that buffers: one write per line); <see langword="false"/> when it was copied already.</summary>
    public bool TryWriteTo(Stream output) =>
        Interlocked.Exchange(ref _taken, 1) == 0 && chunk.CopyTo(start, length, null, output);
}
