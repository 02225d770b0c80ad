using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OpportunityScoring.Json;

namespace OpportunityScoring.WebApi;

/// <summary>
/// <c>POST /assessments</c>, <c>POST /reports/{id}</c> and <c>GET /policy</c>. Bodies are read with the engine's own
/// reader (<see cref="PipelineJsonReader"/>), so a bad record gets exactly the errors the CLI gives it, and results are
/// written in the contract's JSON (<see cref="AssessmentWriter"/>, <see cref="ContractJson"/>).
/// </summary>
public static class ScoringEndpoints
{
    private static readonly JsonDocumentOptions BodyOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

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
            .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapPost("/reports/{id}", Report)
            .WithName("Report")
            .WithSummary("The decision record of one opportunity (the pipeline or the opportunity in the body).")
            .WithDescription("JSON of the DecisionRecord, or Markdown with Accept: text/markdown.")
            .Accepts<JsonElement>("application/json")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json", "text/markdown")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/policy", (IOpportunityScorer scorer) => Results.Json(scorer.Policy.Stamp, ContractJson.Options))
            .WithName("Policy")
            .WithSummary("The policy every assessment is made under: name, version, sha256.")
            .Produces<PolicyStamp>(StatusCodes.Status200OK, "application/json");

        return app;
    }

    private static async Task<IResult> Assess(HttpRequest request, IOpportunityScorer scorer, string? asOf, bool? explain, CancellationToken cancellationToken)
    {
        if (!TryDay(asOf, out var day, out var badDay))
        {
            return badDay;
        }

        var (body, bad) = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return bad!;
        }

        var errors = body.Input.Records.SelectMany(r => r.Errors).ToList();
        if (errors.Count > 0)
        {
            return Rejected(errors);
        }

        var when = day ?? body.Input.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var texts = Language(request);
        // One opportunity is explained unless asked not to (improvements and flip points re-score it a dozen times);
        // a pipeline only when asked (?explain=true).
        var explained = (explain ?? !body.IsPipeline) ? new ExplainingScorer(scorer, texts) : scorer;
        if (!body.IsPipeline)
        {
            return Localised(Results.Json(explained.Score(body.Input.Records[0].Opportunity!, when), ContractJson.For(texts)), texts);
        }

        using var output = new MemoryStream();
        AssessmentWriter.WriteDocument(explained.Score(body.Input with { AsOf = when }), output, texts, indented: false);
        return Localised(Results.Bytes(output.ToArray(), "application/json"), texts);
    }

    private static async Task<IResult> Report(string id, HttpRequest request, IOpportunityScorer scorer, string? asOf, CancellationToken cancellationToken)
    {
        if (!TryDay(asOf, out var day, out var badDay))
        {
            return badDay;
        }

        var (body, bad) = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return bad!;
        }

        var records = body.Input.Records;
        var record = records.FirstOrDefault(r => r.Opportunity?.Id == id);
        if (record is not null && records.SelectMany(r => r.Errors).Where(e => e.Id == id).ToList() is { Count: > 0 } twice)
        {
            return Rejected(twice); // e.g. a second record with the same id: which of the two is meant?
        }

        if (record?.Opportunity is not { } opportunity)
        {
            // The record asked for is bad (or the only record is): 400 naming its fields, as POST /assessments would.
            var errors = records.SelectMany(r => r.Errors).Where(e => e.Id == id || !body.IsPipeline).ToList();
            return errors.Count > 0
                ? Rejected(errors)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such opportunity.", detail: $"no opportunity with id {id} in the body");
        }

        var when = day ?? body.Input.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var texts = Language(request);
        // The decision record has its improvements and flip points, as the CLI's report has.
        var decision = DecisionRecord.Create(opportunity, scorer.Explain(opportunity, when, texts).Assessment, when);
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

    /// <summary>The body: a pipeline (an object with <c>opportunities</c> or <c>schemaVersion</c>, or an array), else one opportunity.</summary>
    private sealed record Body(PipelineInput Input, bool IsPipeline);

    private static async Task<(Body? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            return (null, Results.Problem(statusCode: e.StatusCode, title: "The body cannot be read.", detail: e.Message)); // e.g. 413: larger than the server accepts
        }

        // A UTF-8 byte order mark is allowed (editors write one), as the CLI allows it; bytes that are not UTF-8 are refused.
        var start = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).StartsWith("\uFEFF"u8) ? 3 : 0;
        buffer.Position = start;
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(start, (int)buffer.Length - start)))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a pipeline or an opportunity.", detail: "the body is not valid UTF-8; send JSON encoded as UTF-8"));
        }

        try
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(start, (int)buffer.Length - start), BodyOptions);
            }
            catch (JsonException)
            {
                PipelineJsonReader.Read(buffer);   // throws PipelineFormatException naming the line, as the CLI says it
                throw;
            }

            using (document)
            {
                var root = document.RootElement;
                var isPipeline = root.ValueKind == JsonValueKind.Array
                    || (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("opportunities", out _) || root.TryGetProperty("schemaVersion", out _)));
                if (isPipeline)
                {
                    buffer.Position = start;
                    return (new Body(PipelineJsonReader.Read(buffer), true), null);
                }

                return (new Body(new PipelineInput(null, [PipelineJsonReader.ReadRecord(root, 0)]), false), null);
            }
        }
        catch (PipelineFormatException e)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a pipeline or an opportunity.", detail: e.Message));
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
