using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.WebApi;

/// <summary>
/// The body of a scoring request, buffered once so it can be read again: in memory up to
/// <see cref="ScoringLimits.BufferedBodyBytes"/>, beyond that in a temporary file that ASP.NET Core deletes when the
/// request ends (<see cref="HttpRequestRewindExtensions.EnableBuffering(HttpRequest, int)"/>). A pipeline is then read
/// from it as a stream, record by record, twice (checked, then scored), so a request costs about its batch's window and
/// a few buffers, not several times its body.
/// </summary>
internal sealed class RequestBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream _stream;
    private readonly long _start;

    private RequestBody(Stream stream, long start, PipelineRecord? single)
    {
        _stream = stream;
        _start = start;
        Single = single;
    }

    /// <summary>Whether the body is a pipeline (an array, or an object with <c>opportunities</c> or <c>schemaVersion</c> at its top level).</summary>
    public bool IsPipeline => Single is null;

    /// <summary>The one opportunity's record, when the body is not a pipeline.</summary>
    public PipelineRecord? Single { get; }

    /// <summary>Opens the pipeline for one more reading, from its first byte after a byte order mark (the body stays open).</summary>
    /// <returns>The records.</returns>
    /// <exception cref="PipelineFormatException">The body cannot be read as a pipeline.</exception>
    public PipelineSource Open()
    {
        _stream.Position = _start;
        return PipelineSource.Open(PipelineFormat.Json, _stream, leaveOpen: true);
    }

    /// <summary>Reads and buffers the body, refusing what is not UTF-8 or not JSON with a problem naming why.</summary>
    /// <param name="request">The request.</param>
    /// <param name="memoryBytes">The bytes kept in memory; the rest goes to a temporary file.</param>
    /// <param name="log">Where a reader's failure is logged.</param>
    /// <param name="cancellationToken">The request's token (the client gone, or its time up).</param>
    /// <returns>The body, or the problem to answer with.</returns>
    public static async Task<(RequestBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, int memoryBytes, ILogger log, CancellationToken cancellationToken)
    {
        request.EnableBuffering(memoryBytes);
        var stream = request.Body;
        try
        {
            if (!await IsUtf8Async(stream, cancellationToken).ConfigureAwait(false))
            {
                return (null, NotABody("the body is not valid UTF-8; send JSON encoded as UTF-8"));
            }
        }
        catch (BadHttpRequestException e)
        {
            return (null, Results.Problem(statusCode: e.StatusCode, title: "The body cannot be read.", detail: e.Message)); // e.g. 413: larger than the server accepts
        }

        if (stream.Length > memoryBytes)
        {
            request.HttpContext.RequestServices.GetRequiredService<ScoringLimits.LargeRequests>().Enter(request.HttpContext);
        }

        // A UTF-8 byte order mark is allowed (editors write one), as the CLI allows it.
        stream.Position = 0;
        var bom = new byte[3];
        var start = await stream.ReadAtLeastAsync(bom, 3, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) == 3 && bom.AsSpan().SequenceEqual("\uFEFF"u8) ? 3 : 0;
        try
        {
            stream.Position = start;
            if (StartsAPipeline(stream))
            {
                return (new RequestBody(stream, start, null), null);
            }

            stream.Position = start;
            using var document = await JsonDocument.ParseAsync(stream, DocumentOptions, cancellationToken).ConfigureAwait(false);
            PipelineRecord record;
            try
            {
                record = PipelineRecord.Read(document.RootElement);
            }
            catch (Exception e) when (IsReaderFailure(e))
            {
                // The reader failed on these bytes instead of naming the field: still the record's error, not the server's.
                log.ReaderFailed(e, 0);
                record = new PipelineRecord(0, null, [new InputError(null, 0, "(record)", $"the opportunity cannot be read: {e.Message}")]);
            }

            return (new RequestBody(stream, start, record), null);
        }
        catch (JsonException e)
        {
            return (null, NotABody(SyntaxMessage(new RequestBody(stream, start, null), e)));
        }
    }

    /// <summary>
    /// Whether an exception thrown while reading the body is the reader failing on its bytes (for example on a string
    /// no UTF-16 text can hold), not one of the reader's own errors and not the request being stopped: the body is at
    /// fault, so it is a 400, and the reader's failure is logged.
    /// </summary>
    /// <param name="e">The exception.</param>
    /// <returns>Whether the body is at fault.</returns>
    public static bool IsReaderFailure(Exception e) =>
        e is not (OperationCanceledException or OutOfMemoryException or PipelineFormatException or JsonException);

    /// <summary>A 400 for a body that is not a pipeline or an opportunity.</summary>
    /// <param name="detail">Why.</param>
    /// <returns>The problem.</returns>
    public static IResult NotABody(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a pipeline or an opportunity.", detail: detail);

    /// <summary>Reads the whole body once (into its buffer) and tells whether it is UTF-8, without holding it as text.</summary>
    private static async Task<bool> IsUtf8Async(Stream stream, CancellationToken cancellationToken)
    {
        var decoder = StrictUtf8.GetDecoder();
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(StrictUtf8.GetMaxCharCount(bytes.Length));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(bytes, cancellationToken).ConfigureAwait(false)) > 0)
            {
                decoder.Convert(bytes, 0, read, chars, 0, chars.Length, flush: false, out _, out _, out _);
            }

            decoder.Convert(bytes, 0, 0, chars, 0, chars.Length, flush: true, out _, out _, out _); // a sequence cut off at the end
            return true;
        }
        catch (DecoderFallbackException)
        {
            await stream.DrainAsync(cancellationToken).ConfigureAwait(false); // buffered whole all the same: the body was read
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Whether the body is a pipeline, told from its top-level keys alone, read as a stream: nothing is materialised,
    /// and a large value is skipped buffer by buffer.
    /// </summary>
    /// <exception cref="JsonException">The body is not JSON (up to the first top-level key that tells).</exception>
    private static bool StartsAPipeline(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 14);
        try
        {
            var state = new JsonReaderState(ReaderOptions);
            var length = 0;
            var final = false;
            while (true)
            {
                if (!final)
                {
                    var read = stream.Read(buffer, length, buffer.Length - length); // from the buffered body: memory or the temporary file
                    final = read == 0;
                    length += read;
                }

                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
                while (reader.Read())
                {
                    switch (reader.CurrentDepth, reader.TokenType)
                    {
                        case (0, JsonTokenType.StartArray):
                            return true;
                        case (0, JsonTokenType.StartObject):
                            break;
                        case (0, _):
                            return false; // a scalar, or the end of an object without either key
                        case (1, JsonTokenType.PropertyName) when reader.ValueTextEquals("opportunities"u8) || reader.ValueTextEquals("schemaVersion"u8):
                            return true;
                    }
                }

                if (final)
                {
                    return false;
                }

                // Keep what the reader has not consumed (a token cut by the buffer's end), and grow for a token larger than the buffer.
                var consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
                if (consumed == 0 && length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else
                {
                    buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                    length -= consumed;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The message the pipeline readers give for bytes that are not JSON (naming the line), as the CLI gives it.</summary>
    private static string SyntaxMessage(RequestBody body, JsonException e)
    {
        try
        {
            using var source = body.Open();
            foreach (var _ in source.Records)
            {
            }
        }
        catch (PipelineFormatException format)
        {
            return format.Message;
        }

        return e.Message;
    }
}

/// <summary>The web API's log messages.</summary>
internal static partial class ScoringLog
{
    /// <summary>A reader threw on a request's body instead of giving a record error (the request got a 400).</summary>
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "The reader failed on record {Index} of a request's body instead of giving a record error; the request got a 400.")]
    public static partial void ReaderFailed(this ILogger logger, Exception exception, int index);
}
