using System.Globalization;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// One key account's follow-up (大客戶客戶跟進表) as a page, from the same graded list as the key-account list: the grade
/// and every point of it, knock-outs, the service targets against the actuals, the red flags, what would raise the
/// grade, and the account's opportunities in the pipeline, each opening its own page.
/// </summary>
internal static class AccountPage
{
    private static readonly string[] Dimensions = ["value", "potential", "relationship", "strategicFit", "service"];

    /// <summary>The most opportunities listed on one account's page.</summary>
    private const int OpportunitiesShown = 500;

    public static async Task<IResult> Show(string id, HttpContext context, PipelineCatalog catalog)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        var pipeline = await catalog.Resolve(r.Query("source")).ConfigureAwait(false);
        var key = GradedAccounts.IdOf(id) ?? id;
        if (pipeline?.Accounts.In(t).Find(key) is not { } a)
        {
            return Layout.Problem(r, StatusCodes.Status404NotFound, t["account.notFound.title"], t["account.notFound", id]);
        }

        var source = pipeline.Key == PipelineCatalog.ConfiguredKey ? null : pipeline.Key;
        var title = t.Library.Get("account.report.title", a.Name is null ? a.Id : t["account.named", a.Name, a.Id]);
        return Layout.Page(r, title, PageRoutes.Accounts, h =>
        {
            h.Raw("<p class=\"crumbs\">").Link(PageRoutes.Accounts + (source is null ? string.Empty : "?source=" + Uri.EscapeDataString(source)), t["account.back"]).Raw("</p>");
            h.El("h1", title);
            h.Raw("<dl class=\"figures\">");
            Figure(h, t.Library.Get("account.column.grade"), a.Grade, "id=\"account-grade\"");
            Figure(h, t.Library.Get("account.column.score"), Html.Num(a.Score), "id=\"account-score\"");
            Figure(h, t.Library.Get("account.column.type"), t.Library.Get("account.type." + a.Type));
            Figure(h, t.Library.Get("account.column.owner"), a.Owner ?? t.Library.Get("account.list.noOwner"));
            Figure(h, t.Library.Get("account.column.health"), t.Library.Get("account.health." + a.Health));
            Figure(h, t["accounts.revenue"], PageText.Money(a.Revenue));
            Figure(h, t.Library.Get("account.column.openPipeline"), PageText.Money(a.OpenPipeline));
            Figure(h, t.Library.Get("account.column.weightedPipeline"), PageText.Money(a.WeightedPipeline));
            h.Raw("</dl>");
            if (!a.HasRecord)
            {
                h.El("p", t.Library.Get("account.report.noRecord"), "class=\"notice\"");
            }

            Why(h, t, a);
            Targets(h, t, a);
            Actions(h, t, a);
            Opportunities(h, t, pipeline, pipeline.Accounts.OpportunitiesOf(a.Id), source);
        });
    }

    private static void Figure(Html h, string label, string value, string? attributes = null) => h.El("dt", label).El("dd", value, attributes);

    private static void Why(Html h, PageText t, AccountLine a)
    {
        h.Raw("<section aria-labelledby=\"why\"><h2 id=\"why\">").Text(t.Library.Get("account.report.why")).Raw("</h2>");
        h.Raw("<table class=\"dimensions\"><thead><tr><th scope=\"col\">").Text(t["account.dimension"]).Raw("</th><th scope=\"col\">").Text(t["col.points"]).Raw("</th></tr></thead><tbody>");
        foreach (var d in Dimensions)
        {
            h.Raw("<tr>").El("th", t["account.dimension." + d], "scope=\"row\"").El("td", Html.Num(a.Dimensions.GetValueOrDefault(d)), "class=\"num\"").Raw("</tr>");
        }

        h.Raw("</tbody><tfoot><tr><th scope=\"row\">").Text(t.Library.Get("account.column.score")).Raw("</th>").El("td", Html.Num(a.Score), "class=\"num\"").Raw("</tr></tfoot></table>");
        h.Raw("<table class=\"credits\"><thead><tr><th scope=\"col\">").Text(t["account.dimension"]).Raw("</th><th scope=\"col\">").Text(t["col.points"])
            .Raw("</th><th scope=\"col\">").Text(t["col.reason"]).Raw("</th></tr></thead><tbody>");
        foreach (var c in a.Reasons)
        {
            h.Raw("<tr>").El("th", t["account.dimension." + c.Dimension], "scope=\"row\"").El("td", $"{Html.Num(c.Points)} / {Html.Num(c.Max)}", "class=\"num\"").El("td", c.Message).Raw("</tr>");
        }

        h.Raw("</tbody></table>");
        h.El("h3", t["opportunity.knockOuts"]);
        OpportunityPage.List(h, t, a.KnockOuts.Select(k => k.Message));
        h.Raw("</section>");
    }

    private static void Targets(Html h, PageText t, AccountLine a)
    {
        h.Raw("<section aria-labelledby=\"targets\"><h2 id=\"targets\">").Text(t.Library.Get("account.report.targets")).Raw("</h2>");
        h.Raw("<table class=\"targets\"><thead><tr>");
        foreach (var code in new[] { "account.report.target", "account.report.actual", "account.report.status" })
        {
            h.El("th", t.Library.Get(code), "scope=\"col\"");
        }

        h.Raw("</tr></thead><tbody>");
        foreach (var target in AccountsPage.Targets)
        {
            var (status, actual) = AccountsPage.TargetOf(a, target, t);
            h.Raw($"<tr data-target=\"{target}\">").El("th", t.Library.Get("account.item." + target), "scope=\"row\"").El("td", actual)
                .El("td", t.Library.Get("account.report." + status), $"class=\"target {status}\"").Raw("</tr>");
        }

        h.Raw("</tbody></table>");
        h.El("h3", t["opportunity.redFlags"]);
        OpportunityPage.List(h, t, a.RedFlags.Select(f => f.Message));
        h.Raw("</section>");
    }

    private static void Actions(Html h, PageText t, AccountLine a)
    {
        h.Raw("<section aria-labelledby=\"actions\"><h2 id=\"actions\">").Text(t.Library.Get("account.report.actions")).Raw("</h2>");
        OpportunityPage.List(h, t, a.RedFlags.Select(f => t.Library.Get("account.action.flag", f.Message)).Concat(a.Improvements));
        h.Raw("</section>");
    }

    private static void Opportunities(Html h, PageText t, ScoredPipeline pipeline, IReadOnlyList<int> indexes, string? source)
    {
        h.Raw("<section aria-labelledby=\"deals\"><h2 id=\"deals\">").Text(t.Library.Get("account.report.opportunities")).Raw("</h2>");
        if (indexes.Count == 0)
        {
            h.El("p", t.Library.Get("account.report.none"), "class=\"none\"");
            h.Raw("</section>");
            return;
        }

        h.El("p", t["account.opportunities", indexes.Count.ToString("#,0", CultureInfo.InvariantCulture)]);
        h.Raw("<div class=\"scroll\" tabindex=\"0\"><table class=\"opportunities\"><thead><tr>");
        foreach (var col in new[] { "col.id", "col.name", "col.stage", "col.grade", "col.score", "col.gate", "col.bid", "col.amount" })
        {
            h.El("th", t[col], "scope=\"col\"");
        }

        h.Raw("</tr></thead><tbody>");
        foreach (var i in indexes.OrderByDescending(i => pipeline.Opportunities[i].ExpectedContractAmount).ThenBy(i => pipeline.Opportunities[i].Id, StringComparer.Ordinal).Take(OpportunitiesShown))
        {
            var o = pipeline.Opportunities[i];
            var x = pipeline.Assessments[i];
            h.Raw($"<tr data-id=\"{Html.Attr(o.Id)}\"><th scope=\"row\">").Link(PageRoutes.OpportunityOf(o.Id, source), o.Id).Raw("</th>");
            h.El("td", o.Name).El("td", t.Word(o.Stage)).El("td", x.Grade.ToString()).El("td", Html.Num(x.Score), "class=\"num\"").El("td", t.Word(x.Gate.Outcome))
                .El("td", x.Bid is { } b ? t.Word(b.Decision) : "—").El("td", PageText.Money(o.ExpectedContractAmount), "class=\"num\"").Raw("</tr>");
        }

        h.Raw("</tbody></table></div></section>");
    }
}
