using System.Globalization;

namespace OpportunityScoring.Pipelines;

/// <summary>The limits every reader puts on one record (docs/cli.md, "Input rules beyond the contract").</summary>
internal static class Limits
{
    /// <summary>The most bytes of one record: a JSON record, a JSON Lines line, a CSV row (<see cref="RecordReader.MaxRecordBytes"/>).</summary>
    public const int RecordBytes = RecordReader.MaxRecordBytes;

    /// <summary>
    /// The longest CSV row read at all (16 MiB): CSV gives no safe way to find where a row ends without reading it (an
    /// unclosed quote looks the same), so a row between <see cref="RecordBytes"/> and this is rejected, and a longer
    /// one makes the file unusable.
    /// </summary>
    public const int CsvRowBytes = 16 << 20;

    /// <summary>Records are handed on in chunks of at most this many bytes of input (besides at most 256 records).</summary>
    public const int ChunkBytes = 1 << 20;

    /// <summary>A size for people: whole MiB as such, else bytes.</summary>
    public static string Bytes(long bytes) =>
        bytes % (1 << 20) == 0 ? $"{bytes >> 20} MiB" : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    /// <summary>The error of a record over <see cref="RecordBytes"/>, which is rejected unread.</summary>
    public static InputError Oversized(string? id, int index, long bytes, string what = "record") =>
        new(id, index, "(record)", string.Create(CultureInfo.InvariantCulture, $"the {what} is {bytes:N0} bytes, over the limit of {Bytes(RecordBytes)} per record: it is rejected unread (no opportunity needs that much; a field holding a whole document?)"));
}
