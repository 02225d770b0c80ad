using System.Text.Json;
using System.Text.Json.Serialization;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.WebApi;

/// <summary>The decision ledger over HTTP, when <c>OpportunityScoring:Store</c> names one (docs/hosts.md).</summary>
internal static class LedgerEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/opportunities/{id}/history", (string id, IServiceProvider services) =>
        {
            if (services.GetService<IDecisionLedger>() is not { } ledger)
            {
                return Results.Problem("No decision ledger is configured: set OpportunityScoring:Store to an SQLite file or a PostgreSQL connection string.", statusCode: StatusCodes.Status404NotFound);
            }

            var history = ledger.History(id);
            return history.Entries.Count == 0
                ? Results.Problem($"{id} has no assessment in a complete run of the ledger.", statusCode: StatusCodes.Status404NotFound)
                : Results.Json(history, Json);
        })
        .WithSummary("The tracking table (專案跟蹤表) of one opportunity from the decision ledger: every complete run, with trend and what changed.");
        return app;
    }
}
