using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpportunityScoring.Ledger;

/// <summary>
/// One shard of a run cut by account: shard <see cref="Index"/> of <see cref="Count"/> takes the opportunities whose
/// account's stable hash falls in it, so n processes (or the pods of a Kubernetes Indexed Job) fill one ledger, each
/// opportunity exactly once and an account's opportunities together.
/// </summary>
/// <param name="Index">The shard, from 0 to <see cref="Count"/> − 1 (a Kubernetes Indexed Job's completion index).</param>
/// <param name="Count">How many shards the run is cut into; 1 for an unsharded run.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole pipeline: one shard.</summary>
    public static ShardSpec Whole { get; } = new(0, 1);

    /// <summary>Reads <c>i/n</c> (e.g. <c>0/4</c> … <c>3/4</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="shard">The shard.</param>
    /// <returns>Whether the text is a shard with 0 ≤ i &lt; n ≤ 10,000.</returns>
    public static bool TryParse(string? text, out ShardSpec shard)
    {
        shard = Whole;
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || count > 10_000 || index >= count)
        {
            return false;
        }

        shard = new ShardSpec(index, count);
        return true;
    }

    /// <summary>
    /// The shard of a key: the first 8 bytes of the SHA-256 of its UTF-8 bytes, read big-endian as an unsigned
    /// number, modulo the count. Stable across processes, machines and .NET versions (unlike <c>string.GetHashCode</c>).
    /// </summary>
    /// <param name="key">The account id (or the opportunity's id when it has no account id).</param>
    /// <param name="count">How many shards.</param>
    /// <returns>The shard index.</returns>
    public static int Of(string key, int count)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count);
    }

    /// <summary>The key an opportunity is sharded by: its account id, else its own id.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(Opportunity opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        return string.IsNullOrEmpty(opportunity.Account.Id) ? opportunity.Id : opportunity.Account.Id;
    }

    /// <summary>Whether a record belongs to this shard: a valid one by its account, a rejected one by its id (else its index).</summary>
    /// <param name="record">The record.</param>
    /// <returns>Whether this shard takes it.</returns>
    public bool Takes(PipelineRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Count == 1)
        {
            return true;
        }

        var key = record.Opportunity is { } o ? KeyOf(o)
            : record.Errors.Select(e => e.Id).FirstOrDefault(id => id is not null) ?? "#" + record.Index.ToString(CultureInfo.InvariantCulture);
        return Of(key, Count) == Index;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index.ToString(CultureInfo.InvariantCulture)}/{Count.ToString(CultureInfo.InvariantCulture)}";
}
