using System.Collections;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using OpportunityScoring.Engine;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// Scores a stream of pipeline records across all cores with bounded memory: records are read in chunks, at most
/// a fixed window of chunks is in flight, and results come back in input order as soon as the head chunk is done.
/// Every record comes back: an invalid record, or one for which a rule throws, becomes a <see cref="BatchItem"/> with
/// errors naming its id and index, and the batch goes on.
/// </summary>
/// <remarks>
/// Thread safe (the scorer is). Each call returns a run that can be enumerated once. The input is enumerated on the
/// thread that enumerates the run; an exception thrown by the input itself (a file that cannot be parsed any further)
/// is rethrown after the records read before it have been handed back.
/// </remarks>
public sealed class BatchScorer
{
    private readonly IOpportunityScorer _scorer;
    private readonly BatchOptions _options;
    private readonly TaskScheduler _scheduler;

    /// <summary>Creates a batch scorer.</summary>
    /// <param name="scorer">The scorer of single opportunities (thread safe).</param>
    /// <param name="options">Parallelism and window; <see cref="BatchOptions.Default"/> when <see langword="null"/>.</param>
    public BatchScorer(IOpportunityScorer scorer, BatchOptions? options = null)
    {
        _scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));
        _options = options ?? BatchOptions.Default;
        _scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, _options.Parallelism).ConcurrentScheduler;
    }

    /// <summary>The policy every assessment is made under.</summary>
    public PolicyStamp Policy => _scorer.Policy.Stamp;

    /// <summary>Scores a stream of records.</summary>
    /// <param name="records">The records, read lazily (never materialised).</param>
    /// <param name="asOf">The day of the assessment; today (UTC) when <see langword="null"/>.</param>
    /// <param name="progress">Receives progress after every chunk handed back.</param>
    /// <param name="cancellationToken">Stops the batch (enumeration throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The run: the items in input order, and the counts.</returns>
    public BatchRun Score(IEnumerable<PipelineRecord> records, DateOnly? asOf = null, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return Start(new SyncRecords(records), asOf, progress, cancellationToken);
    }

    /// <summary>Scores an asynchronous stream of records (a request body, a queue): the same loop as <see cref="Score(IEnumerable{PipelineRecord}, DateOnly?, IProgress{BatchProgress}?, CancellationToken)"/>.</summary>
    /// <param name="records">The records, read lazily (never materialised).</param>
    /// <param name="asOf">The day of the assessment; today (UTC) when <see langword="null"/>.</param>
    /// <param name="progress">Receives progress after every chunk handed back.</param>
    /// <param name="cancellationToken">Stops the batch (enumeration throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>The run: the items in input order (<c>await foreach</c> over <see cref="BatchRun.ReadAllAsync"/>), and the counts.</returns>
    public BatchRun ScoreAsync(IAsyncEnumerable<PipelineRecord> records, DateOnly? asOf = null, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return Start(records, asOf, progress, cancellationToken);
    }

    private BatchRun Start(IAsyncEnumerable<PipelineRecord> records, DateOnly? asOf, IProgress<BatchProgress>? progress, CancellationToken cancellationToken)
    {
        var day = asOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var counts = new BatchCounts();
        return new BatchRun(Policy, day, counts, Run(records, day, progress, counts, cancellationToken));
    }

    /// <summary>Scores opportunities built in code (each is a valid record at its position).</summary>
    /// <param name="opportunities">The opportunities.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Stops the batch.</param>
    /// <returns>The run.</returns>
    public BatchRun Score(IEnumerable<Opportunity> opportunities, DateOnly? asOf = null, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        return Score(opportunities.Select((o, i) => new PipelineRecord(i, o, [])), asOf, progress, cancellationToken);
    }

    /// <summary>
    /// The one loop of every batch, synchronous or not: records are read into chunks, at most a window of chunks is
    /// scored at a time on the thread pool, and the items come back in input order. A synchronous source reads without
    /// awaiting (<see cref="SyncRecords"/>), and a synchronous caller blocks only while a chunk is still being scored.
    /// </summary>
    private async IAsyncEnumerable<BatchItem> Run(IAsyncEnumerable<PipelineRecord> records, DateOnly asOf, IProgress<BatchProgress>? progress, BatchCounts counts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Window(this, asOf, counts, stop.Token);
        ExceptionDispatchInfo? failure = null;
        var more = true;
        var input = records.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                while (more && window.HasRoom)
                {
                    try
                    {
                        more = await input.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failure = ExceptionDispatchInfo.Capture(e);
                        more = false;
                    }

                    window.Take(more ? input.Current : null, more);
                }

                if (window.IsEmpty)
                {
                    break;
                }

                var items = await window.Next().ConfigureAwait(false);
                foreach (var item in items)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Count(counts, item);
                    yield return item;
                }

                progress?.Report(new BatchProgress(counts.Read, counts.Assessed, counts.Rejected, clock.Elapsed));
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            window.Drain();
            await input.DisposeAsync().ConfigureAwait(false);
        }

        failure?.Throw();
        counts.Completed = true;
    }

    private static void Count(BatchCounts counts, BatchItem item)
    {
        if (item.IsAssessed)
        {
            counts.Assessed++;
        }
        else
        {
            counts.Rejected++;
            counts.Errors += item.Errors.Count;
        }
    }

    /// <summary>
    /// The chunks in flight, in input order: records are gathered into chunks, each chunk scored as a task, at most
    /// <see cref="BatchOptions.Window"/> chunks at a time (the one piece the synchronous and asynchronous loops share).
    /// </summary>
    private sealed class Window(BatchScorer scorer, DateOnly asOf, BatchCounts counts, CancellationToken cancellationToken)
    {
        private readonly Queue<Task<BatchItem[]>> _tasks = new();
        private PipelineRecord[]? _chunk;
        private int _count;

        /// <summary>Whether another record may be read (fewer chunks in flight than the window allows).</summary>
        public bool HasRoom => _tasks.Count < scorer._options.Window;

        /// <summary>Whether no chunk is in flight.</summary>
        public bool IsEmpty => _tasks.Count == 0;

        /// <summary>Takes the record just read (starting its chunk once full), or, at the end of the input, starts the last chunk.</summary>
        public void Take(PipelineRecord? record, bool read)
        {
            if (read)
            {
                _chunk ??= new PipelineRecord[scorer._options.Chunk];
                _chunk[_count++] = record!;
                if (_count < _chunk.Length)
                {
                    return;
                }
            }

            if (_count > 0)
            {
                counts.Read += _count;
                _tasks.Enqueue(scorer.Start(_chunk!, _count, asOf, cancellationToken));
                _chunk = null;
                _count = 0;
            }
        }

        /// <summary>The head chunk's task (results come back in input order).</summary>
        public Task<BatchItem[]> Next() => _tasks.Dequeue();

        /// <summary>Waits for the chunks still in flight and drops their results (after cancellation or an early stop).</summary>
        public void Drain()
        {
            foreach (var task in _tasks)
            {
                try
                {
                    task.Wait(CancellationToken.None);
                }
                catch (AggregateException)
                {
                    // Abandoned work after cancellation or an early stop: its results are not wanted.
                }
            }

            _tasks.Clear();
        }
    }

    private Task<BatchItem[]> Start(PipelineRecord[] chunk, int count, DateOnly asOf, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => ScoreChunk(chunk, count, asOf, cancellationToken), cancellationToken, TaskCreationOptions.DenyChildAttach, _scheduler);

    private BatchItem[] ScoreChunk(PipelineRecord[] chunk, int count, DateOnly asOf, CancellationToken cancellationToken)
    {
        var items = new BatchItem[count];
        var hook = _options.Hook;
        var prepared = hook?.Prepare(chunk, count, asOf);
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            items[i] = ScoreOne(chunk[i], asOf);
        }

        if (_options.SerializeIn is { } texts)
        {
            SerializedChunk.Serialise(items, texts); // while the assessments are in this core's cache
        }

        hook?.Scored(items, prepared); // likewise

        return items;
    }

    /// <summary>Scores one record, turning every failure into errors on the record (fault isolation).</summary>
    internal BatchItem ScoreOne(PipelineRecord? record, DateOnly asOf)
    {
        if (record is null)
        {
            return new BatchItem(-1, null, null, [new InputError(null, -1, "(record)", "the input yielded a null record")]);
        }

        if (record.Opportunity is not { } opportunity)
        {
            IReadOnlyList<InputError> errors = record.Errors is { Count: > 0 } e
                ? e
                : [new InputError(null, record.Index, "(record)", "the record has neither an opportunity nor errors")];
            return new BatchItem(record.Index, null, null, errors);
        }

        try
        {
            return _options.Detail == ScoringDetail.Decisions
                ? new BatchItem(record.Index, opportunity, _scorer.Decide(opportunity, asOf))
                : new BatchItem(record.Index, opportunity, _scorer.Score(opportunity, asOf), []);
        }
        catch (ScoringException e)
        {
            return new BatchItem(record.Index, opportunity, null, [new InputError(opportunity.Id, record.Index, e.Rule is null ? "(rules)" : "(rule " + e.Rule + ")", e.Message)]);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return new BatchItem(record.Index, opportunity, null, [new InputError(opportunity.Id, record.Index, "(rules)", $"Opportunity {opportunity.Id}: scoring failed: {e.GetType().Name}: {e.Message}")]);
        }
    }
}

/// <summary>
/// A batch in progress: its items (enumerable once, in input order, with <c>foreach</c>, or <c>await foreach</c> over
/// <see cref="ReadAllAsync"/>) and its running counts.
/// </summary>
public sealed class BatchRun : IEnumerable<BatchItem>
{
    private IAsyncEnumerable<BatchItem>? _items;

    internal BatchRun(PolicyStamp policy, DateOnly asOf, BatchCounts counts, IAsyncEnumerable<BatchItem> items)
    {
        Policy = policy;
        AsOf = asOf;
        Counts = counts;
        _items = items;
    }

    /// <summary>The policy every assessment is made under.</summary>
    public PolicyStamp Policy { get; }

    /// <summary>The day of the assessment.</summary>
    public DateOnly AsOf { get; }

    /// <summary>The running counts: records read, assessed, rejected.</summary>
    public BatchCounts Counts { get; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The run was already enumerated.</exception>
    public IEnumerator<BatchItem> GetEnumerator() => Take().ToBlockingEnumerable().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The items, awaited instead of blocking the thread while a chunk is being scored (a web request, a hosted service).</summary>
    /// <returns>The items in input order.</returns>
    /// <exception cref="InvalidOperationException">The run was already enumerated.</exception>
    public IAsyncEnumerable<BatchItem> ReadAllAsync() => Take();

    private IAsyncEnumerable<BatchItem> Take() =>
        Interlocked.Exchange(ref _items, null) ?? throw new InvalidOperationException("A batch run can be enumerated only once.");
}

/// <summary>A synchronous sequence of records read through the batch's one asynchronous loop, without awaiting anything.</summary>
internal sealed class SyncRecords(IEnumerable<PipelineRecord> records) : IAsyncEnumerable<PipelineRecord>
{
    public IAsyncEnumerator<PipelineRecord> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(records.GetEnumerator());

    private sealed class Enumerator(IEnumerator<PipelineRecord> inner) : IAsyncEnumerator<PipelineRecord>
    {
        public PipelineRecord Current => inner.Current;

        public ValueTask<bool> MoveNextAsync() => new(inner.MoveNext());

        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
