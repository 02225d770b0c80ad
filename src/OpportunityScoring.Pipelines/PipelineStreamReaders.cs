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
    // Any depth: a record nested too deep is an error of that record (RecordReader), not of the file; the cursor's
    // limit on a value's bytes bounds the depth it can see.
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = int.MaxValue };

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
    /// <param name="stream">JSON in UTF-8 (a byte order mark is fine) or UTF-16 with a byte order mark (<see cref="PipelineText"/>).</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records.</returns>
    /// <exception cref="PipelineFormatException">The text is not JSON, or not a pipeline (message names the line).</exception>
    public static PipelineSource OpenJson(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonStreamCursor cursor;
        DateOnly? asOf = null;
        System.Text.Json.JsonElement? accounts = null; // the key accounts (issue 19), when the header carries them
        var isObject = false;
        try
        {
            cursor = new JsonStreamCursor(PipelineText.Utf8(stream), ReaderOptions, Limits.RecordBytes);
            var first = cursor.Read(out _);
            if (first == JsonTokenType.StartObject)
            {
                isObject = true;
                asOf = ReadHeader(cursor, out accounts);
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
        catch (Exception e) when (e is JsonException or PipelineFormatException or InvalidOperationException)
        {
            if (!leaveOpen)
            {
                stream.Dispose();
            }

            throw e switch
            {
                JsonException syntax => Syntax(syntax, syntax.LineNumber + 1),
                InvalidOperationException => HeaderText(e),
                _ => e,
            };
        }

        return new PipelineSource(stream, leaveOpen, asOf, source => ReadElements(cursor, isObject, source)) { Accounts = accounts, CanScreen = true };
    }

    /// <summary>Opens a JSON Lines file: one opportunity object per line (blank lines are skipped).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The stream of records (dispose it).</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PipelineSource OpenJsonLinesFile(string path) => JsonLinesReader.Open(OpenRead(path));

    /// <summary>Opens JSON Lines (<see cref="JsonLinesReader"/>).</summary>
    /// <param name="stream">The text.</param>
    /// <param name="leaveOpen">Whether disposing the result leaves <paramref name="stream"/> open.</param>
    /// <returns>The stream of records.</returns>
    public static PipelineSource OpenJsonLines(Stream stream, bool leaveOpen = false) => JsonLinesReader.Open(stream, leaveOpen);

    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    /// <summary>The file error of a syntax error, at its line (counted by the cursor, which knows the lines it skipped unread).</summary>
    internal static PipelineFormatException Syntax(JsonException e, long? line) =>
        new($"The pipeline is not valid JSON at line {line}, position {e.BytePositionInLine + 1}: {RecordReader.FirstSentence(e.Message)}", e);

    private static DateOnly? ReadHeader(JsonStreamCursor cursor, out JsonElement? accounts)
    {
        DateOnly? asOf = null;
        accounts = null;
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
            else if (name == "accounts")
            {
                accounts = value.RootElement.Clone();
            }
        }
    }

    /// <summary>How many records are tokenised before they are turned into opportunities together, on all cores.</summary>
    internal const int ParseChunk = 256;

    private static IEnumerable<SizedRecord> ReadElements(JsonStreamCursor cursor, bool isObject, PipelineSource source)
    {
        // The cursor tokenises on this thread (it must: the stream is sequential); turning each record's JSON into a
        // validated opportunity is independent per record and runs on all cores, a chunk at a time (at most 256
        // records or a few MiB). The duplicate check stays in order, so the records and their errors are exactly those
        // of reading one by one. A record over the limit is skipped by the cursor unread and rejected.
        using var duplicates = new DuplicateIds();
        var documents = new List<(byte[]? Json, OversizedValue? Skipped)>(ParseChunk);
        var records = new PipelineRecord[ParseChunk];
        var index = 0;
        Exception? failure = null;
        var more = true;
        while (more)
        {
            documents.Clear();
            long bytes = 0;
            while (documents.Count < ParseChunk && bytes < 4 * Limits.ChunkBytes)
            {
                try
                {
                    var json = cursor.ReadElement(out var skipped);
                    if (json is null && skipped is null)
                    {
                        more = false;
                        break;
                    }

                    documents.Add((json, skipped));
                    bytes += json?.Length ?? 0;
                }
                catch (JsonException e)
                {
                    failure = Syntax(e, cursor.Line(e));
                    more = false;
                    break;
                }
                catch (PipelineFormatException e)
                {
                    failure = e;
                    more = false;
                    break;
                }
            }

            var first = index;
            var carried = RecordScreening.Screen(source, PipelineFormat.Json, documents, first, static d => d.Json);
            Parse(documents, records, i => carried?[i] is not null ? null!
                : documents[i].Json is { } json ? ReadElement(json, first + i)
                : new PipelineRecord(first + i, null, [Limits.Oversized(documents[i].Skipped!.Id, first + i, documents[i].Skipped!.Bytes)]));

            for (var i = 0; i < documents.Count; i++)
            {
                if (carried?[i] is { } id)
                {
                    // kept back by the screen (its last assessment stands): not parsed, not yielded, unless a duplicate
                    if (duplicates.CheckUnparsed(id, first + i) is { } duplicate)
                    {
                        yield return new SizedRecord(duplicate, documents[i].Json?.Length ?? 0);
                    }
                    else
                    {
                        source.Screen!.Carried(first + i);
                    }

                    index++;
                    continue;
                }

                yield return new SizedRecord(duplicates.Check(records[i]), documents[i].Json?.Length ?? 0);
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
            throw Syntax(e, cursor.Line(e));
        }
        catch (InvalidOperationException e)
        {
            throw HeaderText(e);
        }
    }

    /// <summary>A name or value around the records (not in one) that is not valid text: the file is not a pipeline.</summary>
    private static PipelineFormatException HeaderText(Exception e) =>
        new("A property name or value outside the opportunities is not valid text (bytes that are not UTF-8, or an escaped lone surrogate): the file is not a pipeline.", e);

    /// <summary>One element: the cursor has checked its syntax, so whatever else is wrong is an error of the record.</summary>
    private static PipelineRecord ReadElement(byte[] json, int index)
    {
        try
        {
            return RecordReader.ReadRecordUtf8(json, index);
        }
        catch (JsonException e)
        {
            return new PipelineRecord(index, null, [new InputError(RecordReader.IdOf(json, complete: true), index, "(record)", $"the record is not valid JSON: {RecordReader.FirstSentence(e.Message)}")]);
        }
    }

    /// <summary>Runs <paramref name="action"/> for 0 … <paramref name="count"/> − 1, on all cores when there are enough to pay for it.</summary>
    internal static void ForEach(int count, Action<int> action)
    {
        if (count < 32 || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < count; i++)
            {
                action(i);
            }

            return;
        }

        try
        {
            Parallel.For(0, count, action);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Runs <paramref name="parse"/> for every item of a chunk, on all cores when the chunk is large enough to pay for it.</summary>
    internal static void Parse<T>(List<T> chunk, PipelineRecord[] into, Func<int, PipelineRecord> parse)
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
}
