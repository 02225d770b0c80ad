using System.Text;
using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>What happened to an opportunity since the previous run.</summary>
public enum ChangeKind
{
    /// <summary>Assessed both times, and a decision (grade, score, …) changed.</summary>
    Changed = 0,
    /// <summary>Assessed now, not in the previous run.</summary>
    New,
    /// <summary>Assessed in the previous run, not now (gone from the input, or rejected this time).</summary>
    Removed,
}

/// <summary>A decision that changed.</summary>
/// <param name="Field">The contract path: <c>grade</c>, <c>score</c>, …</param>
/// <param name="Before">The previous value.</param>
/// <param name="After">The value now.</param>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A rule whose contribution changed: why a decision changed.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Before">Its points in the previous run; <see langword="null"/> when it did not fire.</param>
/// <param name="After">Its points now; <see langword="null"/> when it no longer fires.</param>
public sealed record ReasonChange(string Rule, decimal? Before, decimal? After);

/// <summary>One opportunity's change since the previous run, with the reasons that differ.</summary>
/// <param name="Id">The opportunity's id.</param>
/// <param name="Kind">Changed, new or removed.</param>
/// <param name="Fields">The decisions that changed (every decision, for new and removed ones).</param>
/// <param name="Reasons">The rules that fired differently (changed opportunities only).</param>
public sealed record OpportunityChange(string Id, ChangeKind Kind, IReadOnlyList<FieldChange> Fields, IReadOnlyList<ReasonChange> Reasons);

/// <summary>The counts of a diff.</summary>
/// <param name="Unchanged">Assessed both times with the same decisions.</param>
/// <param name="Changed">Assessed both times, a decision changed.</param>
/// <param name="New">Only in this run.</param>
/// <param name="Removed">Only in the previous run.</param>
public sealed record DiffCounts(long Unchanged, long Changed, long New, long Removed);

/// <summary>
/// The previous run's decisions per opportunity, read from an earlier output file (the JSON document or JSON Lines),
/// kept compactly: the decision values and each rule's points.
/// </summary>
/// <remarks>Holds every previous assessment's decisions and reason points in memory (rule names are shared).</remarks>
public sealed class PreviousRun
{
    private readonly Dictionary<string, Snapshot> _byId = new(StringComparer.Ordinal);

    private PreviousRun()
    {
    }

    /// <summary>The number of assessments read.</summary>
    public int Count => _byId.Count;

    /// <summary>The policy the previous run was made under (name, version, sha256), when its output says.</summary>
    public PolicyStamp? Policy { get; private set; }

    /// <summary>Reads an earlier output file: the JSON document <c>{policy, asOf, assessments, errors}</c> or JSON Lines.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The previous run.</returns>
    /// <exception cref="PipelineFormatException">The file is not an output of this engine.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PreviousRun Load(string path)
    {
        using var stream = PipelineStreamReader.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Reads an earlier output: the JSON document or JSON Lines (told apart by their first line).</summary>
    /// <param name="stream">The output (read to its end; must be seekable).</param>
    /// <returns>The previous run.</returns>
    /// <exception cref="PipelineFormatException">The text is not an output of this engine.</exception>
    public static PreviousRun Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var run = new PreviousRun();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsJsonLines(stream))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, true, 1 << 16, leaveOpen: true);
            var line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                try
                {
                    using var document = JsonDocument.Parse(text);
                    if (!run.Add(document.RootElement, names) && !IsErrorLine(document.RootElement))
                    {
                        throw new PipelineFormatException($"The previous output's line {line} is neither an assessment (id, grade, score) nor an error line: --previous takes what score wrote with --format json or jsonl, not a pipeline.");
                    }
                }
                catch (JsonException e)
                {
                    throw new PipelineFormatException($"The previous output is not valid JSON Lines at line {line}: {RecordReader.FirstSentence(e.Message)}", e);
                }
            }

            return run;
        }

        var cursor = new JsonStreamCursor(stream, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (cursor.Read(out _) != JsonTokenType.StartObject)
            {
                throw NotAnOutput();
            }

            var sawAssessments = false;
            while (cursor.Read(out var name) == JsonTokenType.PropertyName)
            {
                if (name != "assessments")
                {
                    using var value = cursor.ReadValue();
                    if (name == "policy" && value is not null)
                    {
                        run.Policy = StampOf(value.RootElement);
                    }

                    continue;
                }

                if (cursor.Read(out _) != JsonTokenType.StartArray)
                {
                    throw NotAnOutput();
                }

                sawAssessments = true;
                var index = 0;
                while (cursor.ReadValue() is { } element)
                {
                    using (element)
                    {
                        if (!run.Add(element.RootElement, names))
                        {
                            throw new PipelineFormatException($"The previous output's assessment {index} has no id, grade and score: --previous takes what score wrote with --format json or jsonl.");
                        }
                    }

                    index++;
                }
            }

            if (!sawAssessments)
            {
                throw NotAnOutput(); // e.g. the input pipeline, or a diff written with --diff-out
            }
        }
        catch (JsonException e)
        {
            throw new PipelineFormatException($"The previous output is not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {RecordReader.FirstSentence(e.Message)} (--previous takes what score wrote with --format json or jsonl, not csv).", e);
        }

        return run;
    }

    internal bool TryGet(string id, out Snapshot snapshot) => _byId.TryGetValue(id, out snapshot!);

    internal IEnumerable<KeyValuePair<string, Snapshot>> All => _byId;

    private static bool IsJsonLines(Stream stream)
    {
        var start = stream.Position;
        using var reader = new StreamReader(stream, Encoding.UTF8, true, 4096, leaveOpen: true);
        string? first;
        do
        {
            first = reader.ReadLine();
        }
        while (first is not null && string.IsNullOrWhiteSpace(first));

        stream.Position = start;
        if (first is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(first);
            return document.RootElement.ValueKind == JsonValueKind.Object && !document.RootElement.TryGetProperty("assessments", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static PipelineFormatException NotAnOutput() =>
        new("The previous output is neither a result document {policy, asOf, assessments, errors} nor JSON Lines of assessments: --previous takes what score wrote with --format json or jsonl.");

    private static PolicyStamp? StampOf(JsonElement policy)
    {
        try
        {
            return policy.Deserialize<PolicyStamp>(ContractJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An error line of the JSON Lines output (<c>{"error": …}</c>, as the JSON Lines writer writes it).</summary>
    private static bool IsErrorLine(JsonElement line) => line.ValueKind == JsonValueKind.Object && line.TryGetProperty("error", out _);

    /// <summary>Keeps an assessment's decisions and reasons; <see langword="false"/> when the element is not an assessment.</summary>
    private bool Add(JsonElement assessment, Dictionary<string, string> names)
    {
        if (assessment.ValueKind != JsonValueKind.Object || !assessment.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || !assessment.TryGetProperty("grade", out _) || !assessment.TryGetProperty("score", out _))
        {
            return false;
        }

        if (Policy is null && assessment.TryGetProperty("policy", out var policy))
        {
            Policy = StampOf(policy); // a JSON line carries its policy
        }

        var values = DecisionFields.All.Select(f => f.ValueOf(assessment)).ToArray();
        var reasons = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (assessment.TryGetProperty("reasons", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var reason in list.EnumerateArray())
            {
                if (reason.TryGetProperty("rule", out var rule) && rule.GetString() is { } r)
                {
                    var points = reason.TryGetProperty("points", out var p) && p.TryGetDecimal(out var d) ? d : 0m;
                    if (!names.TryGetValue(r, out var shared))
                    {
                        names[r] = shared = r;
                    }

                    reasons[shared] = reasons.GetValueOrDefault(shared) + points;
                }
            }
        }

        _byId[idElement.GetString()!] = new Snapshot(values, reasons.Select(kv => (kv.Key, kv.Value)).ToArray(), CodesOf(assessment, "redFlags"), CodesOf(assessment, "knockOuts"));
        return true;
    }

    /// <summary>The codes of a written assessment's red flags or knock-outs, sorted and joined (see <see cref="PipelineDiffer.Codes"/>).</summary>
    private static string CodesOf(JsonElement assessment, string property)
    {
        if (!assessment.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var codes = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { } word)
            {
                codes.Add(word);
            }
            else if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("code", out var code) && code.GetString() is { } c)
            {
                codes.Add(c);
            }
        }

        return PipelineDiffer.Codes(codes);
    }

    internal sealed record Snapshot(string?[] Values, (string Rule, decimal Points)[] Reasons, string RedFlags, string KnockOuts);
}

/// <summary>
/// Compares a run, assessment by assessment as it streams past, with the previous run: which decisions changed and
/// which rules' points differ (the why). Call <see cref="Finish"/> at the end for the opportunities that are gone.
/// </summary>
/// <remarks>Not thread safe.</remarks>
public sealed class PipelineDiffer
{
    private readonly PreviousRun _previous;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private long _unchanged;
    private long _changed;
    private long _new;

    /// <summary>Creates a differ against a previous run.</summary>
    /// <param name="previous">The previous run.</param>
    public PipelineDiffer(PreviousRun previous) => _previous = previous ?? throw new ArgumentNullException(nameof(previous));

    /// <summary>Codes in a canonical form for comparison: sorted (ordinal), joined with ", "; empty for none.</summary>
    internal static string Codes(IEnumerable<string> codes) => string.Join(", ", codes.Order(StringComparer.Ordinal));

    private static string? Blank(string codes) => codes.Length == 0 ? null : codes;

    /// <summary>Compares one assessment with its previous one.</summary>
    /// <param name="current">The assessment now.</param>
    /// <returns>The change, or <see langword="null"/> when no decision changed.</returns>
    public OpportunityChange? Compare(Assessment current)
    {
        ArgumentNullException.ThrowIfNull(current);
        _seen.Add(current.Id);
        var decisions = AssessmentDecisions.From(current);
        var now = DecisionFields.All.Select(f => f.Value(decisions)).ToArray();
        if (!_previous.TryGet(current.Id, out var before))
        {
            _new++;
            return new OpportunityChange(current.Id, ChangeKind.New, Fields(null, now), []);
        }

        var fields = new List<FieldChange>();
        for (var i = 0; i < now.Length; i++)
        {
            if (!Same(before.Values[i], now[i]))
            {
                fields.Add(new FieldChange(DecisionFields.All[i].Path, before.Values[i], now[i]));
            }
        }

        // The red flags and knock-outs are decisions too: one can come or go while grade, score, gate and bid stay.
        if (Codes(decisions.RedFlags) is var flags && flags != before.RedFlags)
        {
            fields.Add(new FieldChange("redFlags", Blank(before.RedFlags), Blank(flags)));
        }

        if (Codes(decisions.KnockOuts) is var knockOuts && knockOuts != before.KnockOuts)
        {
            fields.Add(new FieldChange("knockOuts", Blank(before.KnockOuts), Blank(knockOuts)));
        }

        if (fields.Count == 0)
        {
            _unchanged++;
            return null;
        }

        _changed++;
        var after = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var reason in current.Reasons)
        {
            after[reason.Rule] = after.GetValueOrDefault(reason.Rule) + reason.Points;
        }

        var reasons = new List<ReasonChange>();
        foreach (var (rule, points) in before.Reasons)
        {
            if (!after.TryGetValue(rule, out var p))
            {
                reasons.Add(new ReasonChange(rule, points, null));
            }
            else if (p != points)
            {
                reasons.Add(new ReasonChange(rule, points, p));
            }
        }

        var had = before.Reasons.Select(r => r.Rule).ToHashSet(StringComparer.Ordinal);
        foreach (var (rule, points) in after)
        {
            if (!had.Contains(rule))
            {
                reasons.Add(new ReasonChange(rule, null, points));
            }
        }

        return new OpportunityChange(current.Id, ChangeKind.Changed, fields, reasons);
    }

    /// <summary>The opportunities of the previous run not assessed in this one.</summary>
    /// <returns>The removed opportunities.</returns>
    public IEnumerable<OpportunityChange> Finish()
    {
        foreach (var (id, snapshot) in _previous.All)
        {
            if (!_seen.Contains(id))
            {
                yield return new OpportunityChange(id, ChangeKind.Removed, Fields(snapshot.Values, null), []);
            }
        }
    }

    /// <summary>The counts so far (removed ones once <see cref="Finish"/> has been enumerated).</summary>
    public DiffCounts Counts => new(_unchanged, _changed, _new, _previous.Count - _unchanged - _changed);

    private static List<FieldChange> Fields(string?[]? before, string?[]? after) =>
        DecisionFields.All.Select((f, i) => new FieldChange(f.Path, before?[i], after?[i])).ToList();

    private static bool Same(string? a, string? b) =>
        a == b || (decimal.TryParse(a, System.Globalization.CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, out var y) && x == y);
}

/// <summary>Writes a diff as one JSON document <c>{changes, counts}</c>, change by change as they are found.</summary>
public sealed class DiffDocumentWriter : IDisposable
{
    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;
    private bool _completed;

    /// <summary>Starts the document.</summary>
    /// <param name="output">Where to write (left open).</param>
    public DiffDocumentWriter(Stream output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        _writer.WriteStartObject();
        _writer.WriteStartArray("changes");
    }

    /// <summary>Writes one change.</summary>
    /// <param name="change">The change.</param>
    public void Write(OpportunityChange change)
    {
        JsonSerializer.Serialize(_writer, change, ContractJson.Options);
        if (_writer.BytesPending > 1 << 16)
        {
            _writer.Flush();
        }
    }

    /// <summary>Closes the changes and writes the counts.</summary>
    /// <param name="counts">The counts.</param>
    public void Complete(DiffCounts counts)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _writer.WriteEndArray();
        _writer.WritePropertyName("counts");
        JsonSerializer.Serialize(_writer, counts, ContractJson.Options);
        _writer.WriteEndObject();
        _writer.Flush();
        _output.Write("\n"u8);
        _output.Flush();
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    /// <summary>The whole diff document as a string.</summary>
    /// <param name="changes">The changes.</param>
    /// <param name="counts">The counts.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(IEnumerable<OpportunityChange> changes, DiffCounts counts)
    {
        ArgumentNullException.ThrowIfNull(changes);
        using var buffer = new MemoryStream();
        using (var writer = new DiffDocumentWriter(buffer))
        {
            foreach (var change in changes)
            {
                writer.Write(change);
            }

            writer.Complete(counts);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
