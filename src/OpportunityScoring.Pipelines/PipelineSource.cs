namespace OpportunityScoring.Pipelines;

/// <summary>
/// A pipeline being read record by record (never materialised): the assessment day, when the input says, and the
/// records, enumerable once. Dispose it to close the input.
/// </summary>
public sealed class PipelineSource : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private IEnumerable<PipelineRecord>? _records;

    internal PipelineSource(Stream stream, bool leaveOpen, DateOnly? asOf, Func<PipelineSource, IEnumerable<SizedRecord>> records)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        AsOf = asOf;
        _records = ReadAhead.Of(records(this), weigh: static r => r.Bytes, chunkWeight: Limits.ChunkBytes).Select(static r => r.Record);
    }

    /// <summary>Opens a pipeline file for streaming.</summary>
    /// <param name="format">The input format.</param>
    /// <param name="path">The file.</param>
    /// <returns>The stream of records (dispose it).</returns>
    /// <exception cref="PipelineFormatException">The file does not start like a pipeline of that format (the message names the line).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PipelineSource Open(PipelineFormat format, string path) => Open(format, PipelineStreamReader.OpenRead(path));

    /// <summary>
    /// Opens a pipeline for streaming: the contract's JSON (an object with <c>opportunities</c>, or a bare array; when
    /// streaming, <c>asOf</c> must come before <c>opportunities</c>), JSON Lines (one opportunity per line), the flat CSV
    /// layout (docs/csv-layout.md) or a Salesforce Opportunity export (docs/salesforce-mapping.md). Records are read one
    /// at a time with a bounded buffer; a bad record — whatever is wrong in it, including text that is not valid Unicode
    /// and more than 1 MiB — becomes errors naming its id (or index) and field, and the other records are still read.
    /// </summary>
    /// <param name="format">The input format.</param>
    /// <param name="stream">The input: UTF-8 with or without a byte order mark, or UTF-16 with one.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records (dispose it).</returns>
    /// <exception cref="PipelineFormatException">The input does not start like a pipeline of that format (the message names the line).</exception>
    public static PipelineSource Open(PipelineFormat format, Stream stream, bool leaveOpen = false) => format switch
    {
        PipelineFormat.Json => PipelineStreamReader.OpenJson(stream, leaveOpen),
        PipelineFormat.JsonLines => PipelineStreamReader.OpenJsonLines(stream, leaveOpen),
        PipelineFormat.Csv => PipelineCsv.Open(stream, leaveOpen),
        PipelineFormat.Salesforce => SalesforceOpportunityReader.Open(stream, null, leaveOpen),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not an input format"),
    };

    /// <summary>The pipeline's <c>accounts</c> section (key accounts, read before the opportunities), when it has one.</summary>
    internal System.Text.Json.JsonElement? Accounts { get; init; }

    /// <summary>The accounts a Salesforce export names in its Account.* columns, complete once the records are read.</summary>
    internal SalesforceAccounts? ExportedAccounts { get; init; }

    /// <summary>Whether the reader hands each chunk of records as read to a <see cref="Screen"/> (JSON and JSON Lines).</summary>
    internal bool CanScreen { get; init; }

    /// <summary>What looks at the records before they are parsed (the decision ledger); set before <see cref="Records"/> is enumerated.</summary>
    internal IRecordScreen? Screen { get; set; }

    /// <summary>The day to assess on, when the input says (the contract's <c>asOf</c>).</summary>
    public DateOnly? AsOf { get; }

    /// <summary>How much of the input has been read (0–1), when the input's length is known.</summary>
    public double? Fraction => _stream.CanSeek && _stream.Length > 0 ? Math.Clamp((double)_stream.Position / _stream.Length, 0, 1) : null;

    /// <summary>
    /// The records in input order, valid or not; enumerable once. They are read and parsed ahead on a thread of their
    /// own (at most 2,048 records or about 16 MiB of input), so that whoever consumes them is not held up by the reading.
    /// </summary>
    /// <exception cref="PipelineFormatException">While enumerating: the input cannot be parsed any further.</exception>
    public IEnumerable<PipelineRecord> Records => Interlocked.Exchange(ref _records, null) ?? throw new InvalidOperationException("The records of a pipeline stream can be read only once.");

    /// <summary>
    /// Reads every record to find one opportunity by its id (a report, a lookup): the first valid record with that id,
    /// and the errors of every record with that id or with no id that could be read (a record that is not an object, an
    /// id that is not valid text: it may be the one asked for), so a second record with the same id (which of the two
    /// is meant?) or a bad one is not mistaken for the answer, and a pipeline that holds no readable record is not
    /// mistaken for one without the id.
    /// </summary>
    /// <param name="id">The opportunity's id.</param>
    /// <param name="errors">The errors of the records with that id or without a readable id (empty when there is exactly one, valid, and no unreadable one).</param>
    /// <returns>The record, or <see langword="null"/> when no valid record has the id.</returns>
    /// <exception cref="PipelineFormatException">The input cannot be parsed any further.</exception>
    public PipelineRecord? Find(string id, out IReadOnlyList<InputError> errors)
    {
        id = RecordReader.NormalizeId(id) ?? id; // ids are compared trimmed and composed (NFC), as the readers store them
        PipelineRecord? found = null;
        var bad = new List<InputError>();
        foreach (var record in Records)
        {
            found ??= record.Opportunity?.Id == id ? record : null;
            foreach (var e in record.Errors)
            {
                if (e.Id == id || e.Id is null)
                {
                    bad.Add(e);
                }
            }
        }

        errors = bad;
        return found;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}

/// <summary>A record as a reader read it, with the bytes it took in the input (what reading ahead holds is bounded by them).</summary>
/// <param name="Record">The record.</param>
/// <param name="Bytes">Its bytes in the input.</param>
internal readonly record struct SizedRecord(PipelineRecord Record, int Bytes);

/// <summary>
/// Turns a repeated id into an error on the later record (every reader's rule: a rejected record's id counts too).
/// Ids come normalised (trimmed, NFC) from the readers. The ids seen are held in an <see cref="IdSet"/>: 8 bytes each
/// past the first 65,536, whatever their length, with the exact answers of a set of the ids. Dispose it to delete its
/// temporary file.
/// </summary>
internal sealed class DuplicateIds(IdSet? seen = null) : IDisposable
{
    private readonly IdSet _seen = seen ?? new IdSet();

    public PipelineRecord Check(PipelineRecord record)
    {
        if (record.Opportunity is not { } o)
        {
            // A rejected record still claims its id (when it has a readable one): a later record with the same id is a
            // duplicate too, else fixing the first copy would silently change which record is assessed.
            if (record.Errors.Select(e => e.Id).FirstOrDefault(id => id is not null) is { } rejectedId)
            {
                _seen.TryAdd(rejectedId, record.Index, out _);
            }

            return record;
        }

        return _seen.TryAdd(o.Id, record.Index, out var first)
            ? record
            : Duplicate(o.Id, record.Index, first);
    }

    /// <summary>
    /// The check of a record that is not parsed (carried forward by a <see cref="IRecordScreen"/>) by the id its bytes
    /// name: <see langword="null"/> when the id is its own, else the rejection parsing it would have given.
    /// </summary>
    public PipelineRecord? CheckUnparsed(string id, int index) =>
        _seen.TryAdd(id, index, out var first) ? null : Duplicate(id, index, first);

    private static PipelineRecord Duplicate(string id, int index, int first) =>
        new(index, null, [new InputError(id, index, "id", $"duplicate id: the record at index {first} has the same id")]);

    public void Dispose() => _seen.Dispose();
}

/// <summary>
/// Enumerates a sequence on a thread of its own, a bounded number of chunks ahead of its consumer: the reading and
/// parsing of an input overlap with the scoring and writing of what was read before. Items come in order; an exception
/// of the source comes after every item read before it, as it would without reading ahead.
/// </summary>
internal static class ReadAhead
{
    /// <summary>The items of <paramref name="source"/>, produced on a dedicated thread.</summary>
    /// <param name="source">The sequence (enumerated once, on the reading thread only).</param>
    /// <param name="chunk">Items handed over at a time.</param>
    /// <param name="chunksAhead">Chunks read ahead at most (the memory bound).</param>
    /// <param name="weigh">The weight of an item (its bytes in the input), when chunks are bounded by weight too.</param>
    /// <param name="chunkWeight">A chunk is handed over once its items weigh this much, even when it has fewer than <paramref name="chunk"/>.</param>
    public static IEnumerable<T> Of<T>(IEnumerable<T> source, int chunk = 256, int chunksAhead = 8, Func<T, long>? weigh = null, long chunkWeight = long.MaxValue)
    {
        using var stop = new CancellationTokenSource();
        using var queue = new System.Collections.Concurrent.BlockingCollection<T[]>(chunksAhead);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var reader = Task.Factory.StartNew(
            () =>
            {
                var buffer = new List<T>(chunk);
                long weight = 0;
                try
                {
                    foreach (var item in source)
                    {
                        buffer.Add(item);
                        weight += weigh?.Invoke(item) ?? 0;
                        if (buffer.Count == chunk || weight >= chunkWeight)
                        {
                            queue.Add([.. buffer], stop.Token);
                            buffer.Clear();
                            weight = 0;
                        }
                    }

                    Flush(queue, buffer, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // the consumer stopped early: nothing more is wanted
                }
                catch (Exception e)
                {
                    failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
                    try
                    {
                        Flush(queue, buffer, stop.Token); // the items read before the failure still come first
                    }
                    catch (OperationCanceledException)
                    {
                        // the consumer stopped early
                    }
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (var items in queue.GetConsumingEnumerable())
            {
                foreach (var item in items)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            stop.Cancel();
            reader.Wait(CancellationToken.None); // once this returns the source (and its stream) is no longer in use
        }

        failure?.Throw();
    }

    private static void Flush<T>(System.Collections.Concurrent.BlockingCollection<T[]> queue, List<T> buffer, CancellationToken stop)
    {
        if (buffer.Count > 0)
        {
            queue.Add([.. buffer], stop);
            buffer.Clear();
        }
    }
}
