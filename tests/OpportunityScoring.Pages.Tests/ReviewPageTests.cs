using Microsoft.Extensions.DependencyInjection;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Pages.Tests;

/// <summary>
/// The review loop in chromium against the real host: the action plan and overrides on the opportunity page and the
/// review queue, read from the SQLite ledger the loop was recorded in (<see cref="ReviewLoop"/>).
/// </summary>
[Collection(PagesFixture.Name)]
public sealed class ReviewPageTests(PagesHost host)
{
    [Fact]
    public async Task The_opportunity_page_shows_its_action_plan_and_its_overrides_with_the_engine_decision_beside_the_person_decision()
    {
        var loop = host.Loop;
        var ledger = host.Services.GetRequiredService<IDecisionLedger>();
        var page = await host.NewPage();
        await host.Timed(page, "opportunity page with its action plan and overrides", $"/pages/opportunities/{Uri.EscapeDataString(loop.OpportunityId)}");

        // The overdue action: owner, due day, evidence field, result, flagged for a remedy (補救) — as the ledger reviews it.
        var overdue = page.Locator($"table.actions tr[data-action='{loop.OverdueAction}']");
        Assert.Equal("overdue", await overdue.GetAttributeAsync("data-result"));
        Assert.Equal("true", await overdue.GetAttributeAsync("data-remedy"));
        var cells = await overdue.Locator("td").AllInnerTextsAsync();
        Assert.Equal(ReviewLoop.Owner, cells[0]);
        Assert.Equal(PagesHost.EarlierDay.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), cells[1]);
        Assert.Equal("budget.status", cells[2]);
        Assert.Equal("remedy needed", cells[6]);
        var done = ledger.Actions(loop.OpportunityId).Single(a => a.ActionId == loop.DoneAction);
        Assert.Equal(LoopWords.Of(done.Result), await page.Locator($"table.actions tr[data-action='{loop.DoneAction}']").GetAttributeAsync("data-result"));
        Assert.Contains("met the champion", await page.Locator($"table.actions tr[data-action='{loop.DoneAction}']").InnerTextAsync(), StringComparison.Ordinal);

        // The overrides, oldest first (the history): each with the engine's decision beside the person's, where it stands.
        var overrides = ledger.OverridesOf(loop.OpportunityId);
        Assert.Equal(overrides.Select(o => o.OverrideId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await page.Locator("table.overrides tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.override)"));
        var bid = overrides.Single(o => o.OverrideId == loop.BidOverride);
        var row = page.Locator($"table.overrides tr[data-override='{loop.BidOverride}']");
        Assert.Equal(Texts.English.Get("word.bidRecommendation." + bid.EngineThen), await row.Locator("td.engine").InnerTextAsync());
        Assert.Equal(Texts.English.Get("word.bidRecommendation." + bid.Value), await row.Locator("td.people").InnerTextAsync());
        Assert.NotEqual(await row.Locator("td.engine").InnerTextAsync(), await row.Locator("td.people").InnerTextAsync());
        Assert.Contains(ReviewLoop.Director, await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("lapsed", await page.Locator($"table.overrides tr[data-override='{loop.LapsedOverride}']").GetAttributeAsync("data-state"));
        Assert.StartsWith("lapsed", await page.Locator($"table.overrides tr[data-override='{loop.LapsedOverride}'] td.standing").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("not confirmed in writing", await page.Locator($"table.overrides tr[data-override='{loop.WithdrawnOverride}'] td.standing").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#review").ScrollIntoViewIfNeededAsync();
        await PagesHost.Screenshot(page, "opportunity-review");
        await Accessibility.AssertNoViolations(page);
    }

    [Fact]
    public async Task The_review_queue_lists_the_actions_that_need_a_remedy_and_the_overrides_that_lapsed_or_expire_soon_each_linking_to_its_opportunity()
    {
        var loop = host.Loop;
        var page = await host.NewPage();
        await page.GotoAsync("/pages/pipeline");
        await page.Locator("header nav a[href='/pages/reviews']").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/pages/reviews", StringComparison.Ordinal));
        await host.Timed(page, "review queue page", "/pages/reviews");

        Assert.Equal(1, await page.Locator($"table.actions tr[data-action='{loop.OverdueAction}']").CountAsync());
        Assert.Equal(1, await page.Locator($"table.overrides tr[data-override='{loop.BidOverride}']").CountAsync()); // expires within 14 days
        Assert.Equal(1, await page.Locator($"table.overrides tr[data-override='{loop.LapsedOverride}']").CountAsync());
        Assert.Equal(0, await page.Locator($"table.overrides tr[data-override='{loop.WithdrawnOverride}']").CountAsync());
        Assert.All(await page.Locator("table.actions tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.remedy)"), r => Assert.Equal("true", r));
        await PagesHost.Screenshot(page, "reviews");
        await Accessibility.AssertNoViolations(page);

        await page.Locator($"table.actions tr[data-action='{loop.OverdueAction}'] td a").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/pages/opportunities/", StringComparison.Ordinal));
        Assert.Contains(loop.OpportunityId, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_user_plans_an_action_and_overrides_the_gate_from_the_opportunity_page_and_both_are_recorded_under_their_name()
    {
        // A proposal without a recorded loop; the people's gate decision is the other one than the engine's.
        var scorer = host.Services.GetRequiredService<OpportunityScoring.Engine.IOpportunityScorer>();
        Opportunity opportunity;
        using (var source = OpportunityScoring.Pipelines.PipelineSource.Open(OpportunityScoring.Pipelines.PipelineFormat.Json, host.PipelineFile))
        {
            opportunity = source.Records.Select(r => r.Opportunity).OfType<Opportunity>().First(o => o.Id != host.Loop.OpportunityId && o.Stage == Stage.Proposal);
        }

        var id = opportunity.Id;
        var engine = LoopWords.Of(scorer.Score(opportunity, PagesHost.Day).Gate.Outcome);
        var people = engine == "advance" ? "defer" : "advance";

        var url = $"/pages/opportunities/{Uri.EscapeDataString(id)}";
        var anonymous = await host.NewPage();
        await anonymous.GotoAsync(url);
        Assert.Equal(0, await anonymous.Locator("form[action$='/actions'], form[action$='/overrides']").CountAsync());
        Assert.Contains("needs a signed-in user", await anonymous.Locator("#review ~ p.notice").InnerTextAsync(), StringComparison.Ordinal);

        var page = await host.NewPage(user: "kam.lin");
        await page.GotoAsync(url);
        await page.Locator("#action-what").FillAsync("Present the reference site to the CIO");
        await page.Locator("#action-owner").FillAsync("KAM-12");
        await page.Locator("#action-due").FillAsync("2027-03-15");
        await page.Locator("#action-evidence").FillAsync("decisionChain");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Plan the action" }).ClickAsync();
        await AfterThePost(page, "#plan");
        var ledger = host.Services.GetRequiredService<IDecisionLedger>();
        var action = Assert.Single(ledger.Actions(id));
        Assert.Equal(("kam.lin", "KAM-12", new DateOnly(2027, 3, 15), "decisionChain"), (action.PlannedBy, action.Owner, action.Due, action.EvidenceField));
        Assert.Equal("Present the reference site to the CIO", await page.Locator($"table.actions tr[data-action='{action.ActionId}'] th").InnerTextAsync());

        await page.Locator("#override-value").SelectOptionAsync("gate:" + people);
        await page.Locator("#override-reason").FillAsync("The customer's budget is frozen until the board meets");
        await page.Locator("#override-approver").FillAsync(ReviewLoop.Director);
        await page.Locator("#override-expires").FillAsync("2027-03-01");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Record the override" }).ClickAsync();
        await AfterThePost(page, "#overrides");
        var recorded = Assert.Single(ledger.OverridesOf(id));
        Assert.Equal(("kam.lin", OverrideKind.Gate, people, engine, OverrideState.Active), (recorded.RecordedBy, recorded.Kind, recorded.Value, recorded.EngineThen, recorded.State));
        var row = page.Locator($"table.overrides tr[data-override='{recorded.OverrideId}']");
        Assert.Equal(Texts.English.Get("word.gateOutcome." + engine), await row.Locator("td.engine").InnerTextAsync());
        Assert.Equal(Texts.English.Get("word.gateOutcome." + people), await row.Locator("td.people").InnerTextAsync());
        await PagesHost.Screenshot(page, "opportunity-recorded");
        await Accessibility.AssertNoViolations(page);
    }

    [Fact]
    public async Task A_draft_the_ledger_refuses_gets_a_page_with_its_message_and_records_nothing()
    {
        var page = await host.NewPage(user: "kam.lin");
        await page.GotoAsync($"/pages/opportunities/{Uri.EscapeDataString(host.Loop.OpportunityId)}");
        var before = host.Services.GetRequiredService<IDecisionLedger>().OverridesOf(host.Loop.OpportunityId).Count;
        await page.Locator("#override-value").SelectOptionAsync("bid:noBid");
        await page.Locator("#override-reason").FillAsync("No expiry given");
        await page.Locator("#override-approver").FillAsync(ReviewLoop.Director);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Record the override" }).ClickAsync();
        Assert.Contains("an expiry is required", await page.Locator("[role='alert']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, host.Services.GetRequiredService<IDecisionLedger>().OverridesOf(host.Loop.OpportunityId).Count);
    }

    [Theory]
    [InlineData("zh-Hant", "銷售行動計畫", "需要補救")]
    [InlineData("zh-Hans", "销售行动计划", "需要补救")]
    public async Task The_review_queue_and_the_opportunity_loop_read_in_chinese_with_words_and_never_a_catalogue_code(string language, string plan, string remedy)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseAddress) };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        client.DefaultRequestHeaders.Add("X-User", "kam07"); // signed in: the forms are written too
        var codes = PageCatalogueTests.Catalogue("en").Keys.Where(k => k.Contains('.', StringComparison.Ordinal)).ToList();
        foreach (var url in new[] { "/pages/reviews", $"/pages/opportunities/{Uri.EscapeDataString(host.Loop.OpportunityId)}" })
        {
            var html = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
            Assert.Contains(remedy, html, StringComparison.Ordinal);
            var text = System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>", " ");
            Assert.DoesNotContain(codes, c => System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\w.]){System.Text.RegularExpressions.Regex.Escape(c)}(?![\w.])"));
            if (url.Contains("opportunities", StringComparison.Ordinal))
            {
                Assert.Contains(plan, html, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// Waits for the redirect after a form post to reach the page's anchor: the navigation committed (the post's write is
    /// done before its redirect is sent) and the document parsed. Not the <c>load</c> event: it was seen to time out after
    /// the page had gone network-idle (twice in the CI runs of the last stops), while every later step waits for its own element.
    /// </summary>
    private static async Task AfterThePost(Microsoft.Playwright.IPage page, string anchor)
    {
        await page.WaitForURLAsync(u => u.EndsWith(anchor, StringComparison.Ordinal), new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.DOMContentLoaded);
    }
}
