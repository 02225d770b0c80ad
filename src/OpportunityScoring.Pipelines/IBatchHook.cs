namespace OpportunityScoring.Pipelines;

/// <summary>
/// Per-record work a consumer of a batch has done on the cores that score it (<see cref="BatchOptions.Hook"/>) instead of
/// on the one thread that enumerates the run: there the record and its fresh assessment are still in the core's cache,
/// and the thread that writes the output is the one every core waits for (docs/benchmarks.md, issue 19).
/// </summary>
/// <remarks>Called concurrently for different chunks: an implementation reads shared state only, and writes only the records and items it is handed.</remarks>
internal interface IBatchHook
{
    /// <summary>The record to score in place of <paramref name="record"/> (the record itself when there is nothing to change).</summary>
    /// <param name="record">The record read (<see langword="null"/> when the input yielded one).</param>
    /// <param name="asOf">The assessment day.</param>
    /// <returns>The record to score.</returns>
    PipelineRecord? Prepare(PipelineRecord? record, DateOnly asOf);

    /// <summary>Called once a chunk is scored (and serialised, when asked), before it is handed back: may set each item's <see cref="BatchItem.Tag"/>.</summary>
    /// <param name="items">The chunk's items, in input order.</param>
    void Scored(BatchItem[] items);
}
