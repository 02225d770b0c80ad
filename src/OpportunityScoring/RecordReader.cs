using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpportunityScoring;

/// <summary>
/// Reads one opportunity record of the contract's JSON (a pipeline's element, or a request body's one opportunity):
/// a bad record becomes errors naming its id (or index) and field, never an exception — whatever the deserializer
/// throws (text that is not valid Unicode, nesting too deep, a number out of range) is an error of the record. The
/// streaming readers read pipelines with it.
/// </summary>
internal static partial class RecordReader
{
    /// <summary>
    /// The most bytes one record may take in its input (1 MiB): a JSON record, a JSON Lines line, a CSV row. About 30
    /// times the largest real opportunity (200 stakeholders and 50 competitors with long names take about 35 KB), with
    /// room for the fields a CRM export adds and the readers ignore; a larger record is rejected unread, so that one
    /// hostile field cannot cost hundreds of megabytes.
    /// </summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>How deep a record's JSON may nest (System.Text.Json's default): the contract's deepest field is at depth 4.</summary>
    public const int MaxDepth = 64;

    private static readonly string[] Required = ["id", "stage", "expectedContractAmount"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth };

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

        var id = IdOf(element);
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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new PipelineRecord(index, null, [new InputError(id, index, "(record)", Unreadable(e))]);
        }

        return opportunity is null
            ? new PipelineRecord(index, null, [new InputError(id, index, "(record)", "the record is null")])
            : Checked(opportunity, index);
    }

    /// <summary>
    /// Reads one record from its UTF-8 JSON: a valid record is deserialised in one pass; anything else (a missing or
    /// null required field, a wrong type, not an object, text that is not valid Unicode) is read again through
    /// <see cref="ReadRecord(JsonElement, int)"/>, so every record gets exactly the errors the whole-file reader gives
    /// it. A record nested deeper than <see cref="MaxDepth"/> is an error of the record.
    /// </summary>
    /// <exception cref="JsonException">The bytes are not JSON (the JSON Lines reader names the line).</exception>
    internal static PipelineRecord ReadRecordUtf8(ReadOnlySpan<byte> json, int index)
    {
        JsonException? failure = null;
        try
        {
            // The span overload, not Deserialize(ref reader): that one first skips the whole value to scope the reader
            // to it, tokenising every record twice (a sixth of the parsing time). The contract's options allow trailing
            // commas and comments, as the document reader does.
            if (JsonSerializer.Deserialize<Opportunity>(json, ContractJson.Options) is { Id: not null } opportunity)
            {
                return Checked(opportunity, index);
            }
        }
        catch (JsonException e)
        {
            failure = e; // the slow path below says exactly what is wrong
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // the same
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
        }
        catch (JsonException) when (TooDeep(json, MaxDepth))
        {
            // Valid JSON, but deeper than any opportunity: the field the deserializer stopped at, when it said.
            var field = FieldOf(failure?.Path);
            var message = failure is not null && ConvertedTo().IsMatch(failure.Message)
                ? Explain(failure, default, field)
                : $"{(field == "(record)" ? "the record" : field)} is nested more than {MaxDepth} levels deep (arrays or objects inside each other): no field of an opportunity is";
            return new PipelineRecord(index, null, [new InputError(IdOf(json, complete: true), index, field, message)]);
        }

        using (document)
        {
            return ReadRecord(document.RootElement, index);
        }
    }

    /// <summary>
    /// An id as it is compared and stored: trimmed and in Unicode normalisation form C, so that <c>"GOOD-A"</c>,
    /// <c>" GOOD-A"</c> and a decomposed form of one id are one id; <see langword="null"/> when nothing is left.
    /// </summary>
    internal static string? NormalizeId(string? id)
    {
        if (id is { Length: > 0 } && !char.IsWhiteSpace(id[0]) && !char.IsWhiteSpace(id[^1]) && Ascii.IsValid(id))
        {
            return id; // the usual id: nothing to trim, and ASCII is always in form C
        }

        var trimmed = id?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        try
        {
            return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return trimmed; // not valid UTF-16 (a lone surrogate): the record's checks reject it
        }
    }

    /// <summary>
    /// The normalised top-level <c>id</c> of a record's UTF-8 JSON, read token by token without holding the record: for
    /// the errors of a record that is not read whole (too deep, or, from its first bytes, too large).
    /// </summary>
    /// <param name="json">The record, or its first bytes.</param>
    /// <param name="complete">Whether <paramref name="json"/> is the whole record.</param>
    internal static string? IdOf(ReadOnlySpan<byte> json, bool complete)
    {
        var reader = new Utf8JsonReader(json, complete, new JsonReaderState(new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = int.MaxValue }));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("id"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? NormalizeId(reader.GetString()) : null;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // not JSON, or an id that is not valid text: no id to name
        }

        return null;
    }

    /// <summary>The record with its id normalised, checked against the contract's rules for values.</summary>
    private static PipelineRecord Checked(Opportunity opportunity, int index)
    {
        if (NormalizeId(opportunity.Id) is { } id && !ReferenceEquals(id, opportunity.Id))
        {
            opportunity = opportunity with { Id = id };
        }

        var invalid = OpportunityValidator.Validate(opportunity, index);
        return invalid.Count > 0 ? new PipelineRecord(index, null, invalid) : new PipelineRecord(index, opportunity, []);
    }

    /// <summary>The record's id for its errors: normalised, or <see langword="null"/> when absent, not a string or not valid text.</summary>
    private static string? IdOf(JsonElement record)
    {
        if (!record.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || TextProblem(id) is not null)
        {
            return null;
        }

        return NormalizeId(id.GetString());
    }

    /// <summary>What is wrong with a string's text, or <see langword="null"/> when it is valid Unicode.</summary>
    private static string? TextProblem(JsonElement text)
    {
        if (!System.Text.Unicode.Utf8.IsValid(JsonMarshal.GetRawUtf8Value(text)))
        {
            return "holds bytes that are not valid UTF-8 (or, in a UTF-16 file, a lone surrogate)";
        }

        try
        {
            _ = text.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            return "holds an escaped lone surrogate (a \\uD800–\\uDFFF escape without its pair)";
        }
    }

    /// <summary>Whether JSON nests deeper than <paramref name="maxDepth"/> (before any syntax error it has).</summary>
    internal static bool TooDeep(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = int.MaxValue });
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= maxDepth)
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: the caller says so
        }

        return false;
    }

    private static string Unreadable(Exception e) => $"the record cannot be read: {FirstSentence(e.Message)}";

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

        if (Locate(record, field) is { ValueKind: JsonValueKind.String } text && TextProblem(text) is { } problem)
        {
            return $"{field} is not valid text: it {problem}; correct it at the source";
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
        return found is null ? $"expected {expected}"
            : expected == "a number" && found.StartsWith("the number", StringComparison.Ordinal) ? $"{found} is out of range"
            : $"expected {expected}, found {found}";
    }

    /// <summary>The value at a field's path in the record, when it is there.</summary>
    private static JsonElement? Locate(JsonElement element, string field)
    {
        var current = element;
        foreach (var part in PathPart().Matches(field).Select(m => m.Value))
        {
            if (part.StartsWith('['))
            {
                if (current.ValueKind != JsonValueKind.Array || !int.TryParse(part.AsSpan(1, part.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i >= current.GetArrayLength())
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

        return current;
    }

    private static string? Find(JsonElement element, string field)
    {
        if (Locate(element, field) is not { } current)
        {
            return null;
        }

        try
        {
            return current.ValueKind switch
            {
                JsonValueKind.String => $"the string {Shorten(current.GetRawText())}",
                JsonValueKind.Number => $"the number {Shorten(current.GetRawText())}",
                JsonValueKind.Object => "an object",
                JsonValueKind.Array => "an array",
                _ => current.GetRawText(),
            };
        }
        catch (InvalidOperationException)
        {
            return null; // text that cannot be shown
        }
    }

    private static string Shorten(string raw) => raw.Length > 60 ? raw[..57] + (raw[0] == '"' ? "…\"" : "…") : raw;

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
