using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// Streaming readers of the contract's JSON and of JSON Lines: records are read one at a time with a bounded buffer,
/// each parsed by <see cref="RecordReader.ReadRecord"/>, so a bad record gets exactly the errors the whole-file
/// reader gives it.
/// </summary>
internal static class PipelineStreamReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Opens a pipeline file in the contract's JSON for streaming.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The stream of records (dispose it).</returns>
    /// <exception cref="PipelineFormatException">The file does not start like a pipeline (message names the line).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PipelineSource OpenJsonFile(string path) => OpenJson(OpenRead(path));

    /// <summary>
    /// Opens the contract's JSON (an object with <c>opportunities</c>, or a bare array) for streaming. The header
    /// (<c>schemaVersion</c>, <c>asOf</c>) is read now; when streaming, <c>asOf</c> must come before
    /// <c>opportunities</c> (a later one is reported as a format error).
    /// </summary>
    /// <param name="stream">UTF-8 JSON.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records.</returns>
    /// <exception cref="PipelineFormatException">The text is not JSON, or not a pipeline (message names the line).</exception>
    public static PipelineSource OpenJson(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var cursor = new JsonStreamCursor(stream, ReaderOptions);
        DateOnly? asOf = null;
        var isObject = false;
        try
        {
            var first = cursor.Read(out _);
            if (first == JsonTokenType.StartObject)
            {
                isObject = true;
                asOf = ReadHeader(cursor);
            }
            else if (first != JsonTokenType.StartArray)
            {
                var kind = first switch
                {
                    JsonTokenType.String => "string",
                    JsonTokenType.Number => "number",
                    JsonTokenType.True or JsonTokenType.False => "boolean",
                    JsonTokenType.Null => "null",
                    _ => "empty",
                };
                throw new PipelineFormatException($"A pipeline is a JSON object with an 'opportunities' array (or an array of opportunities), not {kind}.");
            }
        }
        catch (JsonException e)
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            throw Syntax(e);
        }
        catch (PipelineFormatException)
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            throw;
        }

        return new PipelineSource(stream, leaveOpen, asOf, _ => ReadElements(cursor, isObject));
    }

    /// <summary>Opens a JSON Lines file: one opportunity object per line (blank lines are skipped).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The stream of records (dispose it).</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PipelineSource OpenJsonLinesFile(string path) => OpenJsonLines(OpenRead(path));

    /// <summary>
    /// Opens JSON Lines: one opportunity object per line. A line that is not JSON is a rejected record naming its
    /// line, not a failure of the whole file. The input carries no <c>asOf</c>.
    /// </summary>
    /// <param name="stream">UTF-8 text.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records.</returns>
    public static PipelineSource OpenJsonLines(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new PipelineSource(stream, leaveOpen, null, _ => ReadLines(stream));
    }

    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    internal static PipelineFormatException Syntax(JsonException e) =>
        new($"The pipeline is not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {RecordReader.FirstSentence(e.Message)}", e);

    private static DateOnly? ReadHeader(JsonStreamCursor cursor)
    {
        DateOnly? asOf = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var token = cursor.Read(out var name);
            if (token != JsonTokenType.PropertyName)
            {
                throw NoOpportunities();
            }

            if (!seen.Add(name!))
            {
                throw new PipelineFormatException($"'{name}' appears twice in the pipeline: keep one.");
            }

            if (name == "opportunities")
            {
                if (cursor.Read(out _) != JsonTokenType.StartArray)
                {
                    throw NoOpportunities();
                }

                return asOf;
            }

            using var value = cursor.ReadValue() ?? throw NoOpportunities();
            if (name == "schemaVersion")
            {
                CheckVersion(value.RootElement);
            }
            else if (name == "asOf")
            {
                asOf = ParseAsOf(value.RootElement);
            }
        }
    }

    /// <summary>How many records are tokenised before they are turned into opportunities together, on all cores.</summary>
    private const int ParseChunk = 256;

    private static IEnumerable<PipelineRecord> ReadElements(JsonStreamCursor cursor, bool isObject)
    {
        // The cursor tokenises on this thread (it must: the stream is sequential); turning each record's JSON into a
        // validated opportunity is independent per record and runs on all cores, a chunk at a time. The duplicate check
        // stays in order, so the records and their errors are exactly those of reading one by one.
        var duplicates = new DuplicateIds();
        var documents = new List<byte[]>(ParseChunk);
        var records = new PipelineRecord[ParseChunk];
        var index = 0;
        Exception? failure = null;
        var more = true;
        while (more)
        {
            documents.Clear();
            while (documents.Count < ParseChunk)
            {
                byte[]? element;
                try
                {
                    element = cursor.ReadRawValue();
                }
                catch (JsonException e)
                {
                    failure = Syntax(e);
                    more = false;
                    break;
                }

                if (element is null)
                {
                    more = false;
                    break;
                }

                documents.Add(element);
            }

            var first = index;
            Parse(documents, records, i => RecordReader.ReadRecordUtf8(documents[i], first + i));

            for (var i = 0; i < documents.Count; i++)
            {
                yield return duplicates.Check(records[i]);
                records[i] = null!;
                index++;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }

        try
        {
            ReadTrailer(cursor, isObject);
        }
        catch (JsonException e)
        {
            throw Syntax(e);
        }
    }

    /// <summary>Runs <paramref name="parse"/> for every item of a chunk, on all cores when the chunk is large enough to pay for it.</summary>
    private static void Parse<T>(List<T> chunk, PipelineRecord[] into, Func<int, PipelineRecord> parse)
    {
        if (chunk.Count < 32 || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                into[i] = parse(i);
            }

            return;
        }

        try
        {
            Parallel.For(0, chunk.Count, i => into[i] = parse(i));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw(); // as reading one by one would
        }
    }

    private static void ReadTrailer(JsonStreamCursor cursor, bool isObject)
    {
        if (isObject)
        {
            while (cursor.Read(out var name) == JsonTokenType.PropertyName)
            {
                using var value = cursor.ReadValue() ?? throw new PipelineFormatException("The pipeline ends after a property name.");
                if (name == "schemaVersion")
                {
                    CheckVersion(value.RootElement);
                }
                else if (name == "asOf")
                {
                    throw new PipelineFormatException("asOf comes after the opportunities: when a pipeline is streamed, put asOf before the 'opportunities' array (or pass the day explicitly).");
                }
                else if (name == "opportunities")
                {
                    throw new PipelineFormatException("'opportunities' appears twice: put every opportunity in one array (the records of the second would otherwise be lost).");
                }
            }
        }

        if (cursor.Read(out _) != JsonTokenType.None)
        {
            throw new PipelineFormatException("There is more text after the pipeline's closing bracket.");
        }
    }

    private static void CheckVersion(JsonElement version)
    {
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetDecimal(out var v) || v != 1m)
        {
            throw new PipelineFormatException($"schemaVersion {version.GetRawText()} is not supported; this engine reads schema version 1.");
        }
    }

    private static DateOnly? ParseAsOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null
            ? null
            : element.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new PipelineFormatException($"asOf {element.GetRawText()} is not a date in the form yyyy-MM-dd.");

    private static PipelineFormatException NoOpportunities() =>
        new("The pipeline has no 'opportunities' array; expected {\"schemaVersion\": 1, \"asOf\": \"yyyy-MM-dd\", \"opportunities\": [ … ]}.");

    private static IEnumerable<PipelineRecord> ReadLines(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var duplicates = new DuplicateIds();
        var lines = new List<(string Line, int LineNumber)>(ParseChunk);
        var records = new PipelineRecord[ParseChunk];
        var index = 0;
        var lineNumber = 0;
        var more = true;
        while (more)
        {
            lines.Clear();
            while (lines.Count < ParseChunk)
            {
                if (reader.ReadLine() is not { } line)
                {
                    more = false;
                    break;
                }

                lineNumber++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lines.Add((line, lineNumber));
                }
            }

            var first = index;
            Parse(lines, records, i => ParseLine(lines[i].Line, first + i, lines[i].LineNumber));
            for (var i = 0; i < lines.Count; i++)
            {
                yield return duplicates.Check(records[i]);
                records[i] = null!;
                index++;
            }
        }
    }

    private static PipelineRecord ParseLine(string line, int index, int lineNumber)
    {
        try
        {
            var record = RecordReader.ReadRecordUtf8(Encoding.UTF8.GetBytes(line), index);
            // A rejected line without an id (null, an array, a number, {}) is found by its line: after blank lines
            // the index (records counted) is not the line number.
            return record.Errors.Any(e => e.Id is null)
                ? record with { Errors = [.. record.Errors.Select(e => e.Id is null ? e with { Message = $"line {lineNumber}: {e.Message}" } : e)] }
                : record;
        }
        catch (JsonException e)
        {
            return new PipelineRecord(index, null, [new InputError(null, index, "(record)", $"line {lineNumber} is not valid JSON at position {e.BytePositionInLine + 1}: {RecordReader.FirstSentence(e.Message)}")]);
        }
    }
}
