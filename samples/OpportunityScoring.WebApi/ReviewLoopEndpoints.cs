using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.WebApi;

/// <summary>
/// The review loop over HTTP (docs/hosts.md): plans, overrides, outcomes and the win/loss review, through the same
/// library as the CLI. Every write takes the person from the authenticated user and is refused without one (401).
/// </summary>
internal static class ReviewLoopEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const int MaxBodyBytes = 64 * 1024;

    // Reading a body: names as written (camelCase, any case), enums by name only, an unknown field refused by name.
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>An action to plan (the body of POST /opportunities/{id}/actions).</summary>
    internal sealed record ActionBody(string? Owner, DateOnly? Due, string? What, string? EvidenceField, int? FromImprovement, DateOnly? PlannedOn);

    /// <summary>A change of an action's state (done, drop, reopen).</summary>
    internal sealed record MarkBody(DateOnly? On, string? Note);

    /// <summary>An override (the body of POST /opportunities/{id}/overrides).</summary>
    internal sealed record OverrideBody(OverrideKind? Kind, string? Value, string? Reason, string? ApprovedBy, DateOnly? ExpiresOn, string? ExpiresAtStage);

    /// <summary>A withdrawal.</summary>
    internal sealed record WithdrawBody(string? Reason);

    /// <summary>An outcome (the body of POST /opportunities/{id}/outcomes).</summary>
    internal sealed record OutcomeBody(OutcomeResult? Result, DateOnly? ClosedOn, string? Competitor, decimal? FinalPrice, string? Note);

    public static IEndpointRouteBuilder MapReviewLoopEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/opportunities/{id}/actions", (string id, DateOnly? asOf, HttpContext http) => Read(http, l => l.Actions(id, asOf)))
            .WithSummary("The action plan (銷售行動計畫) of an opportunity, each action reviewed at the last stored run.");
        app.MapPost("/opportunities/{id}/actions", (string id, HttpContext http) => Write<ActionBody>(http, (l, body, who) =>
        {
            var draft = new ActionDraft(id, body.Owner ?? string.Empty, body.Due ?? throw new LedgerException($"the action for {id}: due is required (a day, yyyy-MM-dd)."))
            {
                What = body.What, EvidenceField = body.EvidenceField, FromImprovement = body.FromImprovement, PlannedOn = body.PlannedOn,
            };
            var actionId = l.PlanAction(draft, who);
            return Results.Json(l.Actions(id).Single(a => a.ActionId == actionId), Json, statusCode: StatusCodes.Status201Created);
        }))
            .WithSummary("Plan an action (the person recording it is the authenticated user).");
        foreach (var (verb, state) in new[] { ("done", ActionState.Done), ("drop", ActionState.Dropped), ("reopen", ActionState.Open) })
        {
            app.MapPost($"/actions/{{actionId:long}}/{verb}", (long actionId, HttpContext http) => Write<MarkBody>(http, (l, body, who) =>
            {
                l.MarkAction(actionId, state, body.On ?? DateOnly.FromDateTime(DateTime.UtcNow), body.Note, who);
                return Results.NoContent();
            }, emptyBody: new MarkBody(null, null)))
                .WithSummary($"Record that an action is {verb} (a new entry; the earlier ones are kept).");
        }

        app.MapGet("/opportunities/{id}/overrides", (string id, DateOnly? asOf, HttpContext http) => Read(http, l => l.OverridesOf(id, asOf)))
            .WithSummary("The overrides of an opportunity beside the engine's decision: active, lapsed, re-raised, withdrawn or superseded.");
        app.MapPost("/opportunities/{id}/overrides", (string id, HttpContext http) => Write<OverrideBody>(http, (l, body, who) =>
        {
            var kind = body.Kind ?? throw new LedgerException($"the override of {id}: kind is required (bid, gate or grade).");
            var overrideId = l.Override(new OverrideDraft(id, kind, body.Value ?? string.Empty, body.Reason ?? string.Empty, body.ApprovedBy ?? string.Empty)
            {
                ExpiresOn = body.ExpiresOn, ExpiresAtStage = body.ExpiresAtStage,
            }, who);
            return Results.Json(l.OverridesOf(id).Single(o => o.OverrideId == overrideId), Json, statusCode: StatusCodes.Status201Created);
        }))
            .WithSummary("Override the engine's bid decision, gate outcome or grade, with a reason, an approver and an expiry.");
        app.MapPost("/overrides/{overrideId:long}/withdraw", (long overrideId, HttpContext http) => Write<WithdrawBody>(http, (l, body, who) =>
        {
            l.WithdrawOverride(overrideId, body.Reason ?? throw new LedgerException($"the withdrawal of override {overrideId}: reason is required."), who);
            return Results.NoContent();
        }))
            .WithSummary("Withdraw an override (a new entry with the reason).");

        app.MapGet("/opportunities/{id}/outcomes", (string id, HttpContext http) => Read(http, l => l.Outcomes(id)))
            .WithSummary("The outcomes recorded for an opportunity (the newest counts).");
        app.MapPost("/opportunities/{id}/outcomes", (string id, HttpContext http) => Write<OutcomeBody>(http, (l, body, who) =>
        {
            var result = body.Result ?? throw new LedgerException($"the outcome of {id}: result is required (won, lost, noBid or withdrawn).");
            l.RecordOutcomes([new OutcomeDraft(id, result, body.ClosedOn ?? throw new LedgerException($"the outcome of {id}: closedOn is required (a day, yyyy-MM-dd)."))
            {
                Competitor = body.Competitor, FinalPrice = body.FinalPrice, Note = body.Note, Source = "api",
            }], who);
            return Results.Json(l.Outcomes(id)[^1], Json, statusCode: StatusCodes.Status201Created);
        }))
            .WithSummary("Record how a pursuit ended: won, lost, noBid or withdrawn (a correction is a new entry).");

        app.MapGet("/review", (DateOnly? since, HttpContext http) => Read(http, l => l.Review(since)))
            .WithSummary("The win/loss review: decisions against outcomes, each close judged by its last assessment before it.");
        return app;
    }

    private static Task<IResult> Read<T>(HttpContext http, Func<IDecisionLedger, T> read) =>
        Task.FromResult(Use(http, ledger => Results.Json(read(ledger), Json)));

    private static async Task<IResult> Write<TBody>(HttpContext http, Func<IDecisionLedger, TBody, string, IResult> write, TBody? emptyBody = null)
        where TBody : class
    {
        var who = http.User.Identity is { IsAuthenticated: true } identity ? identity.Name ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (string.IsNullOrWhiteSpace(who))
        {
            return Results.Problem("Writing to the ledger needs an authenticated user: every entry records who made it.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // A small body, read whole (a ledger entry is a few fields), parsed, then bound: malformed JSON and a field that
        // cannot be read are told apart, and the field is named.
        TBody? body;
        try
        {
            var buffer = new byte[MaxBodyBytes + 1];
            var length = await http.Request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, http.RequestAborted).ConfigureAwait(false);
            if (length > MaxBodyBytes)
            {
                return Results.Problem($"The body is larger than a ledger entry takes ({MaxBodyBytes} bytes at most).", statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            if (length == 0 && emptyBody is not null)
            {
                body = emptyBody;
            }
            else
            {
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(buffer.AsMemory(0, length));
                }
                catch (JsonException e)
                {
                    return Results.Problem($"the body is not well-formed JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): send a JSON object.", title: "The body is not a valid request.", statusCode: StatusCodes.Status400BadRequest);
                }

                using (document)
                {
                    body = document.RootElement.ValueKind == JsonValueKind.Object ? document.Deserialize<TBody>(Strict) : null;
                }
            }
        }
        catch (JsonException e)
        {
            return Results.Problem(Explain(e), title: "The body is not a valid request.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e)
        {
            return Results.Problem(e.Message, title: "The body cannot be read.", statusCode: e.StatusCode);
        }

        if (body is null)
        {
            return Results.Problem("the body is not a JSON object: send one with the request's fields.", statusCode: StatusCodes.Status400BadRequest);
        }

        return Use(http, ledger => write(ledger, body, who));
    }

    // A body's fault by the field it names, in the request's words (not .NET's type names).
    private static string Explain(JsonException e)
    {
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"the body has a field this request does not take: {e.Message.Split('\'')[1..2].FirstOrDefault() ?? "?"}.";
        }

        if (e.Path is not { Length: > 2 } path || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return "the body is not a JSON object.";
        }

        var field = path[2..];
        var expected = field.ToLowerInvariant() switch
        {
            "due" or "closedon" or "expireson" or "on" or "plannedon" => "a day, yyyy-MM-dd",
            "kind" => "bid, gate or grade",
            "result" => "won, lost, noBid or withdrawn",
            "finalprice" => "a number",
            "fromimprovement" => "the number of an improvement, 1 or more",
            _ => "a string",
        };
        return $"{field}: not a valid value; expected {expected}.";
    }

    private static IResult Use(HttpContext http, Func<IDecisionLedger, IResult> operation)
    {
        if (http.RequestServices.GetService<IDecisionLedger>() is not { } ledger)
        {
            return Results.Problem("No decision ledger is configured: set OpportunityScoring:Store to an SQLite file or a PostgreSQL connection string.", statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            return operation(ledger);
        }
        catch (LedgerException e)
        {
            // Without an inner exception the request itself is at fault (a field missing, no such action); with one, the store failed.
            return e.InnerException is null
                ? Results.Problem(e.Message, title: "The request cannot be recorded.", statusCode: StatusCodes.Status400BadRequest)
                : Results.Problem(e.Message, title: "The ledger cannot be reached.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
