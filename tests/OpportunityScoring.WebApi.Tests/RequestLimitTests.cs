using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpportunityScoring.Engine;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;
using OpportunityScoring.TestSupport;

namespace OpportunityScoring.WebApi.Tests;

/// <summary>
/// What one scoring request may cost: a time budget (503), the client's going (the scoring stops), so many at a time
/// (429 with Retry-After), and a large body read from a temporary file with the same answer.
/// </summary>
public sealed class RequestLimitTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly string SamplePipeline = Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> OneAsync() => JsonNode.Parse(await File.ReadAllTextAsync(SamplePipeline))!["opportunities"]![0]!.ToJsonString();

    private WebApplicationFactory<Program> With(IOpportunityScorer scorer, params (string Key, string Value)[] settings) => factory.WithWebHostBuilder(b =>
    {
        foreach (var (key, value) in settings)
        {
            b.UseSetting(key, value);
        }

        b.ConfigureTestServices(services =>
        {
            services.RemoveAll<IOpportunityScorer>();
            services.AddSingleton(scorer);
        });
    });

    [Theory]
    [InlineData("/assessments")]
    [InlineData("/reports/OPP-2027-0042")]
    public async Task A_request_over_its_time_budget_gets_503_and_its_explanation_stops(string url)
    {
        var scorer = new SlowScorer(TimeSpan.FromMilliseconds(50));
        using var app = With(scorer, ("Scoring:RequestTimeout", "00:00:00.300"));
        using var client = app.CreateClient();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), Json(await OneAsync()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Scoring:RequestTimeout", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}"); // explained in full it takes dozens of re-scorings × 50 ms
        var calls = scorer.Calls;
        await Task.Delay(300);
        Assert.Equal(calls, scorer.Calls); // nothing scored for a request already answered
    }

    [Fact]
    public async Task A_pipeline_over_its_time_budget_gets_503_before_its_document_starts()
    {
        var scorer = new SlowScorer(TimeSpan.FromMilliseconds(20));
        using var app = With(scorer, ("Scoring:RequestTimeout", "00:00:00.300"));
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("/assessments?explain=true", UriKind.Relative), Json(await File.ReadAllTextAsync(SamplePipeline)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var calls = scorer.Calls;
        await Task.Delay(300);
        Assert.Equal(calls, scorer.Calls);
    }

    [Fact]
    public async Task A_pipeline_whose_document_is_streaming_when_its_time_is_up_is_cut_off_never_complete()
    {
        var scorer = new SlowScorer(TimeSpan.FromMilliseconds(1), OpportunityRules.CreateScorer());
        using var app = With(scorer, ("Scoring:RequestTimeout", "00:00:00.500"));
        using var client = app.CreateClient();
        using var pipeline = new MemoryStream();
        new PipelineGenerator(seed: 24, new DateOnly(2027, 1, 10)).WriteJson(pipeline, 4_000);

        try
        {
            using var response = await client.PostAsync(new Uri("/assessments", UriKind.Relative), new ByteArrayContent(pipeline.ToArray()) { Headers = { ContentType = new("application/json") } });
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                return; // a slow machine: the time was up before the first 64 KB, and the status says so
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text)); // reached here, the document must not be whole
        }
        catch (HttpRequestException)
        {
            // The connection was aborted mid-document: what a client must see.
        }
        catch (IOException)
        {
        }

        var calls = scorer.Calls;
        await Task.Delay(500);
        Assert.InRange(scorer.Calls - calls, 0, 0);
    }

    [Fact]
    public async Task When_the_client_goes_the_scoring_stops()
    {
        var scorer = new SlowScorer(TimeSpan.FromMilliseconds(50));
        using var app = With(scorer);
        using var client = app.CreateClient();
        var one = await OneAsync();
        using var gone = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PostAsync(new Uri("/assessments", UriKind.Relative), Json(one), gone.Token));

        await Task.Delay(200); // the re-scoring under way when the client went
        var calls = scorer.Calls;
        await Task.Delay(500);
        Assert.Equal(calls, scorer.Calls);
        Assert.True(calls < 30, $"{calls} scorings"); // explained in full it takes dozens
    }

    [Fact]
    public async Task Beyond_the_concurrent_requests_and_the_queue_a_request_gets_429_with_retry_after()
    {
        var scorer = new GatedScorer();
        using var app = With(scorer, ("Scoring:ConcurrentRequests", "1"), ("Scoring:QueuedRequests", "0"), ("Scoring:RetryAfter", "00:00:02"));
        using var client = app.CreateClient();
        var one = await OneAsync();

        var first = client.PostAsync(new Uri("/assessments?explain=false", UriKind.Relative), Json(one));
        Assert.True(scorer.Entered.Wait(TimeSpan.FromSeconds(10)), "the first request never reached the scorer");
        using var second = await client.PostAsync(new Uri("/reports/OPP-2027-0042", UriKind.Relative), Json(one));
        scorer.Gate.Set();
        using var firstResponse = await first;
        using var third = await client.PostAsync(new Uri("/assessments?explain=false", UriKind.Relative), Json(one));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("2", second.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode); // the permit came back
    }

    [Fact]
    public async Task A_body_larger_than_the_memory_buffer_gets_the_same_answers_read_from_a_temporary_file()
    {
        var reference = OpportunityRules.CreateScorer();
        using var app = With(reference, ("Scoring:BufferedBodyBytes", "1024"));
        using var client = app.CreateClient();
        using var defaults = factory.CreateClient();
        using var generated = new MemoryStream();
        new PipelineGenerator(seed: 7, new DateOnly(2027, 1, 10)).WriteJson(generated, 300);
        var pipeline = Encoding.UTF8.GetString(generated.ToArray());
        var one = JsonNode.Parse(pipeline)!["opportunities"]![5]!;
        var id = (string)one["id"]!;
        Assert.True(pipeline.Length > 100 * 1024);

        foreach (var (url, body) in new[] { ("/assessments?asOf=2027-01-10", pipeline), ($"/reports/{id}?asOf=2027-01-10", pipeline), ("/assessments?asOf=2027-01-10", one.ToJsonString()), ("/assessments?asOf=2027-01-10&explain=true", pipeline) })
        {
            using var spilled = await client.PostAsync(new Uri(url, UriKind.Relative), Json(body));
            using var inMemory = await defaults.PostAsync(new Uri(url, UriKind.Relative), Json(body));

            Assert.Equal(HttpStatusCode.OK, spilled.StatusCode);
            Assert.Equal(await inMemory.Content.ReadAsStringAsync(), await spilled.Content.ReadAsStringAsync());
        }

        using var document = await client.PostAsync(new Uri("/assessments?asOf=2027-01-10", UriKind.Relative), Json(pipeline));
        Assert.Equal(reference.ScoreAll(TestPipeline.Read(new MemoryStream(generated.ToArray()))).ToDocumentJson(indented: false), await document.Content.ReadAsStringAsync());
    }

    /// <summary>The rules, slowly: every scoring takes at least a delay (the explanation of one opportunity takes dozens).</summary>
    private sealed class SlowScorer(TimeSpan delay, IOpportunityScorer? inner = null) : IOpportunityScorer
    {
        private readonly IOpportunityScorer _inner = inner ?? OpportunityRules.CreateScorer();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ScoringPolicy Policy => _inner.Policy;

        public Assessment Score(Opportunity opportunity, DateOnly? asOf = null)
        {
            Interlocked.Increment(ref _calls);
            Thread.Sleep(delay);
            return _inner.Score(opportunity, asOf);
        }
    }

    /// <summary>The rules, the first scoring once a gate opens: holds the first request in flight.</summary>
    private sealed class GatedScorer : IOpportunityScorer
    {
        private readonly OpportunityScorer _inner = OpportunityRules.CreateScorer();
        private int _calls;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Gate { get; } = new();

        public ScoringPolicy Policy => _inner.Policy;

        public Assessment Score(Opportunity opportunity, DateOnly? asOf = null)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.Set();
                Gate.Wait(TimeSpan.FromSeconds(30));
            }

            return _inner.Score(opportunity, asOf);
        }
    }
}
