using System.Globalization;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The key accounts (大客戶名單): every account graded A–D by the library with its type, owner, score, figures and
/// service targets against actuals, red flags and knock-outs; the 80/20 curve; the owner load (客戶分配). The list is
/// filtered, sorted and paged on the server like the pipeline table; each account opens its follow-up
/// (<see cref="AccountPage"/>, 大客戶客戶跟進表).
/// </summary>
internal static class AccountsPage
{
    private static readonly string[] Grades = ["A", "B", "C", "D"];
    private static readonly string[] Types = ["strategic", "key", "regular", "unknown"];
    private static readonly string[] Healths = ["onTarget", "missed", "unknown"];

    /// <summary>The service targets, in the library's order (the account slice's <c>AccountCodes.Targets</c>).</summary>
    public static readonly string[] Targets = ["acceptance", "satisfaction", "complaints", "payments", "seniorVisit"];

    public static async Task<IResult> Show(HttpContext context, PipelineCatalog catalog)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        var pipeline = await catalog.Resolve(r.Query("source")).ConfigureAwait(false);
        if (pipeline is null)
        {
            return Layout.Page(r, t["accounts.title"], PageRoutes.Accounts, h => h.El("h1", t["accounts.title"]).El("p", t["pipeline.none"]));
        }

        var graded = pipeline.Accounts;
        var sheet = graded.In(t);
        var filter = Filter.From(r);
        var rows = Sort(sheet.Accounts.Where(filter.Keeps), filter, t).ToList();
        return Layout.Page(r, t["accounts.title"], PageRoutes.Accounts, h =>
        {
            h.El("h1", t["accounts.title"]);
            h.El("p", t["accounts.about", pipeline.Name, sheet.AsOf, sheet.Accounts.Count.ToString("#,0", CultureInfo.InvariantCulture)], "class=\"lead\"");
            if (graded.Problem is { } problem)
            {
                h.El("p", t["accounts.fileProblem", problem], "role=\"alert\" class=\"problem\"");
            }

            if (sheet.Accounts.Count == 0)
            {
                h.El("p", t["accounts.none"]);
                return;
            }

            Summary(h, t, sheet);
            Curve(h, t, sheet);
            FilterForm(h, r, filter, sheet);
            Table(h, r, rows, filter, catalog.Options.RowsPerPage, pipeline.Key == PipelineCatalog.ConfiguredKey ? null : pipeline.Key);
            Owners(h, t, sheet);
            Layout.Rejected(h, t["accounts.rejected", sheet.Errors.Count], sheet.Errors, t);
        });
    }

    private static void Summary(Html h, PageText t, AccountSheet sheet)
    {
        h.Raw("<section aria-labelledby=\"standing\"><h2 id=\"standing\">").Text(t["accounts.summary"]).Raw("</h2><dl class=\"figures\">");
        foreach (var grade in Grades)
        {
            h.El("dt", t["accounts.gradeCount", grade]).El("dd", sheet.Accounts.Count(a => a.Grade == grade).ToString("#,0", CultureInfo.InvariantCulture), $"data-grade-count=\"{grade}\"");
        }

        h.El("dt", t.Library.Get("account.health.missed")).El("dd", sheet.Accounts.Count(a => a.Health == "missed").ToString("#,0", CultureInfo.InvariantCulture));
        h.El("dt", t["accounts.withoutOwner"]).El("dd", sheet.WithoutOwner.Count.ToString("#,0", CultureInfo.InvariantCulture));
        h.El("dt", t["accounts.revenue"]).El("dd", PageText.Money(sheet.Accounts.Sum(a => a.Revenue)));
        h.El("dt", t["accounts.weighted"]).El("dd", PageText.Money(sheet.Accounts.Sum(a => a.WeightedPipeline)));
        h.Raw("</dl></section>");
    }

    /// <summary>The 80/20 curve: "企業80%的銷售額來自於20%的大客戶", and the same figures in words beside it.</summary>
    private static void Curve(Html h, PageText t, AccountSheet sheet)
    {
        var c = sheet.Concentration;
        var share = (double)c.TopAccounts / sheet.Accounts.Count;
        h.Raw("<section aria-labelledby=\"pareto\"><h2 id=\"pareto\">").Text(t["accounts.pareto"]).Raw("</h2>");
        h.El("p", t["accounts.pareto.figures", c.TopAccounts.ToString("#,0", CultureInfo.InvariantCulture), PageText.Percent(share), PageText.Percent((double)c.RevenueShare), PageText.Percent((double)c.WeightedPipelineShare)], "class=\"pareto-figures\"");
        var label = t["accounts.pareto.label", sheet.Accounts.Count.ToString("#,0", CultureInfo.InvariantCulture), PageText.Percent((double)c.RevenueShare)];
        h.Raw("<figure>").Raw(Charts.Pareto(
            [(t["accounts.revenue"], "revenue", [.. sheet.Accounts.Select(a => a.Revenue)]), (t["accounts.weighted"], "weighted", [.. sheet.Accounts.Select(a => a.WeightedPipeline)])],
            c.TopAccounts, label, t["accounts.pareto.x"]));
        h.Raw("<figcaption>").Text(t["accounts.pareto.caption"]).Raw("</figcaption></figure></section>");
    }

    private static void FilterForm(Html h, PageRequest r, Filter f, AccountSheet sheet)
    {
        var t = r.T;
        h.Raw("<section aria-labelledby=\"list\"><h2 id=\"list\">").Text(t["accounts.list"]).Raw("</h2>");
        h.Raw($"<form method=\"get\" action=\"{PageRoutes.Accounts}\" class=\"filters\" role=\"search\">");
        if (r.Query("source") is { } source)
        {
            h.Raw($"<input type=\"hidden\" name=\"source\" value=\"{Html.Attr(source)}\">");
        }

        h.Raw("<p><label for=\"q\">").Text(t["accounts.search"]).Raw($"</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{Html.Attr(f.Search)}\"></p>");
        PageForms.FilterSelect(h, "grade", t["col.grade"], Grades.Select(g => (g, g)), f.Grade, t);
        PageForms.FilterSelect(h, "type", t.Library.Get("account.column.type"), Types.Select(x => (x, t.Library.Get("account.type." + x))), f.Type, t);
        PageForms.FilterSelect(h, "health", t.Library.Get("account.column.health"), Healths.Select(x => (x, t.Library.Get("account.health." + x))), f.Health, t);
        var owners = sheet.Owners.Where(o => o.Owner is not null).Select(o => o.Owner!).Order(StringComparer.Ordinal).Select(o => (o, o)).Append((Filter.NoOwner, t.Library.Get("account.list.noOwner")));
        PageForms.FilterSelect(h, "owner", t.Library.Get("account.column.owner"), owners, f.Owner, t);
        PageForms.FilterEnd(h, r, t, f.Sort, f.Descending, PageRoutes.Accounts);
    }

    private static readonly (string Key, string Code)[] Columns =
    [
        ("grade", "account.column.grade"), ("id", "account.column.account"), ("name", "account.column.name"), ("type", "account.column.type"), ("owner", "account.column.owner"),
        ("score", "account.column.score"), ("revenue", "accounts.revenue"), ("weighted", "account.column.weightedPipeline"), ("opportunities", "accounts.opportunities"),
    ];

    private static void Table(Html h, PageRequest r, List<AccountLine> rows, Filter f, int perPage, string? source)
    {
        var t = r.T;
        var pages = Math.Max(1, (rows.Count + perPage - 1) / perPage);
        var page = Math.Clamp(f.Page, 1, pages);
        var first = (page - 1) * perPage;
        var shown = rows.Skip(first).Take(perPage).ToList();
        h.El("p", t["accounts.showing", rows.Count == 0 ? 0 : first + 1, first + shown.Count, rows.Count.ToString("#,0", CultureInfo.InvariantCulture)], "id=\"showing\" aria-live=\"polite\"");
        h.Raw("<div class=\"scroll\" tabindex=\"0\"><table class=\"accounts\" aria-describedby=\"showing\"><thead><tr>");
        foreach (var (key, code) in Columns)
        {
            var sorted = key == f.Sort;
            var dir = sorted && !f.Descending ? "desc" : "asc";
            var text = code.StartsWith("account.", StringComparison.Ordinal) ? t.Library.Get(code) : t[code];
            h.Raw($"<th scope=\"col\" aria-sort=\"{(sorted ? f.Descending ? "descending" : "ascending" : "none")}\">")
                .Link(r.With(("sort", key), ("dir", dir), ("page", null)), text, $"data-sort=\"{key}\"").Raw("</th>");
        }

        h.El("th", t.Library.Get("account.column.health"), "scope=\"col\"");
        foreach (var target in Targets)
        {
            h.El("th", t.Library.Get("account.item." + target), "scope=\"col\"");
        }

        h.El("th", t["accounts.flagsAndKnockOuts"], "scope=\"col\"").Raw("</tr></thead><tbody>");
        foreach (var a in shown)
        {
            h.Raw($"<tr data-id=\"{Html.Attr(a.Id)}\" data-grade=\"{Html.Attr(a.Grade)}\" data-type=\"{Html.Attr(a.Type)}\">").El("td", a.Grade, $"class=\"grade g{Html.Attr(a.Grade)}\"").Raw("<th scope=\"row\">")
                .Link(PageRoutes.AccountOf(a.Id, source), a.Id).Raw("</th>");
            h.El("td", a.Name ?? "—").El("td", t.Library.Get("account.type." + a.Type)).El("td", a.Owner ?? t.Library.Get("account.list.noOwner"))
                .El("td", Html.Num(a.Score), "class=\"num\"").El("td", PageText.Money(a.Revenue), "class=\"num\"").El("td", PageText.Money(a.WeightedPipeline), "class=\"num\"")
                .El("td", a.Opportunities.ToString("#,0", CultureInfo.InvariantCulture), "class=\"num\"").El("td", t.Library.Get("account.health." + a.Health));
            foreach (var target in Targets)
            {
                var (status, actual) = TargetOf(a, target, t);
                h.El("td", t.Library.Get("account.report." + status), $"class=\"target {status}\" data-target=\"{target}\" title=\"{Html.Attr(actual)}\"");
            }

            h.Raw("<td>");
            if (a.RedFlags.Count == 0 && a.KnockOuts.Count == 0)
            {
                h.Text("—");
            }
            else
            {
                h.Raw("<ul class=\"flags\">");
                foreach (var k in a.KnockOuts)
                {
                    h.El("li", k.Message, "class=\"knockout\"");
                }

                foreach (var flag in a.RedFlags)
                {
                    h.El("li", flag.Message);
                }

                h.Raw("</ul>");
            }

            h.Raw("</td></tr>");
        }

        h.Raw("</tbody></table></div>");
        Pager.Write(h, r, page, pages);
        h.Raw("</section>");
    }

    /// <summary>A service target of an account: missed (a red flag), unknown (no record), or met; and the actual as the library says it.</summary>
    public static (string Status, string Actual) TargetOf(AccountLine a, string target, PageText t)
    {
        var flag = a.RedFlags.FirstOrDefault(f => f.Target == target);
        var credit = a.Reasons.FirstOrDefault(c => c.Item == target);
        var status = flag is not null ? "missed" : credit is null || credit.Unknown ? "unknown" : "met";
        return (status, flag?.Message ?? (credit is { Unknown: false } ? credit.Message : t.Library.Get("account.report.unknown")));
    }

    private static void Owners(Html h, PageText t, AccountSheet sheet)
    {
        h.Raw("<section aria-labelledby=\"owners\"><h2 id=\"owners\">").Text(t["accounts.owners"]).Raw("</h2>");
        h.Raw("<div class=\"scroll\" tabindex=\"0\"><table class=\"owners\"><thead><tr>");
        foreach (var text in new[] { t.Library.Get("account.column.owner"), t["accounts.count"], t.Library.Get("account.column.openPipeline"), t.Library.Get("account.column.weightedPipeline") })
        {
            h.El("th", text, "scope=\"col\"");
        }

        h.Raw("</tr></thead><tbody>");
        foreach (var o in sheet.Owners)
        {
            h.Raw("<tr>").El("th", o.Owner ?? t.Library.Get("account.list.noOwner"), "scope=\"row\"").El("td", o.Accounts.ToString("#,0", CultureInfo.InvariantCulture), "class=\"num\"")
                .El("td", PageText.Money(o.OpenPipeline), "class=\"num\"").El("td", PageText.Money(o.WeightedPipeline), "class=\"num\"").Raw("</tr>");
        }

        h.Raw("</tbody></table></div></section>");
    }

    private static IEnumerable<AccountLine> Sort(IEnumerable<AccountLine> rows, Filter f, PageText t)
    {
        IOrderedEnumerable<AccountLine> Order<TKey>(Func<AccountLine, TKey> key, IComparer<TKey>? comparer = null)
            => f.Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
        var text = StringComparer.Create(t.Culture, true);
        return f.Sort switch
        {
            "id" => Order(a => a.Id, StringComparer.Ordinal),
            "name" => Order(a => a.Name ?? string.Empty, text),
            "type" => Order(a => Array.IndexOf(Types, a.Type)),
            "owner" => Order(a => a.Owner ?? "\uffff", text),
            "score" => Order(a => a.Score),
            "revenue" => Order(a => a.Revenue),
            "weighted" => Order(a => a.WeightedPipeline),
            "opportunities" => Order(a => a.Opportunities),
            _ => f.Descending ? rows.Reverse() : rows, // the library's order: best grade first, then score
        };
    }

    private sealed record Filter(string? Search, string? Grade, string? Type, string? Health, string? Owner, string Sort, bool Descending, int Page)
    {
        /// <summary>The owner filter's value for the accounts without one.</summary>
        public const string NoOwner = "-";

        public static Filter From(PageRequest r) => new(
            r.Query("q"), r.Query("grade"), r.Query("type"), r.Query("health"), r.Query("owner"), r.Query("sort") ?? "grade", r.Query("dir") == "desc",
            int.TryParse(r.Query("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1);

        public bool Keeps(AccountLine a)
            => (Grade is null || a.Grade == Grade)
            && (Type is null || a.Type == Type)
            && (Health is null || a.Health == Health)
            && (Owner is null || (Owner == NoOwner ? a.Owner is null : a.Owner == Owner))
            && (Search is null || Has(a.Id) || Has(a.Name) || Has(a.Owner));

        private bool Has(string? text) => text is not null && text.Contains(Search!, StringComparison.OrdinalIgnoreCase);
    }
}
