using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.WebApi.Tests;

/// <summary>GET /opportunities/{id}/history: the decision ledger configured by OpportunityScoring:Store.</summary>
public sealed class LedgerEndpointTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("webapi-ledger-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task The_history_of_an_opportunity_comes_from_the_configured_ledger_and_is_404_without_one()
    {
        var store = Path.Combine(_dir.FullName, "ledger.db");
        var opportunity = PipelineSource.Open(PipelineFormat.Json, Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json")).Records.First().Opportunity!;
        using (var ledger = DecisionLedger.Open(store))
        {
            var day = new DateOnly(2027, 1, 10);
            using var run = ledger.StartRun(new RunStart("pipeline.json", "input-sha", OpportunityRules.DefaultPolicy.Stamp, day, "compiled"));
            foreach (var item in new BatchScorer(OpportunityRules.CreateScorer()).Score([opportunity], day))
            {
                run.Write(item);
            }

            run.Complete();
        }

        using var withLedger = factory.WithWebHostBuilder(b => b.UseSetting("OpportunityScoring:Store", store)).CreateClient();
        using var without = factory.CreateClient();

        using var found = await withLedger.GetAsync(new Uri($"/opportunities/{opportunity.Id}/history", UriKind.Relative));
        using var unknown = await withLedger.GetAsync(new Uri("/opportunities/no-such-id/history", UriKind.Relative));
        using var none = await without.GetAsync(new Uri($"/opportunities/{opportunity.Id}/history", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var entries = JsonDocument.Parse(await found.Content.ReadAsStringAsync()).RootElement.GetProperty("entries");
        Assert.Equal("notEnoughInfo", entries[0].GetProperty("trend").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("OpportunityScoring:Store", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
