using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OpportunityScoring.Engine;
using OpportunityScoring.Insights;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.WebApi;

/// <summary>
/// <c>POST /assessments</c>, <c>POST /reports/{id}</c> and <c>GET /policy</c>. A pipeline body goes through the same
/// streaming path as the CLI and the worker (the streaming reader, <see cref="BatchScorer"/>, the JSON document writer
/// straight into the response), so a bad record gets exactly the errors the CLI gives it, and the response is the CLI's
/// <c>--format json</c> document, written as the records are scored.
/// </summary>
public static class ScoringEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IEndpointRouteBuilder MapScoringEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/assessments", Assess)
            .WithName("Assess")
            .WithSummary("Assess one opportunity, or a pipeline {schemaVersion, asOf, opportunities}.")
            .WithDescription("A pipeline gives {policy, asOf, assessments, errors} (docs/schema/assessment.schema.json); one opportunity gives its assessment. Any record that cannot be assessed gives 400 with a problem-details body whose errors name each record (id, index) and field. asOf (yyyy-MM-dd) overrides the pipeline's day; the default is today. One opportunity comes with its improvements and flip points (explain=false to leave them out); a pipeline only with explain=true. Messages follow Accept-Language (zh-TW / zh-Hant → Traditional Chinese, other zh → Simplified, else English; Content-Language says which); codes never change.")
            .Accepts<JsonElement>("application/json")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithScoringLimits();

        app.MapPost("/reports/{id}", Report)
            .WithName("Report")
            .WithSummary("The decision record of one opportunity (the pipeline or the opportunity in the body).")
            .WithDescription("JSON of the DecisionReport, or Markdown with Accept: text/markdown.")
            .Accepts<JsonElement>("application/json")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json", "text/markdown")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithScoringLimits();

        app.MapGet("/policy", (IOpportunityScorer scorer) => Results.Json(scorer.Policy.Stamp, ContractJson.Options))
            .WithName("Policy")
            .WithSummary("The policy every assessment is made under: name, version, sha256.")
            .Produces<PolicyStamp>(StatusCodes.Status200OK, "application/json");

        return app;
    }

    /// <summary>The scoring requests' limits: at most so many at a time (429 beyond the queue), and a time budget (503).</summary>
    private static RouteHandlerBuilder WithScoringLimits(this RouteHandlerBuilder endpoint)
    {
        endpoint.WithRequestTimeout(ScoringLimits.PolicyName);
        return endpoint
            .RequireRateLimiting(ScoringLimits.PolicyName)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> Assess(HttpRequest request, IOpportunityScorer scorer, IOptions<ScoringLimits> limits, ILogger<RequestBody> log, string? asOf, bool? explain, CancellationToken cancellationToken)
    {
        if (!TryDay(asOf, out var day, out var badDay))
        {
            return badDay;
        }

        var (body, bad) = await RequestBody.ReadAsync(request, limits.Value.BufferedBodyBytes, log, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return bad!;
        }

        var texts = Language(request);
        if (!body.IsPipeline)
        {
            if (body.Single!.Errors.Count > 0)
            {
                return Rejected([.. body.Single.Errors]);
            }

            // One opportunity is explained unless asked not to (improvements and flip points re-score it a dozen times);
            // the explanation stops between two re-scorings when the client goes or the time is up.
            var one = explain ?? true ? Explainer.Scorer(scorer, texts, cancellationToken) : scorer;
            return Localised(Results.Json(one.Score(body.Single.Opportunity!, day ?? DateOnly.FromDateTime(DateTime.UtcNow)), ContractJson.For(texts)), texts);
        }

        // Every record is checked before anything is written: any bad record is a 400 naming each, as before a pipeline
        // is scored; then the pipeline is read again and streamed through the batch into the response.
        var (asOfInBody, errors) = Check(body, log, cancellationToken);
        if (errors is [{ Field: "(file)" } unreadable])
        {
            return RequestBody.NotABody(unreadable.Message);
        }

        if (errors.Count > 0)
        {
            return Rejected(errors);
        }

        var when = day ?? asOfInBody ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var explained = explain == true ? Explainer.Scorer(scorer, texts, cancellationToken) : scorer; // a pipeline only when asked (?explain=true)
        return Localised(new StreamedDocument(body, explained, new BatchOptions { MaxDegreeOfParallelism = limits.Value.PipelineParallelism }, when, texts), texts);
    }

    /// <summary>
    /// Reads every record once, without scoring: the day the body gives and the errors of its bad records (a
    /// <c>(file)</c> error when it cannot be read; when the reader fails on a record, the errors before it and a
    /// <c>(file)</c> error from that record on).
    /// </summary>
    private static (DateOnly? AsOf, List<InputError> Errors) Check(RequestBody body, ILogger log, CancellationToken cancellationToken)
    {
        var errors = new List<InputError>();
        var next = 0;
        try
        {
            using var source = body.Open();
            foreach (var record in source.Records)
            {
                cancellationToken.ThrowIfCancellationRequested();
                errors.AddRange(record.Errors);
                next = record.Index + 1;
            }

            return (source.AsOf, errors);
        }
        catch (PipelineFormatException e)
        {
            return (null, [new InputError(null, 0, "(file)", e.Message)]);
        }
        catch (Exception e) when (RequestBody.IsReaderFailure(e))
        {
            log.ReaderFailed(e, next);
            errors.Add(new InputError(null, next, "(file)", $"the pipeline cannot be read from record {next} on: {e.Message}"));
            return (null, errors);
        }
    }

    /// <summary>
    /// The pipeline's document, written into the response as the batch scores it: the writer fills a small buffer
    /// synchronously (as it does for the CLI's file) and the buffer goes to the client asynchronously whenever it holds
    /// 64 KB, so the response streams with bounded memory and no synchronous I/O. When the client goes or the time is
    /// up, the batch stops; a document already streaming is cut off (the connection is aborted), so the client never
    /// takes an incomplete document for a whole one.
    /// </summary>
    private sealed class StreamedDocument(RequestBody body, IOpportunityScorer scorer, BatchOptions options, DateOnly asOf, Texts texts) : IResult
    {
        private const int FlushAt = 1 << 16;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "application/json";
            var aborted = httpContext.RequestAborted;
            try
            {
                await WriteAsync(httpContext.Response.Body, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested && httpContext.Response.HasStarted)
            {
                httpContext.Abort(); // too late for a status: cut the document off
            }
        }

        private async Task WriteAsync(Stream response, CancellationToken aborted)
        {
            using var source = body.Open();
            var run = new BatchScorer(scorer, options).Score(source.Records, asOf, cancellationToken: aborted);
            using var buffer = new MemoryStream(FlushAt * 2);
            using (var writer = BatchWriters.Create("json", buffer, run.Policy, run.AsOf, texts, indented: false))
            {
                await foreach (var item in run.ReadAllAsync().WithCancellation(aborted).ConfigureAwait(false))
                {
                    writer.Write(item);
                    if (buffer.Length >= FlushAt)
                    {
                        await SendAsync(buffer, response, aborted).ConfigureAwait(false);
                    }
                }

                writer.Complete();
            }

            await SendAsync(buffer, response, aborted).ConfigureAwait(false);
        }

        private static async Task SendAsync(MemoryStream buffer, Stream body, CancellationToken cancellationToken)
        {
            await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken).ConfigureAwait(false);
            buffer.SetLength(0);
        }
    }

    private static async Task<IResult> Report(string id, HttpRequest request, IOpportunityScorer scorer, IOptions<ScoringLimits> limits, ILogger<RequestBody> log, string? asOf, CancellationToken cancellationToken)
    {
        if (!TryDay(asOf, out var day, out var badDay))
        {
            return badDay;
        }

        var (body, bad) = await RequestBody.ReadAsync(request, limits.Value.BufferedBodyBytes, log, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return bad!;
        }

        PipelineRecord? record;
        IReadOnlyList<InputError> errors;
        DateOnly? asOfInBody = null;
        if (body.IsPipeline)
        {
            try
            {
                using var source = body.Open();
                record = source.Find(id, out errors);
                asOfInBody = source.AsOf;
            }
            catch (PipelineFormatException e)
            {
                return RequestBody.NotABody(e.Message);
            }
            catch (Exception e) when (RequestBody.IsReaderFailure(e))
            {
                log.ReaderFailed(e, 0);
                return RequestBody.NotABody($"the pipeline cannot be read: {e.Message}");
            }
        }
        else
        {
            record = body.Single!.Opportunity?.Id == id ? body.Single : null;
            errors = body.Single.Errors; // the only record is bad: 400 naming its fields
        }

        if (record is not null && errors.Count > 0)
        {
            return Rejected([.. errors]); // e.g. a second record with the same id: which of the two is meant?
        }

        if (record?.Opportunity is not { } opportunity)
        {
            // The record asked for is bad (or the only record is): 400 naming its fields, as POST /assessments would.
            return errors.Count > 0
                ? Rejected([.. errors])
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such opportunity.", detail: $"no opportunity with id {id} in the body");
        }

        var when = day ?? asOfInBody ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var texts = Language(request);
        // The decision record has its improvements and flip points, as the CLI's report has; the explanation stops
        // between two re-scorings when the client goes or the time is up.
        var decision = DecisionReport.Create(opportunity, scorer.Explain(opportunity, when, texts, cancellationToken).Assessment, when);
        var markdown = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1.0) > 0);
        return Localised(markdown ? Results.Text(decision.ToMarkdown(texts), "text/markdown; charset=utf-8") : Results.Json(decision, ContractJson.For(texts)), texts);
    }

    /// <summary>The language of the messages: the first shipped language the Accept-Language header asks for (by quality), else English.</summary>
    private static Texts Language(HttpRequest request)
    {
        foreach (var language in request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1.0))
        {
            var name = language.Value.Value;
            if (name is "*" or null)
            {
                continue;
            }

            if (name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || name.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return Texts.For(name);
            }
        }

        return Texts.English;
    }

    /// <summary>Says which language the messages are in (Content-Language), so caches keep languages apart.</summary>
    private static ContentLanguageResult Localised(IResult result, Texts texts) => new(result, texts.Language);

    private sealed class ContentLanguageResult(IResult inner, string language) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ContentLanguage = language;
            httpContext.Response.Headers.Vary = "Accept-Language";
            return inner.ExecuteAsync(httpContext);
        }
    }

    private static IResult Rejected(List<InputError> errors)
    {
        var records = errors.Select(e => e.Index).Distinct().Count();
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Records cannot be assessed.",
            Detail = $"{records} record(s) cannot be assessed: " + string.Join("; ", errors.Select(e => $"{e.Id ?? "record " + e.Index.ToString(CultureInfo.InvariantCulture)} (index {e.Index}) {e.Field}: {e.Message}")),
        };
        problem.Extensions["errors"] = errors.Select(e => new { id = e.Id, index = e.Index, field = e.Field, message = e.Message }).ToList();
        return Results.Problem(problem);
    }

    private static bool TryDay(string? text, out DateOnly? day, out IResult problem)
    {
        day = null;
        problem = Results.Empty;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            day = d;
            return true;
        }

        problem = Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "asOf is not a date.", detail: $"asOf {text} is not a date in the form yyyy-MM-dd.");
        return false;
    }
}
