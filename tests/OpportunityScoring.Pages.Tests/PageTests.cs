using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;
using Xunit.Abstractions;

namespace OpportunityScoring.Pages.Tests;

/// <summary>The pages in chromium against the real host (10,000 opportunities, a SQLite ledger with an earlier run).</summary>
[Collection(PagesFixture.Name)]
public sealed class PageTests(PagesHost host, ITestOutputHelper output)
{
    [Fact]
    public async Task The_pipeline_page_counts_every_opportunity_by_grade_and_stage_and_shows_the_changes_since_the_last_run()
    {
        var page = await host.NewPage();
        var elapsed = await host.Timed(page, "pipeline page", "/pages/pipeline");
        output.WriteLine($"pipeline page: {elapsed.TotalMilliseconds:0} ms");
        await host.TimedOnServer("pipeline page, the HTML alone (HttpClient, no browser)", "/pages/pipeline");
        await host.Timed(page, "pipeline page, loaded again", "/pages/pipeline");

        var cells = await page.Locator("table.matrix td").AllInnerTextsAsync();
        Assert.Equal(host.Count, cells.Sum(c => int.Parse(c, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
        // The earlier run was scored with grade bands five points higher: some grades differ now, and each change links
        // to its opportunity.
        var changed = Regex.Match(await page.Locator(".changes-counts").InnerTextAsync(), @"^Since run 1 \(2027-01-11\): ([\d,]+) changed, ([\d,]+) unchanged, 0 new, 0 removed\.$");
        Assert.True(changed.Success);
        Assert.InRange(int.Parse(changed.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture), 1, host.Count);
        Assert.Equal(host.Count, int.Parse(changed.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) + int.Parse(changed.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Contains("grade", await page.Locator("table.changes tbody tr td").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("table.changes tbody tr th a").CountAsync() > 0);
        Assert.Equal(50, await page.Locator("table.opportunities tbody tr").CountAsync());
        Assert.Contains($"of {host.Count:#,0}", await page.Locator("#showing").InnerTextAsync(), StringComparison.Ordinal);
        await PagesHost.Screenshot(page, "pipeline");
        await Accessibility.AssertNoViolations(page);
    }

    [Fact]
    public async Task Filtering_by_grade_and_stage_and_sorting_by_score_happen_on_the_server_and_keep_only_those_rows()
    {
        var page = await host.NewPage();
        await page.GotoAsync("/pages/pipeline");
        await page.GetByLabel("Grade", new() { Exact = true }).SelectOptionAsync("B");
        await page.GetByLabel("Stage", new() { Exact = true }).SelectOptionAsync("proposal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("grade=B", StringComparison.Ordinal));

        var rows = page.Locator("table.opportunities tbody tr");
        Assert.True(await rows.CountAsync() > 0);
        Assert.All(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.grade + '/' + r.dataset.stage)"), r => Assert.Equal("B/proposal", r));
        var expected = await page.Locator("table.matrix td[data-grade='B'][data-stage='Proposal']").InnerTextAsync();
        Assert.Contains($"of {expected}", await page.Locator("#showing").InnerTextAsync(), StringComparison.Ordinal);

        // Sorting: the score header's link sorts ascending, then descending; the filter stays.
        await page.Locator("th a[data-sort='score']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("sort=score", StringComparison.Ordinal) && u.Contains("dir=asc", StringComparison.Ordinal));
        var ascending = await Scores(page);
        Assert.Equal(ascending.Order().ToList(), ascending);
        await page.Locator("th a[data-sort='score']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("dir=desc", StringComparison.Ordinal));
        var descending = await Scores(page);
        Assert.Equal(descending.OrderDescending().ToList(), descending);
        Assert.Equal("descending", await page.Locator("th:has(a[data-sort='score'])").GetAttributeAsync("aria-sort"));
        Assert.All(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.grade)"), g => Assert.Equal("B", g));
        await host.Timed(page, "pipeline page, filtered by grade and stage, sorted by score", page.Url);
        await PagesHost.Screenshot(page, "pipeline-filtered");
    }

    [Fact]
    public async Task Opening_an_opportunity_shows_a_waterfall_whose_bars_add_up_to_the_score_the_cost_risk_floor_and_the_trend()
    {
        var page = await host.NewPage();
        // A tender whose bid decision carries a cost risk (the library says which); found with the table's search,
        // then opened by a click on its row.
        var scorer = host.Services.GetRequiredService<IOpportunityScorer>();
        string id;
        using (var source = PipelineSource.Open(PipelineFormat.Json, host.PipelineFile))
        {
            id = source.Records.Select(r => r.Opportunity).OfType<Opportunity>()
                .First(o => o.Stage == Stage.Tender && scorer.Score(o, PagesHost.Day).Bid?.CostRisk is not null).Id;
        }

        await page.GotoAsync("/pages/pipeline");
        await page.GetByLabel("Search (id, name, account)").FillAsync(id);
        await page.GetByLabel("Search (id, name, account)").PressAsync("Enter");
        await page.WaitForURLAsync(u => u.Contains("q=", StringComparison.Ordinal));
        var link = page.Locator("table.opportunities tbody tr th a", new() { HasText = id }).First;
        await link.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/pages/opportunities/", StringComparison.Ordinal));
        await host.Timed(page, "opportunity page (explained again on the request: improvements and flip points)", page.Url);

        Assert.Contains(id, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        var bars = await page.Locator("svg.waterfall g.step").EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.points)");
        var score = decimal.Parse(await page.Locator("svg.waterfall rect.sum").GetAttributeAsync("data-score") ?? "", CultureInfo.InvariantCulture);
        Assert.NotEmpty(bars);
        Assert.Equal(score, bars.Sum(b => decimal.Parse(b, CultureInfo.InvariantCulture)));
        Assert.Equal(score.ToString("0.##", CultureInfo.InvariantCulture), await page.Locator("#score").InnerTextAsync());
        using (var source = PipelineSource.Open(PipelineFormat.Json, host.PipelineFile))
        {
            var opportunity = source.Find(id, out _)!.Opportunity!;
            Assert.Equal(scorer.Score(opportunity, PagesHost.Day).Score, score);
        }

        Assert.Equal(1, await page.Locator("svg.costrisk line.floor").CountAsync());
        Assert.Equal(2, await page.Locator("table.history tbody tr").CountAsync()); // the earlier run and the host's
        Assert.Equal(2, await page.Locator("svg.trend circle.point").CountAsync());
        await PagesHost.Screenshot(page, "opportunity");
        await Accessibility.AssertNoViolations(page);
    }

    [Fact]
    public async Task Switching_to_traditional_chinese_shows_the_pages_in_chinese_and_remembers_it_and_accept_language_picks_simplified()
    {
        var page = await host.NewPage();
        await page.GotoAsync("/pages/pipeline");
        Assert.Equal("Pipeline", await page.Locator("h1").InnerTextAsync());
        await page.Locator("a[data-lang='zh-Hant']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("lang=zh-Hant", StringComparison.Ordinal));
        Assert.Equal("zh-Hant", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("商機總覽", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("推進", await page.Locator("table.opportunities").InnerTextAsync() + await page.Locator("#gates + svg").InnerHTMLAsync(), StringComparison.Ordinal);
        await PagesHost.Screenshot(page, "pipeline-zh-Hant");

        // The choice is kept: the next page (no lang in its address) is in Traditional Chinese too.
        await page.GetByRole(AriaRole.Link, new() { Name = "評分政策假設分析" }).ClickAsync();
        Assert.Equal("評分政策假設分析", await page.Locator("h1").InnerTextAsync());

        var simplified = await host.NewPage("zh-CN");
        await host.Timed(simplified, "pipeline page in Simplified Chinese (Accept-Language: zh-CN)", "/pages/pipeline");
        Assert.Equal("zh-Hans", await simplified.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("商机总览", await simplified.Locator("h1").InnerTextAsync());
        await Accessibility.AssertNoViolations(page);
    }

    [Fact]
    public async Task Uploading_a_pipeline_file_scores_it_with_progress_and_opens_it_and_works_without_javascript_too()
    {
        foreach (var javaScript in new[] { true, false })
        {
            var page = await host.NewPage(javaScript: javaScript);
            await host.Timed(page, javaScript ? "upload page" : "upload page, JavaScript off", "/pages/upload");
            if (javaScript)
            {
                await Accessibility.AssertNoViolations(page);
                await PagesHost.Screenshot(page, "upload");
            }

            await page.GetByLabel("Pipeline file").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and score" }).ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/pages/pipeline?source=u-", StringComparison.Ordinal), new() { Timeout = 30_000 });

            var ids = await page.Locator("table.opportunities tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.id)");
            Assert.Equal(["OPP-2027-0042", "OPP-2027-0051", "OPP-2027-0060"], ids.Order(StringComparer.Ordinal));
            Assert.Contains("pipeline.json", await page.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);

            // The uploaded pipeline's opportunity opens from it.
            await page.Locator("table.opportunities tbody tr th a", new() { HasText = "OPP-2027-0042" }).ClickAsync();
            Assert.Contains("OPP-2027-0042", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            if (javaScript)
            {
                await PagesHost.Screenshot(page, "uploaded-pipeline-opportunity");
            }
        }
    }

    [Fact]
    public async Task A_what_if_with_an_uploaded_policy_lists_every_opportunity_whose_grade_gate_or_bid_changes_as_the_library_does()
    {
        // The proposed policy: the grade bands five points lower.
        var policy = PagesHost.PolicyWithBandsMoved(-5, "2.0.0-lower-bands");
        var file = Path.Combine(Path.GetTempPath(), $"proposed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, policy);
        var page = await host.NewPage();
        await host.Timed(page, "what-if page (the form)", "/pages/whatif");
        await page.GetByLabel("Policy file (JSON)").SetInputFilesAsync(file);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await page.Locator("form[enctype] button[type='submit']").ClickAsync();
        await page.Locator(".whatif-counts").WaitForAsync(new() { Timeout = 60_000 });
        host.Timing($"what-if page: a proposed policy scored against all {host.Count:#,0} opportunities beside the current one", clock.Elapsed);
        File.Delete(file);

        var expected = Expected(policy);
        Assert.Equal(expected.Changes.Count.ToString(CultureInfo.InvariantCulture), await page.Locator(".whatif-counts").GetAttributeAsync("data-changed"));
        Assert.True(expected.Changes.Count > 0);
        Assert.Equal(expected.Changes.Take(1000).Select(c => c.Id), await page.Locator("table.whatif tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.id)"));
        Assert.Contains("grade C → B", await page.Locator("table.transitions").InnerTextAsync(), StringComparison.Ordinal);
        await PagesHost.Screenshot(page, "whatif");
        await Accessibility.AssertNoViolations(page);
    }

    [Fact]
    public async Task The_pages_are_usable_from_the_keyboard_the_skip_link_goes_to_the_content_and_tab_reaches_the_filters()
    {
        var page = await host.NewPage();
        await page.GotoAsync("/pages/pipeline");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
        for (var i = 0; i < 100 && await page.EvaluateAsync<string>("document.activeElement.id") != "q"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(host.Count > 1 ? "0001" : string.Empty);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => u.Contains("q=0001", StringComparison.Ordinal));
        Assert.All(await page.Locator("table.opportunities tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.id)"), id => Assert.Contains("0001", id, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<List<decimal>> Scores(IPage page)
        => [.. (await page.Locator("table.opportunities tbody tr td:nth-of-type(5)").AllInnerTextsAsync()).Select(s => decimal.Parse(s, CultureInfo.InvariantCulture))];

    private WhatIfResult Expected(string proposedJson)
    {
        // The pipeline as the host reads it: its opportunities in implementation read their account's service health.
        var current = host.Services.GetRequiredService<IOpportunityScorer>();
        using var source = PipelineSource.Open(PipelineFormat.Json, host.PipelineFile);
        var book = new AccountBook(OpportunityRules.CreateAccountScorer(current.Policy));
        using (var accounts = File.OpenRead(host.AccountsFile))
        {
            book.AddFile(accounts);
        }

        var opportunities = book.WithServiceHealth(source.Records, PagesHost.Day).Select(r => r.Opportunity).OfType<Opportunity>().ToList();
        return PolicyWhatIf.Compare(current, OpportunityRules.CreateScorer(PolicyLoader.Parse(proposedJson, "proposed.json")), opportunities, PagesHost.Day);
    }
}
