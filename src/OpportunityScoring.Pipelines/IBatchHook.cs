namespace OpportunityScoring.Pipelines;

/// <summary>
/// Per-record work a consumer of a batch has done on the cores that score it (<see cref="BatchOptions.Hook"/>) instead of
/// on the one thread that enumerates the run: there the record and its fresh assessment are still in the core's cache,
/// and the thread that writes the output is the one every core waits for (docs/benchmarks.md, issue 19).
/// </summary>
/// <remarks>
/// Called for each chunk on the core that scores it, concurrently for different chunks: an implementation reads shared
/// state only, and writes only the records, items and state of the chunk it is handed.
/// </remarks>
internal interface IBatchHook
{
    /// <summary>Before a chunk is scored: may replace its records in place (the records to score instead).</summary>
    /// <param name="chunk">The chunk's records .</param>
    /// <param name="count">How many of <paramref name="chunk"/> are records of this chunk.</param>
    /// <param name="asOf">The assessment day.</param>
    /// <returns>What <see cref="Scored"/> gets for this chunk.</returns>
    object? Prepare(PipelineRecord[] chunk, int count, DateOnly asOf);

    /// <summary>Once the chunk is scored (and serialised, when asked), before it is handed back: may set each item's <see cref="BatchItem.Tag"/>.</summary>
    /// <param name="items">The chunk's items, in input order (one per record of the chunk).</param>
    /// <param name="prepared">What <see cref="Prepare"/> returned for the chunk.</param>
    void Scored(BatchItem[] items, object? prepared);
}
