using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.Ledger;

namespace OpportunityScoring.WebApi.Tests;

/// <summary>
/// The review loop over HTTP (issue 21): plans, overrides, outcomes and the review on a real SQLite file and a real
/// PostgreSQL database; every write takes the person from the authenticated user (the sample's X-User scheme).
/// </summary>
public sealed class ReviewLoopEndpointTests(WebApplicationFactory<Program> factory, LedgerStores stores) : IClassFixture<WebApplicationFactory<Program>>, IClassFixture<LedgerStores>
{
    private static readonly DateOnly Day = new(2027, 1, 10);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Every_write_path_records_the_authenticated_user_and_reads_back_beside_the_engine(string kind)
    {
        var (store, id) = StoreWithOneRun(kind);
        using var client = Client(store, "Wang Fang");

        using var planned = await client.PostAsJsonAsync($"/opportunities/{id}/actions", new { owner = "Li Wei", due = "2027-01-20", what = "Meet the CFO", evidenceField = "budget.status" });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var action = Json(await planned.Content.ReadAsStringAsync());
        Assert.Equal("Wang Fang", action.GetProperty("plannedBy").GetString());
        var actionId = action.GetProperty("actionId").GetInt64();

        using var done = await client.PostAsJsonAsync($"/actions/{actionId}/done", new { on = "2027-01-18", note = "met" });
        using var dropped = await client.PostAsync(new Uri($"/actions/{actionId}/drop", UriKind.Relative), null);
        using var reopened = await client.PostAsJsonAsync($"/actions/{actionId}/reopen", new { note = "again" });
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.NoContent], new[] { done.StatusCode, dropped.StatusCode, reopened.StatusCode });
        var actions = Json(await client.GetStringAsync(new Uri($"/opportunities/{id}/actions", UriKind.Relative)));
        Assert.Equal("open", actions[0].GetProperty("state").GetString());
        Assert.Equal("again", actions[0].GetProperty("note").GetString());

        using var overridden = await client.PostAsJsonAsync($"/opportunities/{id}/overrides", new { kind = "bid", value = "relationshipBid", reason = "build the relationship", approvedBy = "Sales director", expiresAtStage = "implementation" });
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        var over = Json(await overridden.Content.ReadAsStringAsync());
        Assert.Equal("relationshipBid", over.GetProperty("value").GetString());
        Assert.False(string.IsNullOrEmpty(over.GetProperty("engineNow").GetString())); // the engine's decision shown beside it, not replaced
        Assert.Equal("Wang Fang", over.GetProperty("recordedBy").GetString());
        using var withdrawn = await client.PostAsJsonAsync($"/overrides/{over.GetProperty("overrideId").GetInt64()}/withdraw", new { reason = "the director changed his mind" });
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        var overrides = Json(await client.GetStringAsync(new Uri($"/opportunities/{id}/overrides", UriKind.Relative)));
        Assert.Equal("withdrawn", overrides[0].GetProperty("state").GetString());

        using var lost = await client.PostAsJsonAsync($"/opportunities/{id}/outcomes", new { result = "won", closedOn = "2027-02-01" });
        using var corrected = await client.PostAsJsonAsync($"/opportunities/{id}/outcomes", new { result = "lost", closedOn = "2027-02-01", competitor = "Rival", finalPrice = 120000 });
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], new[] { lost.StatusCode, corrected.StatusCode });
        var outcomes = Json(await client.GetStringAsync(new Uri($"/opportunities/{id}/outcomes", UriKind.Relative)));
        Assert.Equal(2, outcomes.GetArrayLength()); // a correction is a new entry: the first is kept
        Assert.False(outcomes[0].GetProperty("current").GetBoolean());
        Assert.Equal("lost", outcomes[1].GetProperty("result").GetString());
        Assert.Equal("api", outcomes[1].GetProperty("source").GetString());
        Assert.Equal("Wang Fang", outcomes[1].GetProperty("recordedBy").GetString());

        var review = Json(await client.GetStringAsync(new Uri("/review?since=2027-01-01", UriKind.Relative)));
        Assert.Equal(1, review.GetProperty("closed").GetInt32());
        Assert.Equal(0, Json(await client.GetStringAsync(new Uri("/review?since=2027-03-01", UriKind.Relative))).GetProperty("closed").GetInt32());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_write_without_an_authenticated_user_is_refused_with_401_and_records_nothing(string kind)
    {
        var (store, id) = StoreWithOneRun(kind);
        using var anonymous = Client(store, user: null);

        using var plan = await anonymous.PostAsJsonAsync($"/opportunities/{id}/actions", new { owner = "Li Wei", due = "2027-01-20", what = "Meet the CFO" });
        using var over = await anonymous.PostAsJsonAsync($"/opportunities/{id}/overrides", new { kind = "bid", value = "bid", reason = "r", approvedBy = "a", expiresOn = "2027-06-01" });
        using var outcome = await anonymous.PostAsJsonAsync($"/opportunities/{id}/outcomes", new { result = "lost", closedOn = "2027-02-01" });
        using var mark = await anonymous.PostAsync(new Uri("/actions/1/done", UriKind.Relative), null);

        Assert.All(new[] { plan, over, outcome, mark }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        using var ledger = DecisionLedger.Open(store);
        Assert.Empty(ledger.Actions(id));
        Assert.Empty(ledger.OverridesOf(id));
        Assert.Empty(ledger.Outcomes(id));
        using var read = await anonymous.GetAsync(new Uri("/review", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode); // reading needs no user
    }

    [Fact]
    public async Task Outside_development_the_X_User_header_signs_nobody_in_and_writes_are_refused_until_the_host_configures_a_scheme()
    {
        var (store, id) = StoreWithOneRun("sqlite");
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("OpportunityScoring:Store", store)).CreateClient();
        production.DefaultRequestHeaders.Add("X-User", "Wang Fang");

        using var outcome = await production.PostAsJsonAsync($"/opportunities/{id}/outcomes", new { result = "lost", closedOn = "2027-02-01" });

        Assert.Equal(HttpStatusCode.Unauthorized, outcome.StatusCode);
        using var ledger = DecisionLedger.Open(store);
        Assert.Empty(ledger.Outcomes(id));
    }

    [Theory]
    [InlineData("{\"owner\":\"Li Wei\",\"what\":\"Meet the CFO\"}", "actions", "due")]
    [InlineData("{\"owner\":\"Li Wei\",\"due\":\"20 Jan\",\"what\":\"x\"}", "actions", "due")]
    [InlineData("{\"owner\":\"Li Wei\",\"due\":\"2027-01-20\",\"what\":\"x\",\"fromImprovement\":9}", "actions", "fromImprovement")]
    [InlineData("{\"kind\":\"price\",\"value\":\"bid\"}", "overrides", "kind")]
    [InlineData("{\"kind\":\"bid\",\"value\":\"maybe\",\"reason\":\"r\",\"approvedBy\":\"a\",\"expiresOn\":\"2027-06-01\"}", "overrides", "value")]
    [InlineData("{\"kind\":\"bid\",\"value\":\"bid\",\"reason\":\"r\",\"approvedBy\":\"a\"}", "overrides", "expir")]
    [InlineData("{\"kind\":\"bid\",\"value\":\"bid\",\"reason\":\"r\",\"approvedBy\":\"a\",\"expiresAtStage\":\"later\"}", "overrides", "expiresAtStage")]
    [InlineData("{\"result\":\"won\"}", "outcomes", "closedOn")]
    [InlineData("{\"result\":\"draw\",\"closedOn\":\"2027-02-01\"}", "outcomes", "result")]
    [InlineData("{\"result\":\"won\",\"closedOn\":\"2027-02-01\",\"finalPrice\":-5}", "outcomes", "finalPrice")]
    [InlineData("{\"result\":\"won\",\"closedOn\":\"2027-02-01\",\"winner\":\"Rival\"}", "outcomes", "winner")]
    [InlineData("{\"result\":", "outcomes", "body")]
    public async Task A_bad_body_is_a_400_naming_the_field_and_records_nothing(string body, string what, string field)
    {
        var (store, id) = StoreWithOneRun("sqlite");
        using var client = Client(store, "Wang Fang");

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri($"/opportunities/{id}/{what}", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, Json(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var ledger = DecisionLedger.Open(store);
        Assert.Empty(ledger.Actions(id));
        Assert.Empty(ledger.OverridesOf(id));
        Assert.Empty(ledger.Outcomes(id));
    }

    [Fact]
    public async Task Marking_an_unknown_action_or_withdrawing_an_unknown_override_says_which_and_no_ledger_is_404()
    {
        var (store, _) = StoreWithOneRun("sqlite");
        using var client = Client(store, "Wang Fang");
        using var without = factory.CreateClient();

        using var mark = await client.PostAsync(new Uri("/actions/999/done", UriKind.Relative), null);
        using var withdraw = await client.PostAsJsonAsync("/overrides/999/withdraw", new { reason = "r" });
        using var none = await without.GetAsync(new Uri("/review", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, mark.StatusCode);
        Assert.Contains("No action 999", await mark.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withdraw.StatusCode);
        Assert.Contains("No override 999", await withdraw.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    private (string Store, string Id) StoreWithOneRun(string kind)
    {
        var store = stores.New(kind);
        var opportunity = PipelineSource.Open(PipelineFormat.Json, Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json")).Records.First().Opportunity!;
        using var ledger = DecisionLedger.Open(store);
        using var run = ledger.StartRun(new RunStart("pipeline.json", "input-sha", OpportunityRules.DefaultPolicy.Stamp, Day, "compiled"));
        foreach (var item in new BatchScorer(OpportunityRules.CreateScorer()).Score([opportunity], Day))
        {
            run.Write(item);
        }

        run.Complete();
        return (store, opportunity.Id);
    }

    private HttpClient Client(string store, string? user)
    {
        var client = factory.WithWebHostBuilder(b => b.UseSetting("OpportunityScoring:Store", store)).CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-User", user);
        }

        return client;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
