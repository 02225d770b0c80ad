using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using OpportunityScoring.Grading;

namespace OpportunityScoring.Pipelines;

/// <summary>Writes a batch's items as they come, in one of the output formats; call <see cref="Complete"/> at the end.</summary>
public interface IBatchWriter : IDisposable
{
    /// <summary>Writes one item (an assessment, or a rejected record's errors).</summary>
    /// <param name="item">The item.</param>
    void Write(BatchItem item);

    /// <summary>Finishes the output (closing brackets, buffered errors) and flushes it.</summary>
    void Complete();
}

/// <summary>
/// What the CSV output does with a text cell that a spreadsheet would run as a formula (CSV injection): one whose first
/// character is <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return (OWASP's list).
/// </summary>
public enum CsvFormulas
{
    /// <summary>Put <c>'</c> in front of such a cell (and quote it), so that a spreadsheet shows it as text: the default.</summary>
    Escape,

    /// <summary>Write every cell as it is, for programs that read the CSV as data.</summary>
    Keep,
}

/// <summary>Creates the writer of an output format.</summary>
public static class BatchWriters
{
    /// <summary>The detail a format needs: the JSON outputs carry the full assessment, the CSV only the decisions.</summary>
    /// <param name="format">json, jsonl or csv.</param>
    /// <returns>The detail to score with.</returns>
    public static ScoringDetail DetailFor(string format) => format == "csv" ? ScoringDetail.Decisions : ScoringDetail.Full;

    /// <summary>Refuses an item that was decided without explanations where the full assessment is written.</summary>
    internal static void EnsureFull(BatchItem item)
    {
        if (item.IsAssessed)
        {
            throw new InvalidOperationException($"Record {item.Index} carries only its decisions; the JSON outputs need full assessments (score with {nameof(ScoringDetail)}.{nameof(ScoringDetail.Full)}).");
        }
    }

    /// <summary>The output formats a batch can be written in.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["json", "jsonl", "csv"];

    /// <summary>Creates a writer.</summary>
    /// <param name="format"><c>json</c> (one document), <c>jsonl</c> (one assessment per line) or <c>csv</c> (flat).</param>
    /// <param name="output">Where to write (left open).</param>
    /// <param name="policy">The policy of the assessments.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <param name="texts">The language of the messages (English when <see langword="null"/>); codes never change.</param>
    /// <param name="indented">Whether the JSON document is indented for people (the CLI) or compact (a response body).</param>
    /// <param name="csvFormulas">
    /// What the CSV output does with a text cell that starts like a formula; numbers (index, score, win probability,
    /// sub-scores, missing evidence) are data and always written as they are.
    /// </param>
    /// <returns>The writer.</returns>
    public static IBatchWriter Create(string format, Stream output, PolicyStamp policy, DateOnly asOf, Texts? texts = null, bool indented = true, CsvFormulas csvFormulas = CsvFormulas.Escape) => format switch
    {
        "json" => new JsonDocumentBatchWriter(output, policy, asOf, indented, texts),
        "jsonl" => new JsonLinesBatchWriter(output, texts),
        "csv" => new CsvBatchWriter(output, csvFormulas),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "expected json, jsonl or csv"),
    };
}

/// <summary>
/// Writes the document <c>{policy, asOf, assessments, errors}</c> incrementally with a <see cref="Utf8JsonWriter"/>:
/// one JSON document <c>{policy, asOf, assessments, errors}</c>. Assessments are written
/// as they come; errors are kept until the end (spilled to a temporary file past a few thousand) because the
/// document lists them after the assessments.
/// </summary>
internal sealed class JsonDocumentBatchWriter : IBatchWriter
{
    private const int ErrorsInMemory = 4096;

    /// <summary>
    /// The output is written in pieces of about this size: large sequential writes, small enough that a host streaming
    /// the document (the web API) holds little of it.
    /// </summary>
    private const int FlushAt = 1 << 16;

    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;
    private readonly JsonSerializerOptions _options;
    private readonly AssessmentJsonWriter _assessments;
    private readonly List<InputError> _errors = [];
    private FileStream? _spill;
    private bool _completed;

    /// <summary>Starts the document: writes the policy and the day, and opens the assessments.</summary>
    /// <param name="output">Where to write (UTF-8, left open).</param>
    /// <param name="policy">The policy of the assessments.</param>
    /// <param name="asOf">The day of the assessment.</param>
    /// <param name="indented">Whether to indent for people .</param>
    /// <param name="texts">The language of the messages (English when <see langword="null"/>).</param>
    public JsonDocumentBatchWriter(Stream output, PolicyStamp policy, DateOnly asOf, bool indented = true, Texts? texts = null)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        ArgumentNullException.ThrowIfNull(policy);
        _options = ContractJson.For(texts ?? Texts.English, indented, omitAssessmentPolicy: true);
        _assessments = new AssessmentJsonWriter(texts ?? Texts.English, omitPolicy: true);
        _writer = new Utf8JsonWriter(output, AssessmentJsonWriter.WriterOptions(indented));
        _writer.WriteStartObject();
        _writer.WritePropertyName("policy");
        JsonSerializer.Serialize(_writer, policy, _options);
        _writer.WritePropertyName("asOf");
        JsonSerializer.Serialize(_writer, asOf, _options);
        _writer.WritePropertyName("assessments");
        _writer.WriteStartArray();
    }

    /// <inheritdoc />
    public void Write(BatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Assessment is { } assessment)
        {
            _assessments.Write(_writer, assessment); // the serializer's bytes (JsonDocumentWriterTests), without the serializer
            if (_writer.BytesPending > FlushAt)
            {
                _writer.Flush();
            }

            return;
        }

        BatchWriters.EnsureFull(item);

        foreach (var error in item.Errors)
        {
            _errors.Add(error);
        }

        if (_errors.Count >= ErrorsInMemory)
        {
            Spill();
        }
    }

    /// <inheritdoc />
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _writer.WriteEndArray();
        _writer.WritePropertyName("errors");
        _writer.WriteStartArray();
        if (_spill is not null)
        {
            _spill.Position = 0;
            using var reader = new StreamReader(_spill, Encoding.UTF8, false, 1 << 16, leaveOpen: true);
            while (reader.ReadLine() is { } line)
            {
                JsonSerializer.Serialize(_writer, JsonSerializer.Deserialize<InputError>(line, ContractJson.Options), _options);
                if (_writer.BytesPending > FlushAt)
                {
                    _writer.Flush();
                }
            }
        }

        foreach (var error in _errors)
        {
            JsonSerializer.Serialize(_writer, error, _options);
        }

        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Flush();
        _output.Write("\n"u8);
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        finally
        {
            _spill?.Dispose();
        }
    }

    private void Spill()
    {
        _spill ??= OpenSpillFile();
        foreach (var error in _errors)
        {
            JsonSerializer.Serialize(_spill, error, ContractJson.Options);
            _spill.WriteByte((byte)'\n');
        }

        _errors.Clear();
    }

    /// <summary>
    /// A temporary file that no exit path leaves behind: Windows deletes a <see cref="FileOptions.DeleteOnClose"/> file
    /// when its last handle closes, even when the process is killed; elsewhere that option only unlinks at dispose, so the
    /// file is unlinked as soon as it is open (the open handle keeps it readable and writable) and a kill -9 leaves nothing.
    /// </summary>
    private static FileStream OpenSpillFile()
    {
        var path = Path.GetTempFileName();
        FileStream? stream = null;
        try
        {
            // Not DeleteOnClose outside Windows: there it unlinks the path again at dispose, which by then may name another
            // program's file.
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
            if (!OperatingSystem.IsWindows())
            {
                File.Delete(path);
            }

            return stream;
        }
        catch
        {
            stream?.Dispose();
            File.Delete(path);
            throw;
        }
    }
}

/// <summary>A JSON line for an input error: <c>{"error": {id, index, field, message}}</c>.</summary>
internal sealed record ErrorLine(InputError Error);

/// <summary>
/// Writes one flat CSV row per record (docs/csv-layout.md, output): index, id, status, the decision fields, the
/// criteria, red-flag codes, the count of missing evidence, knock-out codes, and for a rejected record its errors.
/// Numbers are written as numbers; a text cell that starts like a formula is escaped unless <see cref="CsvFormulas.Keep"/>.
/// </summary>
internal sealed class CsvBatchWriter : IBatchWriter
{
    private static readonly Criterion[] Criteria = Enum.GetValues<Criterion>();
    private static readonly CsvWriterOptions Escaping = PipelineCsv.WriterOptions with { Injection = CsvInjection.Escape };
    private readonly CsvWriter _csv;

    /// <summary>Creates the writer and writes the header row.</summary>
    /// <param name="output">Where to write (UTF-8, left open).</param>
    /// <param name="formulas">
    /// Whether a text cell (id, status, words, codes, policy version, errors) that starts with <c>= + - @</c>, a tab or a
    /// carriage return gets a leading <c>'</c>. Numbers are never changed: CsvHelper escapes text only, and the numeric
    /// columns are written as numbers.
    /// </param>
    public CsvBatchWriter(Stream output, CsvFormulas formulas = CsvFormulas.Escape)
    {
        ArgumentNullException.ThrowIfNull(output);
        _csv = CsvWriter.Create(output, formulas == CsvFormulas.Keep ? PipelineCsv.WriterOptions : Escaping, leaveOpen: true);
        foreach (var column in Header)
        {
            _csv.WriteField(column);
        }

        _csv.EndRecord();
    }

    /// <summary>The output columns, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
    [
        "index", "id", "status",
        .. DecisionFields.All.Select(f => f.Path),
        .. Criteria.Select(c => "criteria." + GradingCodes.NameOf(c)),
        "redFlags", "missingEvidence", "knockOuts", "policy.version", "errors",
    ];

    /// <inheritdoc />
    public void Write(BatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        _csv.WriteField(item.Index, default);
        if (item.Decisions is { } a)
        {
            _csv.WriteField(a.Id);
            _csv.WriteField("assessed");
            foreach (var field in DecisionFields.All)
            {
                var value = field.Value(a);
                if (field.Numeric && value is not null)
                {
                    _csv.WriteField(decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture), default);
                }
                else
                {
                    _csv.WriteField(value ?? string.Empty);
                }
            }

            foreach (var c in Criteria)
            {
                _csv.WriteField(Numbers.Normalize(a.Criteria[c]), default);
            }

            _csv.WriteField(string.Join(';', a.RedFlags));
            _csv.WriteField(a.MissingEvidence, default);
            _csv.WriteField(string.Join(';', a.KnockOuts));
            _csv.WriteField(a.Policy.Version);
            _csv.WriteField(string.Empty);
        }
        else
        {
            _csv.WriteField(item.Errors.Select(e => e.Id).FirstOrDefault(i => i is not null) ?? string.Empty);
            _csv.WriteField("rejected");
            for (var i = 0; i < DecisionFields.All.Count + Criteria.Length + 4; i++)
            {
                _csv.WriteField(string.Empty);
            }

            _csv.WriteField(string.Join(" | ", item.Errors.Select(e => $"{e.Field}: {e.Message}")));
        }

        _csv.EndRecord();
    }

    /// <inheritdoc />
    public void Complete()
    {
        _csv.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _csv.Dispose();
    }
}
