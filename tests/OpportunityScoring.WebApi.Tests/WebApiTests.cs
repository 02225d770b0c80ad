using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpportunityScoring.DependencyInjection;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.WebApi.Tests;

/// <summary>The web sample driven over HTTP (in-memory server), one app for the class.</summary>
public sealed class WebApiTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly string SamplePipeline = Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json");
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_valid_pipeline_gets_200_and_the_document_the_engine_writes()
    {
        using var client = factory.CreateClient();
        var body = await File.ReadAllTextAsync(SamplePipeline);

        using var response = await client.PostAsync(new Uri("/assessments", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var document = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["policy", "asOf", "assessments", "errors"], document.Select(p => p.Key));
        Assert.Equal("2027-01-10", (string?)document["asOf"]);
        var expected = TestPipeline.ReadFile(SamplePipeline);
        Assert.Equal(expected.Records.Count, document["assessments"]!.AsArray().Count);
        Assert.Empty(document["errors"]!.AsArray());

        // Byte for byte the document the batch's JSON writer writes for the same pipeline (the CLI's --format json, compact).
        Assert.Equal(OpportunityRules.CreateScorer().ScoreAll(expected).ToDocumentJson(indented: false), text);
    }

    [Theory]
    [InlineData("zh-TW,zh;q=0.9,en;q=0.8", "zh-Hant")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("fr-FR, en;q=0.5", "en")]
    public async Task Messages_follow_Accept_Language_and_everything_else_stays_the_same(string acceptLanguage, string language)
    {
        using var client = factory.CreateClient();
        var body = await File.ReadAllTextAsync(SamplePipeline);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/assessments", UriKind.Relative)) { Content = Json(body) };
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([language], response.Content.Headers.ContentLanguage);
        var expected = OpportunityRules.CreateScorer().ScoreAll(TestPipeline.ReadFile(SamplePipeline)).ToDocumentJson(Texts.ForLanguage(language), indented: false);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/assessments?asOf=2027-01-10", false, true)]
    [InlineData("/assessments?asOf=2027-01-10&explain=false", false, false)]
    [InlineData("/assessments?asOf=2027-01-10", true, false)]
    [InlineData("/assessments?asOf=2027-01-10&explain=true", true, true)]
    public async Task One_opportunity_is_explained_by_default_a_pipeline_only_when_asked(string url, bool pipeline, bool explained)
    {
        using var client = factory.CreateClient();
        var text = await File.ReadAllTextAsync(SamplePipeline);
        var body = pipeline ? text : JsonNode.Parse(text)!["opportunities"]![2]!.ToJsonString();

        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var node = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var assessments = pipeline ? node["assessments"]!.AsArray().Select(a => a!).ToList() : [node];
        Assert.All(assessments, a => Assert.Equal(explained, a["improvements"] is JsonArray && a["flipPoints"] is JsonArray));
        if (explained)
        {
            Assert.Contains(assessments, a => a["improvements"]!.AsArray().Count > 0);
        }
    }

    [Fact]
    public async Task One_opportunity_gets_its_assessment()
    {
        using var client = factory.CreateClient();
        var opportunity = JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!["opportunities"]![0]!.ToJsonString();

        using var response = await client.PostAsync(new Uri("/assessments?asOf=2027-01-10", UriKind.Relative), Json(opportunity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var assessment = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("OPP-2027-0042", (string?)assessment["id"]);
        Assert.Equal(OpportunityRules.DefaultPolicy.Stamp.Sha256, (string?)assessment["policy"]!["sha256"]);
        Assert.Contains((string?)assessment["grade"], new[] { "A", "B", "C", "D" });
    }

    private const string BadPipeline = """
        {
          "schemaVersion": 1,
          "asOf": "2027-01-10",
          "opportunities": [
            { "id": "NEG-1", "stage": "proposal", "expectedContractAmount": 1000000, "budget": { "status": "canBuy", "amount": -5 } },
            { "stage": "proposal", "expectedContractAmount": 500000 },
            { "id": "STAGE-1", "stage": "negotiation", "expectedContractAmount": 500000 },
            { "id": "STR-1", "stage": "tender", "expectedContractAmount": "twelve million" },
            { "id": "GOOD-1", "stage": "proposal", "expectedContractAmount": 800000 }
          ]
        }
        """;

    [Fact]
    public async Task Bad_records_get_400_with_problem_details_naming_each_record_and_field()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/assessments", UriKind.Relative), Json(BadPipeline));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, (int?)problem["status"]);
        var errors = problem["errors"]!.AsArray().Select(e => ((string?)e!["id"], (int)e["index"]!, (string?)e["field"])).ToList();
        Assert.Contains(("NEG-1", 0, "budget.amount"), errors);
        Assert.Contains((null, 1, "id"), errors);
        Assert.Contains(("STAGE-1", 2, "stage"), errors);
        Assert.Contains(("STR-1", 3, "expectedContractAmount"), errors);
        Assert.DoesNotContain(errors, e => e.Item1 == "GOOD-1");

        // The same errors, word for word, as the engine's reader (and so the CLI) gives for the same input.
        var reader = TestPipeline.Read(new MemoryStream(Encoding.UTF8.GetBytes(BadPipeline))).Records.SelectMany(r => r.Errors)
            .Select(e => new JsonObject { ["id"] = e.Id, ["index"] = e.Index, ["field"] = e.Field, ["message"] = e.Message }.ToJsonString());
        Assert.Equal(reader, problem["errors"]!.AsArray().Select(e => e!.ToJsonString()));
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_400_naming_the_line()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(new Uri("/assessments", UriKind.Relative), Json("{\n  \"opportunities\": [\n    { \"id\": \n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("line", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hundred_requests_in_parallel_are_all_answered_correctly_by_one_scorer()
    {
        var served = new ConcurrentBag<IOpportunityScorer>();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            // Wrap the registered scorer (whatever AddOpportunityScoring made) to record the scorer behind every call.
            var registered = services.Single(d => d.ServiceType == typeof(IOpportunityScorer));
            services.Remove(registered);
            services.AddSingleton<IOpportunityScorer>(sp => new RecordingScorer((IOpportunityScorer)registered.ImplementationFactory!(sp), served));
        }));
        using var client = app.CreateClient();
        var opportunities = new PipelineGenerator(seed: 11, AsOf).Generate(200).ToList();
        var reference = OpportunityRules.CreateScorer();

        var answers = await Task.WhenAll(opportunities.Select(async o =>
        {
            using var response = await client.PostAsync(new Uri("/assessments?asOf=2027-01-10&explain=false", UriKind.Relative), Json(JsonSerializer.Serialize(o, ContractJson.Options)));
            return (o, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
            Assert.Equal(JsonSerializer.Serialize(reference.Score(a.o, AsOf), ContractJson.Options), a.Body);
        });
        Assert.Equal(200, served.Count);
        var scorer = Assert.Single(served.Distinct()); // one singleton scorer (its rule sets compiled once per process) served them all
        Assert.IsType<OpportunityScorer>(scorer);
    }

    [Fact]
    public async Task Get_policy_gives_name_version_and_sha256_of_the_configured_policy_file()
    {
        using var client = factory.CreateClient();

        var policy = JsonNode.Parse(await client.GetStringAsync(new Uri("/policy", UriKind.Relative)))!.AsObject();

        Assert.Equal(["name", "version", "sha256"], policy.Select(p => p.Key));
        var stamp = OpportunityRules.DefaultPolicy.Stamp;   // appsettings.json names policies/policy.json, a copy of the default
        Assert.Equal((stamp.Name, stamp.Version, stamp.Sha256), ((string?)policy["name"], (string?)policy["version"], (string?)policy["sha256"]));
    }

    [Fact]
    public async Task A_policy_inline_in_configuration_replaces_the_file()
    {
        var inline = OpportunityRules.DefaultPolicyJson.Replace("\"version\": \"1.2.0\"", "\"version\": \"1.3.0\"", StringComparison.Ordinal);
        var settings = "{ \"OpportunityScoring\": { \"PolicyFile\": \"\", \"Policy\": " + inline + " } }";
        using var app = factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c => c.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings)))));
        using var client = app.CreateClient();

        var policy = JsonNode.Parse(await client.GetStringAsync(new Uri("/policy", UriKind.Relative)))!;

        Assert.Equal("1.3.0", (string?)policy["version"]);
        Assert.Equal(PolicyLoader.Parse(inline).Stamp.Sha256, (string?)policy["sha256"]);
    }

    [Fact]
    public async Task A_report_is_the_decision_record_as_json_or_markdown()
    {
        using var client = factory.CreateClient();
        var body = await File.ReadAllTextAsync(SamplePipeline);

        using var json = await client.PostAsync(new Uri("/reports/OPP-2027-0042", UriKind.Relative), Json(body));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/reports/OPP-2027-0042", UriKind.Relative)) { Content = Json(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        using var markdown = await client.SendAsync(request);
        using var missing = await client.PostAsync(new Uri("/reports/NO-SUCH-ID", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var record = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Equal("OPP-2027-0042", (string?)record["opportunity"]!["id"]);
        Assert.Equal("2027-01-10", (string?)record["asOf"]);
        Assert.NotNull(record["assessment"]!["grade"]);
        Assert.NotNull(record["actions"]);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# Decision record: OPP-2027-0042", await markdown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_web_report_carries_the_improvements_the_cli_report_has()
    {
        using var client = factory.CreateClient();
        var body = await File.ReadAllTextAsync(SamplePipeline);

        using var response = await client.PostAsync(new Uri("/reports/OPP-2027-0060", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotEmpty(record["assessment"]!["improvements"]!.AsArray());
    }

    [Fact]
    public async Task A_report_for_an_id_written_twice_gets_400_naming_the_duplicate_not_the_first_copy()
    {
        using var client = factory.CreateClient();
        var pipeline = JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!.AsObject();
        var opportunities = pipeline["opportunities"]!.AsArray();
        opportunities.Add(opportunities[0]!.DeepClone());
        var id = (string)opportunities[0]!["id"]!;

        using var response = await client.PostAsync(new Uri($"/reports/{id}", UriKind.Relative), Json(pipeline.ToJsonString()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("duplicate id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_with_a_byte_order_mark_is_read_and_one_that_is_not_utf8_gets_400()
    {
        using var client = factory.CreateClient();
        var sample = await File.ReadAllBytesAsync(SamplePipeline);
        using var withBom = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. sample]);
        withBom.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var notUtf8 = new ByteArrayContent([.. "{\"id\":\"A"u8, 0xFF, 0xFE, .. "\",\"stage\":\"tender\",\"expectedContractAmount\":5}"u8]);
        notUtf8.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var bom = await client.PostAsync(new Uri("/assessments?asOf=2027-01-10", UriKind.Relative), withBom);
        using var bad = await client.PostAsync(new Uri("/assessments", UriKind.Relative), notUtf8);

        Assert.Equal(HttpStatusCode.OK, bom.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("UTF-8", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints()
    {
        using var client = factory.CreateClient();

        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;

        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/assessments"]?["post"]);
        Assert.NotNull(paths["/reports/{id}"]?["post"]);
        Assert.NotNull(paths["/policy"]?["get"]);
    }

    private sealed class RecordingScorer(IOpportunityScorer inner, ConcurrentBag<IOpportunityScorer> served) : IOpportunityScorer
    {
        public ScoringPolicy Policy => inner.Policy;

        public Assessment Score(Opportunity opportunity, DateOnly? asOf = null)
        {
            served.Add(inner);
            return inner.Score(opportunity, asOf);
        }
    }
}
