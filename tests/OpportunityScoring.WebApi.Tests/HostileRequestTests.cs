using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpportunityScoring.Engine;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.WebApi.Tests;

/// <summary>
/// Requests an attacker or a broken client sends: garbage, deep or huge JSON, wrong content types, the calendar's last
/// day. None gets a 500; a bad body gets a 400 whose errors account for every record.
/// </summary>
public sealed class HostileRequestTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly string SamplePipeline = Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json");

    private static ByteArrayContent Body(byte[] bytes, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static ByteArrayContent Body(string text, string? contentType = "application/json") => Body(Encoding.UTF8.GetBytes(text), contentType);

    private async Task<(HttpStatusCode Status, string? MediaType, string Text)> PostAsync(string url, HttpContent content)
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> OpportunityWithoutDatesAsync()
    {
        var opportunity = JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!["opportunities"]![0]!.AsObject();
        opportunity.Remove("expectedSignDate");
        opportunity.Remove("timeline");
        opportunity.Remove("initiationReport");
        return opportunity.ToJsonString();
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-15")]
    [InlineData("0001-01-01")]
    public async Task An_as_of_at_either_end_of_the_calendar_is_explained_not_a_500(string asOf)
    {
        var one = await OpportunityWithoutDatesAsync();
        var id = (string)JsonNode.Parse(one)!["id"]!;

        var single = await PostAsync($"/assessments?asOf={asOf}", Body(one));
        var report = await PostAsync($"/reports/{id}?asOf={asOf}", Body(one));
        var pipeline = await PostAsync($"/assessments?asOf={asOf}&explain=true", Body(await File.ReadAllTextAsync(SamplePipeline)));

        Assert.Equal(HttpStatusCode.OK, single.Status);
        var improvements = JsonNode.Parse(single.Text)!["improvements"]!.AsArray();
        Assert.Contains(improvements, i => (string?)i!["code"] == "timeline.decisionDate"); // a date to confirm, even on the calendar's last day
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal(HttpStatusCode.OK, pipeline.Status);
        Assert.Empty(JsonNode.Parse(pipeline.Text)!["errors"]!.AsArray());
    }

    public static TheoryData<string, string> Garbage => new()
    {
        { "empty", "" },
        { "whitespace", "   \n\t " },
        { "null", "null" },
        { "a number", "42" },
        { "a string", "\"opportunity\"" },
        { "cut off", "{\"opportunities\": [ {\"id\": \"A\", " },
        { "unclosed array", "[" },
        { "xml", "<opportunities><opportunity id=\"A\"/></opportunities>" },
        { "form", "id=A&stage=proposal&expectedContractAmount=5" },
        { "opportunities not an array", "{\"opportunities\": 5}" },
        { "an object of garbage", "{\"a\": {\"b\": [1, 2, {\"c\": null}]}}" },
        { "deep arrays", new string('[', 10_000) + new string(']', 10_000) },
        { "deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) },
        { "a deep value in an opportunity", "{\"id\":\"A\",\"stage\":\"proposal\",\"expectedContractAmount\":5,\"need\":" + new string('[', 5_000) + new string(']', 5_000) + "}" },
        { "a deep value in a pipeline", "{\"opportunities\":[{\"id\":\"A\",\"stage\":\"proposal\",\"expectedContractAmount\":5,\"need\":" + new string('[', 5_000) + new string(']', 5_000) + "}]}" },
        { "a huge key", "{\"" + new string('k', 200_000) + "\": 1}" },
        { "a huge string id", "{\"id\":\"" + new string('x', 2_000_000) + "\",\"stage\":\"proposal\"}" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task A_garbage_body_gets_400_with_problem_details_never_a_500(string what, string body)
    {
        foreach (var url in new[] { "/assessments", "/reports/A" })
        {
            var (status, mediaType, text) = await PostAsync(url, Body(body));

            Assert.True(status == HttpStatusCode.BadRequest, $"{what} on {url}: {(int)status} {text[..Math.Min(300, text.Length)]}");
            Assert.Equal("application/problem+json", mediaType);
            Assert.Equal(400, (int?)JsonNode.Parse(text)!["status"]);
        }
    }

    [Fact]
    public async Task Bytes_that_are_not_text_get_400()
    {
        var random = new Random(24);
        var bytes = new byte[100_000];
        random.NextBytes(bytes);

        var (status, mediaType, text) = await PostAsync("/assessments", Body(bytes));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains("UTF-8", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("123456789012345678901234567890123456789")]
    [InlineData("79228162514264337593543950336")]
    [InlineData("0.0000000000000000000000000000000000000001e-400")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public async Task A_huge_or_impossible_number_is_a_400_naming_its_record_and_field(string amount)
    {
        var pipeline = $$$"""
            {"asOf": "2027-01-10", "opportunities": [
              {"id": "OK-1", "stage": "proposal", "expectedContractAmount": 5},
              {"id": "BIG-1", "stage": "proposal", "expectedContractAmount": {{{amount}}}},
              {"id": "BIG-2", "stage": "proposal", "expectedContractAmount": 5, "estimatedCost": {{{amount}}}},
              {"id": "BIG-3", "stage": "proposal", "expectedContractAmount": 5, "budget": {"status": "canBuy", "amount": {{{amount}}}}}
            ]}
            """;

        var (status, _, text) = await PostAsync("/assessments", Body(pipeline));

        if (status == HttpStatusCode.OK)
        {
            // A number the contract can hold (a tiny positive cost rounds to a valid value): every record is assessed.
            var document = JsonNode.Parse(text)!;
            Assert.Equal(4, document["assessments"]!.AsArray().Count + document["errors"]!.AsArray().Count);
            return;
        }

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => ((string?)e!["id"], (int)e["index"]!, (string?)e["field"])).ToList();
        Assert.DoesNotContain(errors, e => e.Item1 == "OK-1");
        Assert.Contains(("BIG-1", 1, "expectedContractAmount"), errors);
        Assert.All(errors, e => Assert.InRange(e.Item2, 1, 3));
    }

    [Fact]
    public async Task A_pipeline_of_garbage_records_gets_400_accounting_for_every_record()
    {
        var records = new[] { "1", "\"x\"", "null", "[]", "{}", "{\"id\": 5}", "{\"id\": \"\", \"stage\": \"proposal\", \"expectedContractAmount\": 1}", "{\"id\": \"S\", \"stage\": \"sideways\"}", "true" };
        var body = "{\"opportunities\": [" + string.Join(",", records) + "]}";

        var (status, _, text) = await PostAsync("/assessments", Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var indexes = JsonNode.Parse(text)!["errors"]!.AsArray().Select(e => (int)e!["index"]!).ToHashSet();
        Assert.Equal(Enumerable.Range(0, records.Length), indexes.Order());
    }

    [Theory]
    [InlineData("/assessments", "text/plain")]
    [InlineData("/assessments", "application/x-www-form-urlencoded")]
    [InlineData("/assessments", "application/xml")]
    [InlineData("/assessments", "application/octet-stream")]
    [InlineData("/reports/OPP-2027-0042", "text/plain")]
    [InlineData("/reports/OPP-2027-0042", "multipart/form-data; boundary=x")]
    public async Task A_body_that_says_it_is_not_json_gets_415_with_problem_details(string url, string contentType)
    {
        var (status, mediaType, _) = await PostAsync(url, Body(await File.ReadAllTextAsync(SamplePipeline), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", mediaType);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_read_as_json()
    {
        var pipeline = await File.ReadAllTextAsync(SamplePipeline);

        var json = await PostAsync("/assessments?asOf=2027-01-10", Body(pipeline, contentType: null));
        var xml = await PostAsync("/assessments", Body("<pipeline/>", contentType: null));

        Assert.Equal(HttpStatusCode.OK, json.Status);
        Assert.Equal(HttpStatusCode.BadRequest, xml.Status);
        Assert.Equal("application/problem+json", xml.MediaType);
    }

    [Fact]
    public async Task A_multipart_form_gets_415_not_a_500()
    {
        using var form = new MultipartFormDataContent { { new StringContent(await File.ReadAllTextAsync(SamplePipeline)), "file", "pipeline.json" } };

        var (status, mediaType, _) = await PostAsync("/assessments", form);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", mediaType);
    }

    [Theory]
    [InlineData("/assessments")]
    [InlineData("/reports/A")]
    public async Task A_lone_surrogate_in_an_id_gets_400_naming_the_record_never_a_500(string url)
    {
        var single = "{\"id\":\"LS\\ud800\",\"stage\":\"proposal\",\"expectedContractAmount\":5}";
        var pipeline = "{\"opportunities\":[{\"id\":\"A\",\"stage\":\"proposal\",\"expectedContractAmount\":5},{\"id\":\"LS\\ud800\",\"stage\":\"proposal\",\"expectedContractAmount\":5}]}";

        foreach (var body in new[] { single, pipeline })
        {
            var (status, mediaType, text) = await PostAsync(url, Body(body));

            Assert.True(status == HttpStatusCode.BadRequest, $"{url} {body}: {(int)status} {text}");
            Assert.Equal("application/problem+json", mediaType);
        }
    }

    [Fact]
    public async Task An_unforeseen_exception_is_a_500_with_problem_details_and_no_stack_trace()
    {
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<IOpportunityScorer>();
            services.AddSingleton<IOpportunityScorer>(new ThrowingScorer());
        }));
        using var client = app.CreateClient();
        var one = JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!["opportunities"]![0]!.ToJsonString();

        foreach (var url in new[] { "/assessments?explain=false", "/assessments", "/reports/OPP-2027-0042" })
        {
            using var response = await client.PostAsync(new Uri(url, UriKind.Relative), Body(one));
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(500, (int?)JsonNode.Parse(text)!["status"]);
            Assert.DoesNotContain(ThrowingScorer.Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_pipeline_whose_scorer_throws_accounts_for_every_record_in_its_errors()
    {
        using var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<IOpportunityScorer>();
            services.AddSingleton<IOpportunityScorer>(new ThrowingScorer());
        }));
        using var client = app.CreateClient();
        var pipeline = await File.ReadAllTextAsync(SamplePipeline);
        var count = JsonNode.Parse(pipeline)!["opportunities"]!.AsArray().Count;

        using var response = await client.PostAsync(new Uri("/assessments", UriKind.Relative), Body(pipeline));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the CLI's document: each record's failure is its error
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Empty(document["assessments"]!.AsArray());
        Assert.Equal(Enumerable.Range(0, count), document["errors"]!.AsArray().Select(e => (int)e!["index"]!));
    }

    /// <summary>A scorer that fails as no rule should: an exception that is not a <see cref="ScoringException"/>.</summary>
    private sealed class ThrowingScorer : IOpportunityScorer
    {
        public const string Secret = "connection string=secret";

        public ScoringPolicy Policy { get; } = OpportunityRules.DefaultPolicy;

        public Assessment Score(Opportunity opportunity, DateOnly? asOf = null) => throw new InvalidOperationException(Secret);
    }
}
