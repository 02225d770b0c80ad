using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpportunityScoring.Ledger;
using System.Text.Json.Nodes;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Pages.Tests;

/// <summary>
/// The real web host on a Kestrel port, configured with a generated pipeline of <see cref="Count"/> opportunities
/// (10,000 unless <c>OPPORTUNITYSCORING_PAGES_COUNT</c> says otherwise) over <see cref="AccountCount"/> key accounts
/// with their records in an accounts file, and a real SQLite ledger that already holds an earlier run of the same file
/// and a review loop recorded against it (<see cref="ReviewLoop"/>), so the pipeline page has changes, the opportunity
/// page a trend, an action plan and overrides, and the review queue something to review; and one chromium.
/// Screenshots go to artifacts/screenshots, page timings to artifacts/timings/pages.txt.
/// </summary>
public sealed class PagesHost : IAsyncLifetime, IDisposable
{
    public static readonly DateOnly EarlierDay = new(2027, 1, 11);
    public static readonly DateOnly Day = new(2027, 2, 8);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("os-pages-");
    private readonly ConcurrentQueue<string> _timings = new();
    private Factory? _factory;
    private IPlaywright? _playwright;

    public int Count { get; } = int.TryParse(Environment.GetEnvironmentVariable("OPPORTUNITYSCORING_PAGES_COUNT"), CultureInfo.InvariantCulture, out var n) ? n : 10_000;

    /// <summary>How many accounts the opportunities are spread over, each with a record in the accounts file.</summary>
    public int AccountCount { get; } = int.TryParse(Environment.GetEnvironmentVariable("OPPORTUNITYSCORING_PAGES_ACCOUNTS"), CultureInfo.InvariantCulture, out var a) ? a : 2_000;

    /// <summary>The review loop recorded in the ledger before the host starts.</summary>
    public ReviewLoop Loop { get; private set; } = null!;

    public string AccountsFile => Path.Combine(_dir.FullName, "accounts.jsonl");

    public string BaseAddress { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public string PipelineFile => Path.Combine(_dir.FullName, "pipeline.json");

    public string LedgerFile => Path.Combine(_dir.FullName, "ledger.db");

    public IServiceProvider Services => _factory!.Services;

    public static string Artifacts { get; } = Path.Combine(RepositoryRoot(), "artifacts");

    public async Task InitializeAsync()
    {
        // The earlier run: the same file name a month before, scored and recorded as `score --store` does.
        var earlier = Directory.CreateDirectory(Path.Combine(_dir.FullName, "earlier"));
        var earlierFile = Path.Combine(earlier.FullName, "pipeline.json");
        Write(earlierFile, EarlierDay);
        Write(PipelineFile, Day);
        using (var accounts = File.Create(AccountsFile))
        {
            new PipelineGenerator(seed: 25, Day) { Accounts = AccountCount }.WriteAccountsJsonLines(accounts);
        }

        using (var ledger = DecisionLedger.Open(LedgerFile))
        {
            // Scored with grade bands five points higher than the host's policy, so the host's run has changes to show;
            // the accounts read as the host reads them (an opportunity in implementation reads its account's service).
            var scorer = OpportunityRules.CreateScorer(PolicyLoader.Parse(PolicyWithBandsMoved(5, "0.9.0-higher-bands"), "earlier-policy.json"));
            using var run = ledger.StartRun(new RunStart("pipeline.json", RunStart.HashFile(earlierFile), scorer.Policy.Stamp, EarlierDay, "compiled"));
            using var source = PipelineSource.Open(PipelineFormat.Json, earlierFile);
            var book = new AccountBook(OpportunityRules.CreateAccountScorer(scorer.Policy));
            using (var accounts = File.OpenRead(AccountsFile))
            {
                book.AddFile(accounts);
            }

            var items = new List<BatchItem>();
            foreach (var item in new BatchScorer(scorer).Score(book.WithServiceHealth(source.Records, EarlierDay), EarlierDay))
            {
                run.Write(item);
                items.Add(item);
            }

            run.Complete();
            Loop = ReviewLoop.Record(ledger, items, EarlierDay, Day);
        }

        _factory = new Factory(PipelineFile, LedgerFile, AccountsFile);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);

        // The host scores the configured pipeline on start; the first page waits for it (timed apart from the pages).
        var clock = Stopwatch.StartNew();
        using (var client = new HttpClient { BaseAddress = new Uri(BaseAddress), Timeout = TimeSpan.FromMinutes(5) })
        {
            (await client.GetAsync(new Uri("/pages/pipeline", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        Timing($"host start: scoring and recording the {Count:#,0}-opportunity pipeline, until the first page", clock.Elapsed);

        // The accounts are graded on first use (the library's AccountBook, one rules session per account): timed apart too.
        clock.Restart();
        using (var client = new HttpClient { BaseAddress = new Uri(BaseAddress), Timeout = TimeSpan.FromMinutes(5) })
        {
            (await client.GetAsync(new Uri("/pages/accounts", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        Timing($"first accounts page: grading the {AccountCount:#,0} accounts (once, on first use)", clock.Elapsed);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium.Ensure(), Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>The default policy with every grade band's bounds moved by some points (A still ends at 100, none below 0), as JSON.</summary>
    public static string PolicyWithBandsMoved(int points, string version)
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestAssets", "default-policy.json")), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        policy["version"] = version;
        foreach (var band in policy["gradeBands"]!.AsArray())
        {
            var isA = band!["grade"]!.GetValue<string>() == "A";
            var isD = band["grade"]!.GetValue<string>() == "D";
            band["min"] = isD ? 0 : Math.Clamp(band["min"]!.GetValue<int>() + points, 0, 100);
            band["max"] = isA ? 100 : Math.Clamp(band["max"]!.GetValue<int>() + points, 0, 100);
        }

        return policy.ToJsonString();
    }

    /// <summary>
    /// A new browser page, in a language (<c>Accept-Language</c> follows the locale), JavaScript on or off; signed in as
    /// <paramref name="user"/> when given (the sample's development scheme: every request carries <c>X-User</c>).
    /// </summary>
    public async Task<IPage> NewPage(string locale = "en-US", bool javaScript = true, string? user = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress, Locale = locale, JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 1280, Height = 900 },
            ExtraHTTPHeaders = user is null ? null : new Dictionary<string, string> { ["X-User"] = user },
        });
        return await context.NewPageAsync();
    }

    /// <summary>Goes to a page and times it: from the request to the load event (HTML, stylesheet, SVG drawn).</summary>
    public async Task<TimeSpan> Timed(IPage page, string what, string url)
    {
        var clock = Stopwatch.StartNew();
        var response = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Load });
        var elapsed = clock.Elapsed;
        Assert.True(response?.Ok, $"{url}: {response?.Status}");
        Timing(what, elapsed);
        return elapsed;
    }

    /// <summary>Times the HTML of a page alone, as the server writes it (no browser, no stylesheet, no drawing).</summary>
    public async Task TimedOnServer(string what, string url)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseAddress) };
        var clock = Stopwatch.StartNew();
        var html = await client.GetStringAsync(new Uri(url, UriKind.Relative));
        Timing($"{what}, {html.Length / 1024:#,0} KB", clock.Elapsed);
    }

    public void Timing(string what, TimeSpan elapsed) => _timings.Enqueue($"{elapsed.TotalMilliseconds,8:0} ms  {what}");

    public static async Task Screenshot(IPage page, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Artifacts, "screenshots"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder.FullName, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Artifacts, "timings"));
        await File.WriteAllLinesAsync(Path.Combine(folder.FullName, "pages.txt"),
            [$"page load times, {Count:#,0}-opportunity pipeline, chromium headless, {Environment.ProcessorCount} cores ({DateTime.UtcNow:u})", .. _timings]);
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    /// <summary>The host, when <see cref="DisposeAsync"/> did not get to it.</summary>
    public void Dispose() => _factory?.Dispose();

    private void Write(string path, DateOnly day)
    {
        using var file = File.Create(path);
        new PipelineGenerator(seed: 25, day) { Accounts = AccountCount }.WriteJson(file, Count);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpportunityScoring.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    private sealed class Factory(string pipeline, string ledger, string accounts) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Pages:PipelineFile", pipeline);
            builder.UseSetting("Pages:AccountsFile", accounts);
            builder.UseSetting("OpportunityScoring:Store", ledger);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PagesFixture : ICollectionFixture<PagesHost>
{
    public const string Name = "pages";
}
