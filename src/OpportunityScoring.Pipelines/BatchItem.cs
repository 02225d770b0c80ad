namespace OpportunityScoring.Pipelines;

/// <summary>
/// One record's outcome in a batch: its assessment (or, in a batch run for <see cref="ScoringDetail.Decisions"/>,
/// only its decisions), or the errors that explain why it could not be assessed. Exactly one of the two is present.
/// </summary>
/// <param name="Index">The record's position in the input, from 0.</param>
/// <param name="Opportunity">The opportunity read, when the record was valid (its amount feeds the pipeline summary).</param>
/// <param name="Assessment">The assessment, or <see langword="null"/> when the record was rejected or only its decisions were wanted.</param>
/// <param name="Errors">Why the record was rejected (empty when assessed).</param>
public sealed record BatchItem(int Index, Opportunity? Opportunity, Assessment? Assessment, IReadOnlyList<InputError> Errors)
{
    private readonly AssessmentDecisions? _decisions;

    /// <summary>An item decided without explanations (<see cref="ScoringDetail.Decisions"/>).</summary>
    /// <param name="index">The record's position in the input, from 0.</param>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="decisions">Its decisions.</param>
    public BatchItem(int index, Opportunity opportunity, AssessmentDecisions decisions)
        : this(index, opportunity, null, [])
    {
        _decisions = decisions ?? throw new ArgumentNullException(nameof(decisions));
    }

    /// <summary>Whether the record was assessed (fully or for its decisions only).</summary>
    public bool IsAssessed => Assessment is not null || _decisions is not null;

    /// <summary>
    /// The decisions: those of the <see cref="Assessment"/> when there is one, else those decided without
    /// explanations; <see langword="null"/> when the record was rejected.
    /// </summary>
    public AssessmentDecisions? Decisions => Assessment is { } a ? AssessmentDecisions.From(a) : _decisions;

    /// <summary>The assessment's contract JSON, written on the core that scored it (<see cref="BatchOptions.SerializeIn"/>); <see langword="null"/> otherwise.</summary>
    internal SerializedJson? Json { get; init; }

    /// <summary>What <see cref="BatchOptions.Hook"/> left on the item on the core that scored it, for the hook's owner to read in stream order; <see langword="null"/> otherwise.</summary>
    internal object? Tag { get; set; }
}

/// <summary>How far a batch has got.</summary>
/// <param name="Read">Records taken from the input so far.</param>
/// <param name="Assessed">Records assessed and handed back.</param>
/// <param name="Rejected">Records rejected (bad input or a failing rule) and handed back.</param>
/// <param name="Elapsed">Time since the batch started.</param>
public sealed record BatchProgress(long Read, long Assessed, long Rejected, TimeSpan Elapsed)
{
    /// <summary>Records handed back so far (assessed + rejected).</summary>
    public long Completed => Assessed + Rejected;
}

/// <summary>
/// The running counts of a batch. Once the batch has been enumerated to the end,
/// <see cref="Read"/> = <see cref="Assessed"/> + <see cref="Rejected"/>: nothing is lost.
/// </summary>
/// <remarks>Updated on the thread that enumerates the batch; read them there or after the batch ends.</remarks>
public sealed class BatchCounts
{
    /// <summary>Records taken from the input.</summary>
    public long Read { get; internal set; }

    /// <summary>Records assessed.</summary>
    public long Assessed { get; internal set; }

    /// <summary>Records rejected: each carries at least one error.</summary>
    public long Rejected { get; internal set; }

    /// <summary>Error entries (a rejected record may carry several, one per field at fault).</summary>
    public long Errors { get; internal set; }

    /// <summary>Whether the input was read to its end and every record handed back.</summary>
    public bool Completed { get; internal set; }

    /// <summary>Whether every record read is accounted for (assessed or rejected).</summary>
    public bool Balanced => Read == Assessed + Rejected;
}

/// <summary>How a batch runs: parallelism and the bounded window of records in flight.</summary>
public sealed class BatchOptions
{
    /// <summary>The default options: all cores, chunks of 16, four chunks in flight per core.</summary>
    public static BatchOptions Default { get; } = new();

    /// <summary>How many chunks are scored at once; all cores by default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Records per unit of work handed to a core: 16 amortises scheduling (≈ 1 µs a task) over ≈ 10 µs per record
    /// (the compiled engine) while keeping few assessments in flight — with 64, the 512 assessments in flight (≈ 6 MB)
    /// outlived most gen-0 collections under the workstation GC: 300,000 re-scored in 2.9 s against 2.3–2.5 s with 16.
    /// </summary>
    public int ChunkSize { get; init; } = 16;

    /// <summary>
    /// Whether each item carries its full <see cref="Assessment"/> (the default) or only its
    /// <see cref="BatchItem.Decisions"/>, several times faster when the explanations are not wanted.
    /// </summary>
    public ScoringDetail Detail { get; init; } = ScoringDetail.Full;

    /// <summary>
    /// When set, each assessment is also serialised as the contract's JSON in this language on the core that scored it,
    /// while its objects are still in that core's cache, and a JSON Lines writer of the same language copies those bytes
    /// instead of serialising every assessment on its one thread (docs/benchmarks.md, issue 26). <see langword="null"/>
    /// (the default): nothing is serialised ahead.
    /// </summary>
    public Texts? SerializeIn { get; init; }

    /// <summary>
    /// Chunks read ahead and in flight at most; the memory bound is this times <see cref="ChunkSize"/> records.
    /// 0 means sixteen per degree of parallelism: the one thread that reads the records and hands the results on
    /// stalls now and then (a large write, a long record), and the chunks in flight keep the scoring cores busy
    /// meanwhile (measured on 2 cores, 1,000,000 records file to file: four per core left them idle, sixteen cut the
    /// JSON Lines run by about a quarter and the CSV run by about a tenth; docs/benchmarks.md).
    /// </summary>
    public int MaxChunksInFlight { get; init; }

    /// <summary>Per-record work done on the scoring cores for whoever consumes the run (<see cref="IBatchHook"/>); <see langword="null"/> (the default): none.</summary>
    internal IBatchHook? Hook { get; private set; }

    /// <summary>These options with <paramref name="hook"/> (every other setting copied).</summary>
    internal BatchOptions With(IBatchHook hook)
    {
        var copy = (BatchOptions)MemberwiseClone();
        copy.Hook = hook;
        return copy;
    }

    internal int Window => MaxChunksInFlight > 0 ? MaxChunksInFlight : 16 * Parallelism;

    internal int Parallelism => Math.Max(1, MaxDegreeOfParallelism);

    internal int Chunk => Math.Max(1, ChunkSize);
}
