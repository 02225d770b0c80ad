using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpportunityScoring;

/// <summary>
/// Reads one opportunity record of the contract's JSON (a pipeline's element, or a request body's one opportunity):
/// a bad record becomes errors naming its id (or index) and field. The streaming readers read pipelines with it.
/// </summary>
internal static partial class RecordReader
{
    private static readonly string[] Required = ["id", "stage", "expectedContractAmount"];

    /// <summary>Reads one opportunity record from its JSON element.</summary>
    /// <param name="element">The record.</param>
    /// <param name="index">Its position in the input.</param>
    /// <returns>The record, with the opportunity or the errors.</returns>
    public static PipelineRecord ReadRecord(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new PipelineRecord(index, null, [new InputError(null, index, "(record)", $"an opportunity must be a JSON object, not {element.ValueKind.ToString().ToLowerInvariant()}")]);
        }

        string? id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            id = null;
        }

        var errors = new List<InputError>();
        foreach (var field in Required)
        {
            if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                errors.Add(new InputError(id, index, field, $"{field} is required"));
            }
        }

        if (errors.Count > 0)
        {
            return new PipelineRecord(index, null, errors);
        }

        Opportunity? opportunity;
        try
        {
            opportunity = element.Deserialize<Opportunity>(ContractJson.Options);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return new PipelineRecord(index, null, [new InputError(id, index, field, Explain(e, element, field))]);
        }

        if (opportunity is null)
        {
            return new PipelineRecord(index, null, [new InputError(id, index, "(record)", "the record is null")]);
        }

        var invalid = OpportunityValidator.Validate(opportunity, index);
        return invalid.Count > 0 ? new PipelineRecord(index, null, invalid) : new PipelineRecord(index, opportunity, []);
    }

    /// <summary>
    /// Reads one record from its UTF-8 JSON: a valid record is deserialised in one pass; anything else (a missing or
    /// null required field, a wrong type, not an object) is read again through <see cref="ReadRecord(JsonElement, int)"/>,
    /// so every record gets exactly the errors the whole-file reader gives it.
    /// </summary>
    internal static PipelineRecord ReadRecordUtf8(ReadOnlySpan<byte> json, int index)
    {
        try
        {
            // The span overload, not Deserialize(ref reader): that one first skips the whole value to scope the reader
            // to it, tokenising every record twice (a sixth of the parsing time). The contract's options allow trailing
            // commas and comments, as the document reader does.
            if (JsonSerializer.Deserialize<Opportunity>(json, ContractJson.Options) is { Id: not null } opportunity)
            {
                var invalid = OpportunityValidator.Validate(opportunity, index);
                return invalid.Count > 0 ? new PipelineRecord(index, null, invalid) : new PipelineRecord(index, opportunity, []);
            }
        }
        catch (JsonException)
        {
            // the slow path below says exactly what is wrong
        }

        using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return ReadRecord(document.RootElement, index);
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "(record)" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Explain(JsonException e, JsonElement record, string field)
    {
        if (e.Message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return $"{field} is written twice in the record: keep one (which of the two was meant?)";
        }

        if (MissingRequired().Match(e.Message) is { Success: true } missing)
        {
            return $"{field} needs {missing.Groups[1].Value.Replace("'", string.Empty, StringComparison.Ordinal)}";
        }

        var found = Find(record, field);
        var match = ConvertedTo().Match(e.Message);
        if (!match.Success)
        {
            return FirstSentence(e.Message);
        }

        var type = match.Groups[1].Value;
        var expected = type switch
        {
            _ when type.Contains("Decimal", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => "a number",
            _ when type.Contains("Int32", StringComparison.Ordinal) => "a whole number",
            _ when type.Contains("DateOnly", StringComparison.Ordinal) => "a date in the form yyyy-MM-dd",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ when type.Contains("String", StringComparison.Ordinal) && !type.Contains("List", StringComparison.Ordinal) => "a string",
            _ when type.Contains("List", StringComparison.Ordinal) => "an array",
            _ => "an object",
        };
        return found is null ? $"expected {expected}" : $"expected {expected}, found {found}";
    }

    private static string? Find(JsonElement element, string field)
    {
        var current = element;
        foreach (var part in PathPart().Matches(field).Select(m => m.Value))
        {
            if (part.StartsWith('['))
            {
                var i = int.Parse(part.AsSpan(1, part.Length - 2), CultureInfo.InvariantCulture);
                if (current.ValueKind != JsonValueKind.Array || i >= current.GetArrayLength())
                {
                    return null;
                }

                current = current[i];
            }
            else if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        var raw = current.GetRawText();
        return current.ValueKind switch
        {
            JsonValueKind.String => $"the string {(raw.Length > 60 ? raw[..57] + "…\"" : raw)}",
            JsonValueKind.Number => $"the number {raw}",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.True or JsonValueKind.False => raw,
            _ => raw,
        };
    }

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '.');
    }

    [GeneratedRegex(@"converted to ([^\s]+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"missing required properties including: (.+?)\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"\[\d+\]|[^.\[\]]+", RegexOptions.CultureInvariant)]
    private static partial Regex PathPart();
}
