using System.Collections.Concurrent;
using System.Data.Common;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>
/// A run (or one shard of it) being recorded: a sink for the batch's items that sits beside the output writer. Each
/// item becomes a row as it comes (decisions as columns, the JSON compressed); rows are written in transactions of
/// <c>5,000</c> on a background thread (at most two batches in memory);
/// <see cref="Complete"/> marks the shard finished. Disposed without <see cref="Complete"/> (the input broke off, the
/// process was stopped), the run stays incomplete: its rows are kept, and never read as a complete run.
/// </summary>
/// <remarks>
/// Call <see cref="Select(PipelineSource)"/>, <see cref="Write(BatchItem)"/> and <see cref="Complete"/> from one thread (the one enumerating the
/// batch). When the run was already complete (<see cref="AlreadyComplete"/>), nothing is written again.
/// </remarks>
public sealed partial class LedgerRun : IBatchWriter
{
    private readonly SqlLedger _ledger;
    private readonly RunStart _start;
    private readonly ConcurrentDictionary<int, string> _hashes = new();
    private const int RowChunk = 256;
    private List<(BatchItem Item, string? Hash, byte[]? Json)> _items = new(RowChunk);
    private Task? _building; // the chunk of rows being built (one at a time), while the caller goes on
    private List<AssessmentRow> _buffer = new(LedgerStore.BatchSize);
    private List<(long From, string Id)> _carried = [];
    private DbConnection? _writer;
    private DbConnection? _reader;
    private LedgerScreen? _screen;
    private readonly object _gate = new(); // the buffers are filled from the reading thread (carried) and the caller's
    private Task? _flushing;
    private bool _completed;
    private JsonDictionary? _dictionary;
    private bool _training;
    private bool _fresh;

    internal LedgerRun(SqlLedger ledger, RunStart start, long runId, bool alreadyComplete, JsonDictionary? dictionary, bool fresh)
    {
        _fresh = fresh; // this process started this shard: no row of it is stored yet (LedgerStore.Write)
        _dictionary = dictionary;
        _training = dictionary is null && !alreadyComplete; // the first run under a policy trains the ledger's dictionary
        _ledger = ledger;
        _start = start;
        RunId = runId;
        AlreadyComplete = alreadyComplete;
    }

    /// <summary>The run's number in the ledger.</summary>
    public long RunId { get; }

    /// <summary>Whether this shard of this run (same input, policy, day) was already recorded complete: nothing is written again.</summary>
    public bool AlreadyComplete { get; }

    /// <summary>Opportunities scored and recorded by this process.</summary>
    public long Assessed { get; private set; }

    /// <summary>Records rejected (counted; their errors are not stored).</summary>
    public long Rejected { get; private set; }

    /// <summary>Opportunities carried forward unchanged (<see cref="RunStart.ChangedOnly"/>).</summary>
    public long Carried { get; private set; }

    /// <summary>Whether the whole run is complete (every shard finished), as of <see cref="Complete"/>.</summary>
    public bool RunComplete { get; private set; }

    /// <inheritdoc />
    public void Write(BatchItem item) => Write(item, null);

    /// <summary>
    /// Records an assessed item whose assessment the caller has already serialised as the contract's JSON
    /// (<see cref="ContractJson.Options"/>: the bytes a JSON Lines output writes), so that a stored run serialises each
    /// assessment once. The bytes are compressed as they are; the array must not change afterwards.
    /// </summary>
    /// <param name="item">The item (assessed, with its <see cref="BatchItem.Assessment"/>).</param>
    /// <param name="assessmentJson">Its assessment serialised with <see cref="ContractJson.Options"/>; <see langword="null"/>: serialised here.</param>
    public void Write(BatchItem item, byte[]? assessmentJson)
    {
        ArgumentNullException.ThrowIfNull(item);
        _hashes.TryRemove(item.Index, out var hash);
        if (!item.IsAssessed)
        {
            Rejected++;
            return;
        }

        Assessed++;
        if (!AlreadyComplete)
        {
            // Rows are built 256 at a time on all cores (the JSON serialised and compressed) as the items come, so the
            // assessments die young: holding 10,000 of them for the background writer promoted them through the GC's
            // generations and tripled the CPU of a stored run.
            _items.Add((item, hash, item.Assessment is null ? null : assessmentJson));
            if (_items.Count >= (_training ? JsonDictionary.Samples : RowChunk))
            {
                BuildRows();
            }
        }
    }

    /// <summary>Writes what is still buffered and marks this shard finished; the run is complete when all its shards are.</summary>
    /// <exception cref="LedgerException">The store could not be written (the run stays incomplete).</exception>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        BuildRows();
        WaitBuilding();
        lock (_gate)
        {
            Dispatch();
            Wait();
        }

        _completed = true;
        if (AlreadyComplete)
        {
            RunComplete = _ledger.IsComplete(RunId);
            return;
        }

        // The shard is marked finished and the run's completeness read in one transaction that holds the run's row:
        // shards finishing at the same moment take turns, so exactly one of them sees the run complete (and reports
        // it, and writes the comparison with the previous run). SQLite's write transactions already take turns.
        RunComplete = _ledger.Guard(() =>
        {
            var store = _ledger.Store;
            using var connection = store.Open();
            using var transaction = store.BeginWrite(connection);
            if (store.Kind == "postgresql")
            {
                using var hold = LedgerStore.Command(connection, transaction, "SELECT run_id FROM runs WHERE run_id = @run FOR UPDATE");
                LedgerStore.Add(hold, "run", RunId);
                hold.ExecuteNonQuery();
            }

            using (var command = LedgerStore.Command(connection, transaction,
                "UPDATE run_shards SET finished_at = @now, assessed = @assessed, rejected = @rejected, carried = @carried, input_hashing = @hashing "
                + "WHERE run_id = @run AND shard_index = @shard AND finished_at IS NULL"))
            {
                LedgerStore.Add(command, "hashing", _screen is null ? "opportunity-json" : "record-bytes/1");
                LedgerStore.Add(command, "now", store.Instant(DateTimeOffset.UtcNow));
                LedgerStore.Add(command, "assessed", Assessed);
                LedgerStore.Add(command, "rejected", Rejected);
                LedgerStore.Add(command, "carried", Carried);
                LedgerStore.Add(command, "run", RunId);
                LedgerStore.Add(command, "shard", _start.Shard.Index);
                command.ExecuteNonQuery();
            }

            bool complete;
            using (var check = LedgerStore.Command(connection, transaction, $"SELECT count(*) FROM runs r WHERE r.run_id = @run AND {SqlLedger.RunComplete}"))
            {
                LedgerStore.Add(check, "run", RunId);
                complete = Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
            }

            transaction.Commit();
            return complete;
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _building?.Wait();
            _flushing?.Wait();
        }
        catch (AggregateException)
        {
            // Already reported by Complete, or the run is being abandoned: it stays incomplete either way.
        }

        _writer?.Dispose();
        _reader?.Dispose();
        _screen?.Dispose();
    }

    private void BuildRows()
    {
        if (_training)
        {
            Train();
        }

        // Built on the pool while the caller scores and writes the next chunk (the caller's thread is the pipeline's
        // narrowest point); one chunk at a time, so memory stays bounded and the items still die young.
        WaitBuilding();
        var items = _items;
        var dictionary = _dictionary;
        _items = new(RowChunk);
        _building = items.Count == 0 ? null : Task.Run(() =>
        {
            var rows = new AssessmentRow[items.Count];
            Parallel.For(0, rows.Length, i => rows[i] = AssessmentRow.From(items[i].Item, items[i].Hash, items[i].Json, dictionary));
            foreach (var row in rows)
            {
                Add(row);
            }
        });
    }

    private void WaitBuilding()
    {
        try
        {
            _building?.GetAwaiter().GetResult();
        }
        finally
        {
            _building = null;
        }
    }

    /// <summary>
    /// Trains the ledger's dictionary for this run's policy on the first <see cref="JsonDictionary.Samples"/> assessments
    /// (held until then, serialised once: the rows compress the same bytes). A smaller run compresses with Brotli.
    /// </summary>
    private void Train()
    {
        _training = false;
        if (_items.Count >= JsonDictionary.Samples)
        {
            Parallel.For(0, _items.Count, i => _items[i] = _items[i] with
            {
                Json = _items[i].Json ?? (_items[i].Item.Assessment is { } assessment ? ContractJson.SerializeToUtf8Bytes(assessment) : null),
            });
            _dictionary = _ledger.Guard(() => _ledger.Store.Dictionaries.Train(RunId, _start.Policy.Sha256, [.. _items.Select(i => i.Json)]));
        }
    }

    private void Add(AssessmentRow row)
    {
        if (AlreadyComplete)
        {
            return;
        }

        lock (_gate)
        {
            _buffer.Add(row);
            DispatchWhenFull();
        }
    }

    private void DispatchWhenFull()
    {
        if (_buffer.Count + _carried.Count >= LedgerStore.BatchSize)
        {
            Dispatch();
        }
    }

    /// <summary>Hands the buffer to the background writer once the previous batch is in (two batches in memory at most).</summary>
    private void Dispatch()
    {
        Wait();
        if (_buffer.Count + _carried.Count == 0)
        {
            return;
        }

        var batch = _buffer;
        var carried = _carried;
        _buffer = new List<AssessmentRow>(LedgerStore.BatchSize);
        _carried = [];
        _flushing = Task.Run(() => Flush(batch, carried));
    }

    private void Wait()
    {
        if (_flushing is null)
        {
            return;
        }

        try
        {
            _flushing.GetAwaiter().GetResult();
        }
        finally
        {
            _flushing = null;
        }
    }

    private void Flush(List<AssessmentRow> rows, List<(long From, string Id)> carried) => _ledger.Guard(() =>
    {
        _writer ??= _ledger.Store.Open();
        _fresh = _ledger.Store.Write(_writer, RunId, rows, carried, _fresh);
        return 0;
    });
}
