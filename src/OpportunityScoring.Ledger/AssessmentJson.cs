using System.Buffers;
using System.Data.Common;
using System.IO.Compression;
using System.Text;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The stored form of an assessment's JSON: the contract's JSON (English messages), compressed with the ledger's zstd
/// dictionary (<see cref="JsonDictionary"/>, the row's <c>json_dictionary</c>) or, without one, Brotli at quality 0 (a 64 KB window).
/// An explained assessment is about 8 KB of JSON (its reasons' messages); compressed it is about a third, which is what
/// keeps a million stored assessments near the cost of writing them to a file (docs/ledger.md, docs/benchmarks.md).
/// Quality 0 (Brotli's one-pass mode) compresses about 30% faster than quality 1 for 1.5% more bytes; both are read
/// by the same decoder, so ledgers written with either read the same.
/// </summary>
internal static class AssessmentJson
{
    private const int Quality = 0;
    private const int Window = 16; // 64 KB: an assessment is about 8 KB; a larger window only costs set-up

    public static byte[] Compress(Assessment assessment) => Compress(ContractJson.SerializeToUtf8Bytes(assessment)); // the serializer's bytes, written field by field

    /// <summary>Compresses an assessment's JSON already serialised with <see cref="ContractJson.Options"/> (by the output, which wrote the same bytes).</summary>
    public static byte[] Compress(ReadOnlySpan<byte> json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(json.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(json, buffer, out var written, Quality, Window))
            {
                throw new InvalidOperationException("Brotli could not compress an assessment into its maximum compressed length.");
            }

            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Compresses an assessment's JSON with the run's dictionary, or with Brotli when it has none.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> json, JsonDictionary? dictionary) => dictionary is null ? Compress(json) : dictionary.Compress(json);

    /// <summary>
    /// The JSON text of a stored row read by a query that selected <see cref="SqlLedger.JsonOf"/>: the value at
    /// <paramref name="ordinal"/>, the dictionary it was compressed with (null: Brotli) at the next (null stays null).
    /// </summary>
    public static string? Text(LedgerStore store, DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var bytes = (byte[])reader.GetValue(ordinal);
        return reader.IsDBNull(ordinal + 1)
            ? Text(bytes)
            : store.Dictionaries.Get(Convert.ToInt64(reader.GetValue(ordinal + 1), System.Globalization.CultureInfo.InvariantCulture)).Text(bytes);
    }

    /// <summary>The JSON text of a Brotli-compressed stored value (null stays null).</summary>
    public static string? Text(object? stored)
    {
        if (stored is not byte[] bytes)
        {
            return null;
        }

        using var input = new MemoryStream(bytes);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
