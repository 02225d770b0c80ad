using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OpportunityScoring.Pages.Tests;

/// <summary>axe-core (bundled in Deque.AxeCore.Playwright, injected into the page) over the whole page: WCAG 2.x A and AA rules, contrast included.</summary>
internal static class Accessibility
{
    public static async Task AssertNoViolations(IPage page)
    {
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        var problems = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target.ToString())))}").ToList();
        Assert.True(problems.Count == 0, $"{page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }
}
