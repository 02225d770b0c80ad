using System.Buffers;
using System.IO.Compression;
using System.Text;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The stored form of an assessment's JSON: the contract's JSON (English messages), Brotli-compressed at quality 0 (a 64 KB window).
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

    /// <summary>The JSON text of a stored value (null stays null).</summary>
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
