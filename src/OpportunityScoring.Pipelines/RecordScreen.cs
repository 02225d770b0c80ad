namespace OpportunityScoring.Pipelines;

/// <summary>
/// A record as the reader cut it from the input, before it is parsed: its position, its UTF-8 bytes (the JSON Lines
/// line without its line end, or the element of the <c>opportunities</c> array; <see langword="null"/> when over the
/// record limit and skipped unread) and the id its bytes name (trimmed, NFC; <see langword="null"/> when none can be read).
/// </summary>
/// <param name="Index">The record's position in the input, from 0.</param>
/// <param name="Bytes">Its bytes as read.</param>
/// <param name="Id">The id its bytes name.</param>
internal readonly record struct RawRecord(int Index, byte[]? Bytes, string? Id);

/// <summary>
/// Looks at each chunk of records as read, before they are parsed, on the reading thread: the decision ledger hashes
/// the records' bytes (its input hash) and, for an incremental run, keeps back those whose last stored assessment has
/// the same hash under the same policy, so they are never parsed nor scored (<c>--changed-only</c>).
/// </summary>
internal interface IRecordScreen
{
    /// <summary>
    /// Screens a chunk: for each record the id to carry it forward under (it is then not parsed), or
    /// <see langword="null"/> to read it as usual.
    /// </summary>
    /// <param name="format">The input's format (part of the input hash: the same bytes mean different things in another format).</param>
    /// <param name="chunk">The records, in input order.</param>
    /// <returns>One entry per record.</returns>
    string?[] Screen(PipelineFormat format, IReadOnlyList<RawRecord> chunk);

    /// <summary>
    /// A record kept back by <see cref="Screen"/> is carried forward: called in input order once the duplicate check
    /// has passed it (a record kept back whose id an earlier record already has is read and rejected as a duplicate instead).
    /// </summary>
    /// <param name="index">The record's position in the input.</param>
    void Carried(int index);
}

/// <summary>Applies a source's <see cref="IRecordScreen"/> to a chunk of records as read (the JSON and JSON Lines readers).</summary>
internal static class RecordScreening
{
    /// <summary>
    /// The screen's answer for a chunk (ids read on all cores), or <see langword="null"/> when the source has no screen.
    /// </summary>
    public static string?[]? Screen<T>(PipelineSource source, PipelineFormat format, List<T> chunk, int first, Func<T, byte[]?> bytes)
    {
        if (source.Screen is not { } screen || chunk.Count == 0)
        {
            return null;
        }

        var raw = new RawRecord[chunk.Count];
        var ids = new string?[chunk.Count];
        PipelineStreamReader.ForEach(chunk.Count, i => ids[i] = bytes(chunk[i]) is { } b ? RecordReader.IdOf(b, complete: true) : null);
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] = new RawRecord(first + i, bytes(chunk[i]), ids[i]);
        }

        return screen.Screen(format, raw);
    }
}
