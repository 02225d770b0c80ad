using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OpportunityScoring.WebApi.Tests;

/// <summary>POST /accounts and POST /accounts/{id}/report: the key-account list and follow-up table of a pipeline with its accounts.</summary>
public sealed class AccountEndpointTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static string PipelineWithAccounts(string? accounts = null)
    {
        var pipeline = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json")))!.AsObject();
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "samples", "accounts.json")))
        {
            dir = dir.Parent;
        }

        var section = accounts is null ? JsonNode.Parse(File.ReadAllText(Path.Combine(dir.FullName, "samples", "accounts.json")))!["accounts"]!.DeepClone() : JsonNode.Parse(accounts)!;
        var body = new JsonObject { ["schemaVersion"] = 1, ["asOf"] = pipeline["asOf"]!.DeepClone(), ["accounts"] = section, ["opportunities"] = pipeline["opportunities"]!.DeepClone() };
        return body.ToJsonString();
    }

    [Fact]
    public async Task Posting_a_pipeline_with_its_accounts_gives_the_key_account_list_with_the_service_gaps()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(new Uri("/accounts", UriKind.Relative), new StringContent(PipelineWithAccounts(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var accounts = list.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(4, accounts.Count);
        var grid = accounts.Single(a => a.GetProperty("id").GetString() == "ACC-204");
        Assert.Contains(grid.GetProperty("redFlags").EnumerateArray(), f => f.GetProperty("message").GetString() == "satisfaction 93.5, target 95.5 for 2027: −2.0");
        Assert.Equal(["ACC-311", "ACC-502"], list.GetProperty("withoutOwner").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task A_bad_account_record_is_listed_with_its_field_and_the_others_are_graded()
    {
        using var client = factory.CreateClient();
        var body = PipelineWithAccounts("""[ { "id": "ACC-118", "type": "platinum" }, { "id": "ACC-204", "type": "key" } ]""");
        using var response = await client.PostAsync(new Uri("/accounts", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var error = Assert.Single(list.GetProperty("errors").EnumerateArray());
        Assert.Equal(("ACC-118", "type"), (error.GetProperty("id").GetString(), error.GetProperty("field").GetString()));
        Assert.Contains(list.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("id").GetString() == "ACC-204" && a.GetProperty("hasRecord").GetBoolean());
    }

    [Fact]
    public async Task The_follow_up_table_comes_in_the_asked_language_and_an_unknown_account_is_404()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/accounts/ACC-204/report", UriKind.Relative)) { Content = new StringContent(PipelineWithAccounts(), Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.ParseAdd("zh-TW");
        using var response = await client.SendAsync(request);
        using var missing = await client.PostAsync(new Uri("/accounts/NOPE/report", UriKind.Relative), new StringContent(PipelineWithAccounts(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("# 大客戶客戶跟進表：Provincial Grid Co. (ACC-204)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
