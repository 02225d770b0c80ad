using System.Globalization;
using Microsoft.Extensions.Options;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.WebApi;

/// <summary>
/// <c>POST /accounts</c> (the key-account list, 大客戶名單) and <c>POST /accounts/{id}/report</c> (the follow-up table,
/// 大客戶客戶跟進表): the body is a pipeline with its <c>accounts</c> section; the opportunities stream through the same
/// batch as <c>POST /assessments</c> and are tallied per account (docs/accounts.md).
/// </summary>
internal static class AccountEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/accounts", List)
            .WithName("Accounts")
            .WithSummary("The key-account list (大客戶名單) of a pipeline {schemaVersion, asOf, accounts, opportunities}.")
            .WithDescription("Every account graded A–D with its service targets (figure, target, gap), the 80/20 view, the accounts without an owner and the owner load; a bad account record is listed in errors with its field, the others graded. format=json (default) or csv; messages follow Accept-Language.")
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireRateLimiting(ScoringLimits.PolicyName)
            .WithRequestTimeout(ScoringLimits.PolicyName);
        app.MapPost("/accounts/{id}/report", Report)
            .WithName("AccountReport")
            .WithSummary("The follow-up table (大客戶客戶跟進表) of one account, in Markdown.")
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "text/markdown")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireRateLimiting(ScoringLimits.PolicyName)
            .WithRequestTimeout(ScoringLimits.PolicyName);
        return app;
    }

    private static async Task<IResult> List(HttpRequest request, IOpportunityScorer scorer, IOptions<ScoringLimits> limits, ILogger<RequestBody> log, string? asOf, string? format, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown format.", detail: $"format {format} is not json or csv.");
        }

        var (list, problem) = await GradeAsync(request, scorer, limits.Value, log, asOf, cancellationToken).ConfigureAwait(false);
        if (list is null)
        {
            return problem!;
        }

        var texts = Language(request);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        list.Write(format ?? "json", text, texts);
        return Results.Text(text.ToString(), format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8");
    }

    private static async Task<IResult> Report(string id, HttpRequest request, IOpportunityScorer scorer, IOptions<ScoringLimits> limits, ILogger<RequestBody> log, string? asOf, CancellationToken cancellationToken)
    {
        var (list, problem) = await GradeAsync(request, scorer, limits.Value, log, asOf, cancellationToken, dealsKept: 50).ConfigureAwait(false);
        if (list is null)
        {
            return problem!;
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        return list.WriteReport(id, text, Language(request))
            ? Results.Text(text.ToString(), "text/markdown; charset=utf-8")
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such account.", detail: $"no account with id {id} in the body (neither a record nor an opportunity's account.id)");
    }

    /// <summary>Reads the body (a pipeline), scores its opportunities as they stream, tallies them and grades the accounts.</summary>
    private static async Task<(AccountList? List, IResult? Problem)> GradeAsync(HttpRequest request, IOpportunityScorer scorer, ScoringLimits limits, ILogger<RequestBody> log, string? asOf, CancellationToken cancellationToken, int dealsKept = 5)
    {
        DateOnly? day = null;
        if (asOf is not null)
        {
            if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "asOf is not a date.", detail: $"asOf {asOf} is not a date in the form yyyy-MM-dd."));
            }

            day = d;
        }

        var (body, bad) = await RequestBody.ReadAsync(request, limits.BufferedBodyBytes, log, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, bad);
        }

        if (!body.IsPipeline)
        {
            return (null, RequestBody.NotABody("the body is one opportunity: send a pipeline {schemaVersion, asOf, accounts, opportunities}"));
        }

        try
        {
            using var source = body.Open();
            var book = new AccountBook(OpportunityRules.CreateAccountScorer(scorer.Policy), dealsKept);
            book.AddFrom(source);
            var when = day ?? source.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
            var run = new BatchScorer(scorer, new BatchOptions { Detail = ScoringDetail.Decisions }).Score(book.WithServiceHealth(source.Records, when), when, cancellationToken: cancellationToken);
            foreach (var item in run)
            {
                book.Add(item);
            }

            return (book.Grade(when), null);
        }
        catch (PipelineFormatException e)
        {
            return (null, RequestBody.NotABody(e.Message));
        }
        catch (Exception e) when (RequestBody.IsReaderFailure(e))
        {
            log.ReaderFailed(e, 0);
            return (null, RequestBody.NotABody($"the pipeline cannot be read: {e.Message}"));
        }
    }

    /// <summary>The language of the messages: the first shipped language the Accept-Language header asks for, else English.</summary>
    private static Texts Language(HttpRequest request)
    {
        var asked = request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1.0).FirstOrDefault()?.Value.Value;
        return asked is null ? Texts.English : Texts.For(asked);
    }
}
