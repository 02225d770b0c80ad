using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>One row of <c>assessments</c>: the decisions as columns, the assessment as the contract's JSON (compressed, <see cref="AssessmentJson"/>).</summary>
internal sealed record AssessmentRow(
    string OpportunityId, string? AccountId, string Stage, string Grade, decimal Score, double WinProbability, string GateOutcome,
    string NextStage, string? Bid, string RedFlags, string KnockOuts, int MissingEvidence, string PolicySha256, string InputHash,
    long? CarriedFrom, byte[]? Json, long? Dictionary)
{
    /// <summary>The columns written, in the order of <see cref="Values"/>.</summary>
    public static readonly string[] ColumnNames =
    [
        "run_id", "opportunity_id", "account_id", "stage", "grade", "score", "win_probability", "gate_outcome", "next_stage", "bid",
        "red_flags", "knock_outs", "missing_evidence", "policy_sha256", "input_hash", "carried_from", "assessment_json_br", "json_dictionary",
    ];

    public static readonly string Columns = string.Join(", ", ColumnNames);

    public static readonly string Parameters = string.Join(", ", ColumnNames.Select(c => "@" + c));

    /// <summary>
    /// The row of an assessed item (fully assessed, or decided only: then without JSON). <paramref name="json"/>: the
    /// assessment's contract JSON when the caller already serialised it (the output's bytes), so it is not serialised twice;
    /// compressed with <paramref name="dictionary"/>, or Brotli without one.
    /// </summary>
    public static AssessmentRow From(BatchItem item, string? inputHash = null, byte[]? json = null, JsonDictionary? dictionary = null)
    {
        var decisions = item.Decisions ?? throw new ArgumentException("a rejected record has no assessment", nameof(item));
        var opportunity = item.Opportunity!;
        return new AssessmentRow(
            decisions.Id,
            string.IsNullOrEmpty(opportunity.Account.Id) ? null : opportunity.Account.Id,
            ContractWords.Of(decisions.Stage),
            ContractWords.Of(decisions.Grade),
            decisions.Score,
            decisions.WinProbability,
            ContractWords.Of(decisions.GateOutcome),
            ContractWords.Of(decisions.NextStage),
            decisions.Bid is { } bid ? ContractWords.Of(bid) : null,
            string.Join(';', decisions.RedFlags),
            string.Join(';', decisions.KnockOuts),
            decisions.MissingEvidence,
            decisions.Policy.Sha256,
            inputHash ?? HashOf(opportunity),
            null,
            json is not null ? AssessmentJson.Compress(json, dictionary)
                : item.Assessment is { } assessment ? AssessmentJson.Compress(ContractJson.SerializeToUtf8Bytes(assessment), dictionary) : null,
            item.Assessment is null ? null : dictionary?.Id);
    }

    /// <summary>
    /// The input hash of an opportunity: the SHA-256 of its canonical JSON (the contract's serialisation of what was
    /// read), so the same opportunity read from JSON, JSON Lines, CSV or a Salesforce export hashes the same.
    /// </summary>
    /// <remarks>
    /// Serialised into a buffer and a writer kept per thread (reset, not reallocated), so that hashing a million records
    /// for <c>--changed-only</c> makes no garbage: the same bytes as <see cref="JsonSerializer.SerializeToUtf8Bytes{T}(T, JsonSerializerOptions?)"/>.
    /// </remarks>
    public static string HashOf(Opportunity opportunity)
    {
        var (buffer, writer) = Canonical ??= NewCanonical();
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, opportunity, ContractJson.Options);
        writer.Flush();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The input hash of a record read from JSON or JSON Lines by a reader that hands the ledger its bytes
    /// (<see cref="LedgerRun.Select(PipelineSource)"/>): the SHA-256 of <c>opportunityscoring-record/1 json\n</c> (or
    /// <c>jsonl</c>) followed by the record's UTF-8 bytes as read — the line without its line end, or the element of the
    /// <c>opportunities</c> array. Computed without parsing the record, so an unchanged record is never parsed again;
    /// any change to its bytes (spacing, the order of its fields) makes it changed.
    /// </summary>
    public static string HashOfRecord(PipelineFormat format, ReadOnlySpan<byte> bytes)
    {
        var prefix = format == PipelineFormat.Json ? "opportunityscoring-record/1 json\n"u8 : "opportunityscoring-record/1 jsonl\n"u8;
        var buffer = RecordBuffer ??= new byte[16 * 1024];
        if (buffer.Length < prefix.Length + bytes.Length)
        {
            RecordBuffer = buffer = new byte[prefix.Length + bytes.Length];
        }

        prefix.CopyTo(buffer);
        bytes.CopyTo(buffer.AsSpan(prefix.Length));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.AsSpan(0, prefix.Length + bytes.Length), hash);
        return Convert.ToHexStringLower(hash);
    }

    [ThreadStatic]
    private static byte[]? RecordBuffer;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? Canonical;

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewCanonical()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        return (buffer, new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ContractJson.Options.Encoder, Indented = false }));
    }

    public object?[] Values(long runId) =>
    [
        runId, OpportunityId, AccountId, Stage, Grade, Score, WinProbability, GateOutcome, NextStage, Bid,
        RedFlags, KnockOuts, MissingEvidence, PolicySha256, InputHash, CarriedFrom, Json, Dictionary,
    ];
}
