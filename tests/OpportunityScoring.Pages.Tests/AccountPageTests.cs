using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Pages.Tests;

/// <summary>The key-account pages in chromium against the real host (10,000 opportunities over 2,000 accounts with their records).</summary>
[Collection(PagesFixture.Name)]
public sealed class AccountPageTests(PagesHost host)
{
    [Fact]
    public async Task The_accounts_page_shows_every_account_graded_as_the_accounts_verb_grades_it_and_an_80_20_curve_that_ends_at_100_percent()
    {
        var page = await host.NewPage();
        await page.GotoAsync("/pages/pipeline");
        await page.Locator("header nav a[href='/pages/accounts']").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/pages/accounts", StringComparison.Ordinal));
        await host.Timed(page, $"accounts page (key-account list of {host.AccountCount:#,0} accounts, 80/20 curve, owner load)", "/pages/accounts");
        await host.TimedOnServer("accounts page, the HTML alone (HttpClient, no browser)", "/pages/accounts");
        Assert.Equal("page", await page.Locator("header nav a[href='/pages/accounts']").GetAttributeAsync("aria-current"));

        // The grades per account as the library gives them (the same AccountBook the `accounts` verb uses).
        var expected = Expected();
        var accounts = expected.GetProperty("accounts").EnumerateArray().ToList();
        Assert.Equal(host.AccountCount, accounts.Count);
        foreach (var grade in new[] { "A", "B", "C", "D" })
        {
            var count = accounts.Count(a => a.GetProperty("grade").GetString() == grade);
            Assert.Equal(count.ToString("#,0", CultureInfo.InvariantCulture), await page.Locator($"dd[data-grade-count='{grade}']").InnerTextAsync());
        }

        Assert.Contains($"of {host.AccountCount:#,0}", await page.Locator("#showing").InnerTextAsync(), StringComparison.Ordinal);
        var firstRows = await page.Locator("table.accounts tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.id + '/' + r.dataset.grade)");
        Assert.Equal(accounts.Take(50).Select(a => a.GetProperty("id").GetString() + "/" + a.GetProperty("grade").GetString()), firstRows);

        // The 80/20 curve: the cumulative share of the revenue by rank ends at 100%, and at the top 20% it is the library's share.
        var revenue = page.Locator("svg.pareto polyline[data-series='revenue']");
        Assert.Equal("100", await revenue.GetAttributeAsync("data-last"));
        Assert.Equal("100", await page.Locator("svg.pareto polyline[data-series='weighted']").GetAttributeAsync("data-last"));
        var share = expected.GetProperty("concentration").GetProperty("revenueShare").GetDecimal();
        Assert.Equal(Math.Round(share * 100, 1), decimal.Parse(await revenue.GetAttributeAsync("data-top") ?? "", CultureInfo.InvariantCulture));
        var points = (await revenue.GetAttributeAsync("points"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(host.AccountCount + 1, points.Length);
        var ys = points.Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ys.OrderDescending(), ys); // it only climbs (y grows downwards)
        Assert.Contains("of the revenue", await page.Locator(".pareto-figures").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("table.owners tbody tr").CountAsync() > 1);
        await PagesHost.Screenshot(page, "accounts");
        await Accessibility.AssertNoViolations(page);
    }

    [Fact]
    public async Task Filtering_the_accounts_by_grade_and_type_and_sorting_by_revenue_keep_only_those_accounts_in_that_order()
    {
        var page = await host.NewPage();
        await page.GotoAsync("/pages/accounts");
        await page.GetByLabel("Grade", new() { Exact = true }).SelectOptionAsync("B");
        await page.GetByLabel("type", new() { Exact = true }).SelectOptionAsync("key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("grade=B", StringComparison.Ordinal) && u.Contains("type=key", StringComparison.Ordinal));

        var expected = Expected().GetProperty("accounts").EnumerateArray().Count(a => a.GetProperty("grade").GetString() == "B" && a.GetProperty("type").GetString() == "key");
        Assert.True(expected > 0);
        Assert.Contains($"of {expected:#,0}", await page.Locator("#showing").InnerTextAsync(), StringComparison.Ordinal);
        var rows = page.Locator("table.accounts tbody tr");
        Assert.All(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.grade + '/' + r.dataset.type)"), r => Assert.Equal("B/key", r));

        await page.Locator("th a[data-sort='revenue']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("sort=revenue", StringComparison.Ordinal) && u.Contains("dir=asc", StringComparison.Ordinal));
        await page.Locator("th a[data-sort='revenue']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("dir=desc", StringComparison.Ordinal));
        var revenues = (await page.Locator("table.accounts tbody tr td:nth-of-type(6)").AllInnerTextsAsync()).Select(s => decimal.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(revenues);
        Assert.Equal(revenues.OrderDescending(), revenues);
        Assert.All(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.grade + '/' + r.dataset.type)"), r => Assert.Equal("B/key", r));
        await host.Timed(page, "accounts page, filtered by grade and type, sorted by revenue", page.Url);
        await PagesHost.Screenshot(page, "accounts-filtered");
    }

    [Fact]
    public async Task An_account_opens_its_follow_up_with_its_service_targets_and_its_opportunities_which_open_their_own_pages()
    {
        var page = await host.NewPage();
        await page.GotoAsync("/pages/accounts?health=missed");
        var row = page.Locator("table.accounts tbody tr").First;
        var id = await row.GetAttributeAsync("data-id");
        await row.Locator("th a").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains($"/pages/accounts/{id}", StringComparison.Ordinal));
        await host.Timed(page, "account follow-up page (大客戶客戶跟進表)", page.Url);

        Assert.Contains(id!, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        var account = Expected().GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.Equal(account.GetProperty("grade").GetString(), await page.Locator("#account-grade").InnerTextAsync());
        Assert.Equal(5, await page.Locator("table.targets tbody tr").CountAsync());
        // The targets it misses are its red flags, as the library lists them.
        var missed = account.GetProperty("redFlags").EnumerateArray().Select(f => f.GetProperty("target").GetString()).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(missed);
        Assert.Equal(missed, (await page.Locator("table.targets tbody tr:has(td.missed)").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.target)")).Order(StringComparer.Ordinal));

        var deals = page.Locator("table.opportunities tbody tr");
        Assert.Equal(account.GetProperty("opportunities").GetInt32(), await deals.CountAsync());
        await PagesHost.Screenshot(page, "account");
        await Accessibility.AssertNoViolations(page);
        if (await deals.CountAsync() > 0)
        {
            var opportunity = await deals.First.GetAttributeAsync("data-id");
            await deals.First.Locator("th a").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/pages/opportunities/", StringComparison.Ordinal));
            Assert.Contains(opportunity!, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal($"/pages/accounts/{id}", await page.Locator("a.account").GetAttributeAsync("href"));
        }
    }

    [Fact]
    public async Task Switching_the_accounts_page_to_traditional_chinese_shows_the_list_in_the_words_of_a_key_account_manager()
    {
        var page = await host.NewPage();
        await page.GotoAsync("/pages/accounts");
        await page.Locator("a[data-lang='zh-Hant']").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("lang=zh-Hant", StringComparison.Ordinal));
        Assert.Equal("zh-Hant", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("大客戶", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("大客戶名單", await page.Locator("#list").InnerTextAsync());
        Assert.Equal("二八曲線", await page.Locator("#pareto").InnerTextAsync());
        var header = await page.Locator("table.accounts thead").InnerTextAsync();
        Assert.Contains("客戶的型別", header, StringComparison.Ordinal);
        Assert.Contains("大客戶經理", header, StringComparison.Ordinal);
        await host.Timed(page, "accounts page in Traditional Chinese", "/pages/accounts");
        await PagesHost.Screenshot(page, "accounts-zh-Hant");
        await Accessibility.AssertNoViolations(page);
    }

    /// <summary>The key-account list as the library writes it for this pipeline and accounts file (the `accounts` verb's JSON).</summary>
    private JsonElement Expected()
    {
        var scorer = host.Services.GetRequiredService<IOpportunityScorer>();
        var book = new AccountBook(OpportunityRules.CreateAccountScorer(scorer.Policy));
        using var source = PipelineSource.Open(PipelineFormat.Json, host.PipelineFile);
        book.AddFrom(source);
        using (var accounts = File.OpenRead(host.AccountsFile))
        {
            book.AddFile(accounts);
        }

        var run = new BatchScorer(scorer, new BatchOptions { Detail = ScoringDetail.Decisions }).Score(book.WithServiceHealth(source.Records, PagesHost.Day), PagesHost.Day);
        foreach (var item in run)
        {
            book.Add(item);
        }

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        book.Grade(PagesHost.Day).Write("json", text, Texts.English);
        return JsonDocument.Parse(text.ToString()).RootElement.Clone();
    }
}
