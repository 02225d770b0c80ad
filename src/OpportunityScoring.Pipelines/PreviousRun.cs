using System.Text;
using System.Text.Json;

namespace OpportunityScoring.Pipelines;
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
