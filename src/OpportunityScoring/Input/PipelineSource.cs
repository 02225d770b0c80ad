namespace OpportunityScoring;

/// <summary>
/// A pipeline being read record by record (never materialised): the assessment day, when the input says, and the
/// records, enumerable once. Dispose it to close the input.
/// </summary>
public sealed class PipelineSource : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private IEnumerable<PipelineRecord>? _records;

    internal PipelineSource(Stream stream, bool leaveOpen, DateOnly? asOf, Func<PipelineSource, IEnumerable<PipelineRecord>> records)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        AsOf = asOf;
        _records = records(this);
    }

    /// <summary>The day to assess on, when the input says (the contract's <c>asOf</c>).</summary>
    public DateOnly? AsOf { get; }

    /// <summary>How much of the input has been read (0–1), when the input's length is known.</summary>
    public double? Fraction => _stream.CanSeek && _stream.Length > 0 ? Math.Clamp((double)_stream.Position / _stream.Length, 0, 1) : null;

    /// <summary>The records in input order, valid or not; enumerable once.</summary>
    /// <exception cref="PipelineFormatException">While enumerating: the input cannot be parsed any further.</exception>
    public IEnumerable<PipelineRecord> Records => Interlocked.Exchange(ref _records, null) ?? throw new InvalidOperationException("The records of a pipeline stream can be read only once.");

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }
}

/// <summary>Turns a repeated id into an error on the later record, as <see cref="PipelineJsonReader"/> does.</summary>
/// <remarks>Holds every id seen (the only state that grows with the input; a few dozen bytes per record).</remarks>
internal sealed class DuplicateIds
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public PipelineRecord Check(PipelineRecord record)
    {
        if (record.Opportunity is not { } o)
        {
            return record;
        }

        if (_seen.TryGetValue(o.Id, out var first))
        {
            return new PipelineRecord(record.Index, null, [new InputError(o.Id, record.Index, "id", $"duplicate id: the record at index {first} has the same id")]);
        }

        _seen[o.Id] = record.Index;
        return record;
    }
}
