using System.Globalization;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The pipeline: where it stands by grade and stage, its open and weighted value, gate outcomes and bid decisions,
/// what changed since the last run (ledger), and a table filtered and sorted on the server from the query string.
/// </summary>
internal static class PipelinePage
{
    private static readonly Grade[] Grades = Enum.GetValues<Grade>();
    private static readonly Stage[] Stages = Enum.GetValues<Stage>();

    public static async Task<IResult> Show(HttpContext context, PipelineCatalog catalog)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        var source = r.Query("source");
        var pipeline = await catalog.Resolve(source).ConfigureAwait(false);
        if (pipeline is null)
        {
            return Layout.Page(r, t["pipeline.title"], PageRoutes.Pipeline, h =>
            {
                h.El("h1", t["pipeline.title"]);
                h.El("p", source is null ? catalog.ConfiguredError is { } why ? t["pipeline.unreadable", why] : t["pipeline.none"] : t["pipeline.uploadGone"]);
                h.Raw("<p>").Link(PageRoutes.Upload, t["upload.title"]).Raw("</p>");
            });
        }

        var filter = Filter.From(r);
        var rows = Enumerable.Range(0, pipeline.Assessments.Count).Where(i => filter.Keeps(pipeline.Opportunities[i], pipeline.Assessments[i]));
        var sorted = Sort(rows, pipeline, filter.Sort, filter.Descending, r.T).ToList();
        return Layout.Page(r, t["pipeline.title"], PageRoutes.Pipeline, h =>
        {
            h.El("h1", t["pipeline.title"]);
            h.El("p", t["pipeline.about", pipeline.Name, pipeline.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), pipeline.Policy.Name, pipeline.Policy.Version], "class=\"lead\"");
            Summary(h, r, pipeline);
            Matrix(h, r, pipeline);
            Outcomes(h, t, pipeline);
            Changes(h, r, pipeline, catalog);
            FilterForm(h, r, filter);
            Table(h, r, pipeline, sorted, filter, catalog.Options.RowsPerPage);
            Layout.Rejected(h, t["pipeline.rejectedRecords", pipeline.Errors.Count], pipeline.Errors, t);
        });
    }

    private static void Summary(Html h, PageRequest r, ScoredPipeline p)
    {
        var t = r.T;
        var s = p.Summary;
        h.Raw("<section aria-labelledby=\"summary\"><h2 id=\"summary\">").Text(t["pipeline.summary"]).Raw("</h2><dl class=\"figures\">");
        Figure(h, t["pipeline.records"], s.Records.ToString("#,0", CultureInfo.InvariantCulture));
        Figure(h, t["pipeline.assessed"], s.Assessed.ToString("#,0", CultureInfo.InvariantCulture));
        Figure(h, t["pipeline.rejected"], s.Rejected.ToString("#,0", CultureInfo.InvariantCulture));
        Figure(h, t["pipeline.openValue"], PageText.Money(s.OpenPipelineValue));
        Figure(h, t["pipeline.weightedValue"], s.WeightedPipelineValue is { } w ? PageText.Money(w) : t.Library.Get("word.unknown"));
        h.Raw("</dl></section>");
    }

    private static void Figure(Html h, string label, string value) => h.El("dt", label).El("dd", value);

    /// <summary>Grade × stage counts as a table (the chart a screen reader can read too); each count filters the table.</summary>
    private static void Matrix(Html h, PageRequest r, ScoredPipeline p)
    {
        var t = r.T;
        var counts = new long[Grades.Length, Stages.Length];
        var max = 1L;
        for (var i = 0; i < p.Assessments.Count; i++)
        {
            max = Math.Max(max, ++counts[(int)p.Assessments[i].Grade, (int)p.Opportunities[i].Stage]);
        }

        h.Raw("<section aria-labelledby=\"matrix\"><h2 id=\"matrix\">").Text(t["pipeline.matrix"]).Raw("</h2><table class=\"matrix\"><thead><tr><th scope=\"col\">").Text(t["col.grade"]).Raw("</th>");
        foreach (var stage in Stages)
        {
            h.El("th", t.Word(stage), "scope=\"col\"");
        }

        h.Raw("</tr></thead><tbody>");
        foreach (var grade in Grades)
        {
            h.El("th", grade.ToString(), "scope=\"row\"");
            foreach (var stage in Stages)
            {
                var n = counts[(int)grade, (int)stage];
                var level = n == 0 ? 0 : 1 + (int)(4 * n / (double)(max + 1));
                h.Raw($"<td class=\"heat{level}\" data-grade=\"{grade}\" data-stage=\"{stage}\">");
                if (n == 0)
                {
                    h.Text("0");
                }
                else
                {
                    h.Link(r.With(("grade", grade.ToString()), ("stage", Contract(stage)), ("page", null)), n.ToString("#,0", CultureInfo.InvariantCulture),
                        $"aria-label=\"{Html.Attr(t["pipeline.cell", grade, t.Word(stage), n.ToString("#,0", CultureInfo.InvariantCulture)])}\"");
                }

                h.Raw("</td>");
            }

            h.Raw("</tr>");
        }

        h.Raw("</tbody></table></section>");
    }

    private static void Outcomes(Html h, PageText t, ScoredPipeline p)
    {
        var gates = Enum.GetValues<GateOutcome>().Select(g => (t.Word(g), (long)p.Assessments.Count(a => a.Gate.Outcome == g))).ToList();
        var bids = Enum.GetValues<BidRecommendation>().Select(b => (t.Word(b), (long)p.Assessments.Count(a => a.Bid?.Decision == b)))
            .Append((t["pipeline.noBidYet"], p.Assessments.Count(a => a.Bid is null))).ToList();
        h.Raw("<div class=\"two\"><section aria-labelledby=\"gates\"><h2 id=\"gates\">").Text(t["pipeline.gates"]).Raw("</h2>")
            .Raw(Charts.Bars(gates, t["pipeline.gates"])).Raw("</section>");
        h.Raw("<section aria-labelledby=\"bids\"><h2 id=\"bids\">").Text(t["pipeline.bids"]).Raw("</h2>")
            .Raw(Charts.Bars(bids, t["pipeline.bids"])).Raw("</section></div>");
    }

    private static void Changes(Html h, PageRequest r, ScoredPipeline p, PipelineCatalog catalog)
    {
        var t = r.T;
        h.Raw("<section aria-labelledby=\"changes\"><h2 id=\"changes\">").Text(t["pipeline.changes"]).Raw("</h2>");
        if (p.Key != PipelineCatalog.ConfiguredKey)
        {
            h.El("p", t["pipeline.changes.upload"]);
        }
        else if (catalog.Ledger is null)
        {
            h.El("p", t["pipeline.changes.noLedger"]);
        }
        else if (p.Changes is not { } diff)
        {
            h.El("p", t["pipeline.changes.first", p.RunId ?? 0]);
        }
        else
        {
            var c = diff.Counts;
            h.El("p", t["pipeline.changes.counts", diff.PreviousRunId, diff.PreviousAsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Count(c.Changed), Count(c.Unchanged), Count(c.New), Count(c.Removed)], "class=\"changes-counts\"");
            if (diff.Changes.Count > 0)
            {
                h.Raw("<table class=\"changes\"><thead><tr><th scope=\"col\">").Text(t["col.id"]).Raw("</th><th scope=\"col\">").Text(t["col.change"]).Raw("</th></tr></thead><tbody>");
                foreach (var change in diff.Changes)
                {
                    h.Raw("<tr><th scope=\"row\">");
                    if (change.Kind == ChangeKind.Removed)
                    {
                        h.Text(change.Id);
                    }
                    else
                    {
                        h.Link(PageRoutes.OpportunityOf(change.Id, null), change.Id);
                    }

                    h.Raw("</th><td>").Text(change.Kind switch
                    {
                        ChangeKind.New => t["change.new"],
                        ChangeKind.Removed => t["change.removed"],
                        _ => string.Join(t["list.separator"], change.Fields.Select(f => t["change.field", t["field." + f.Field], t.FieldValue(f.Field, f.Before), t.FieldValue(f.Field, f.After)])),
                    }).Raw("</td></tr>");
                }

                h.Raw("</tbody></table>");
            }
        }

        h.Raw("</section>");
    }

    private static void FilterForm(Html h, PageRequest r, Filter f)
    {
        var t = r.T;
        h.Raw("<section aria-labelledby=\"opportunities\"><h2 id=\"opportunities\">").Text(t["pipeline.table"]).Raw("</h2>");
        h.Raw($"<form method=\"get\" action=\"{PageRoutes.Pipeline}\" class=\"filters\" role=\"search\">");
        if (r.Query("source") is { } source)
        {
            h.Raw($"<input type=\"hidden\" name=\"source\" value=\"{Html.Attr(source)}\">");
        }

        h.Raw("<p><label for=\"q\">").Text(t["filter.search"]).Raw($"</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{Html.Attr(f.Search)}\"></p>");
        PageForms.FilterSelect(h, "grade", t["col.grade"], Grades.Select(g => (g.ToString(), g.ToString())), f.Grade, t);
        PageForms.FilterSelect(h, "stage", t["col.stage"], Stages.Select(s => (Contract(s), t.Word(s))), f.Stage, t);
        PageForms.FilterSelect(h, "gate", t["col.gate"], Enum.GetValues<GateOutcome>().Select(g => (Contract(g), t.Word(g))), f.Gate, t);
        PageForms.FilterSelect(h, "bid", t["col.bid"], Enum.GetValues<BidRecommendation>().Select(b => (Contract(b), t.Word(b))), f.Bid, t);
        PageForms.FilterEnd(h, r, t, f.Sort, f.Descending, PageRoutes.Pipeline);
    }

    private static readonly (string Key, string Text)[] Columns =
    [
        ("id", "col.id"), ("name", "col.name"), ("account", "col.account"), ("stage", "col.stage"), ("grade", "col.grade"), ("score", "col.score"),
        ("probability", "col.probability"), ("gate", "col.gate"), ("bid", "col.bid"), ("amount", "col.amount"),
    ];

    private static void Table(Html h, PageRequest r, ScoredPipeline p, List<int> rows, Filter f, int perPage)
    {
        var t = r.T;
        var pages = Math.Max(1, (rows.Count + perPage - 1) / perPage);
        var page = Math.Clamp(f.Page, 1, pages);
        var first = (page - 1) * perPage;
        var shown = rows.Skip(first).Take(perPage).ToList();
        h.El("p", t["table.showing", rows.Count == 0 ? 0 : first + 1, first + shown.Count, rows.Count.ToString("#,0", CultureInfo.InvariantCulture)], "id=\"showing\" aria-live=\"polite\"");
        h.Raw("<div class=\"scroll\" tabindex=\"0\"><table class=\"opportunities\" aria-describedby=\"showing\"><thead><tr>");
        foreach (var (key, text) in Columns)
        {
            var sorted = key == f.Sort;
            var dir = sorted && !f.Descending ? "desc" : "asc";
            h.Raw($"<th scope=\"col\" aria-sort=\"{(sorted ? f.Descending ? "descending" : "ascending" : "none")}\">")
                .Link(r.With(("sort", key), ("dir", dir), ("page", null)), t[text], $"data-sort=\"{key}\"").Raw("</th>");
        }

        h.Raw("</tr></thead><tbody>");
        var source = p.Key == PipelineCatalog.ConfiguredKey ? null : p.Key;
        foreach (var i in shown)
        {
            var o = p.Opportunities[i];
            var a = p.Assessments[i];
            h.Raw($"<tr data-id=\"{Html.Attr(o.Id)}\" data-grade=\"{a.Grade}\" data-stage=\"{Contract(o.Stage)}\"><th scope=\"row\">").Link(PageRoutes.OpportunityOf(o.Id, source), o.Id).Raw("</th>");
            h.El("td", o.Name).El("td", o.Account.Name).El("td", t.Word(o.Stage)).El("td", a.Grade.ToString(), $"class=\"grade g{a.Grade}\"")
                .El("td", Html.Num(a.Score), "class=\"num\"").El("td", PageText.Percent(a.WinProbability), "class=\"num\"").El("td", t.Word(a.Gate.Outcome))
                .El("td", a.Bid is { } b ? t.Word(b.Decision) : "—").El("td", PageText.Money(o.ExpectedContractAmount), "class=\"num\"").Raw("</tr>");
        }

        h.Raw("</tbody></table></div>");
        Pager.Write(h, r, page, pages);
        h.Raw("</section>");
    }

    private static IEnumerable<int> Sort(IEnumerable<int> rows, ScoredPipeline p, string sort, bool descending, PageText t)
    {
        var o = p.Opportunities;
        var a = p.Assessments;
        IOrderedEnumerable<int> Order<TKey>(Func<int, TKey> key, IComparer<TKey>? comparer = null)
            => descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer);
        var ordered = sort switch
        {
            "name" => Order(i => o[i].Name ?? string.Empty, StringComparer.Create(t.Culture, true)),
            "account" => Order(i => o[i].Account.Name ?? string.Empty, StringComparer.Create(t.Culture, true)),
            "stage" => Order(i => (int)o[i].Stage),
            "grade" => Order(i => (int)a[i].Grade),
            "score" => Order(i => a[i].Score),
            "probability" => Order(i => a[i].WinProbability),
            "gate" => Order(i => (int)a[i].Gate.Outcome),
            "bid" => Order(i => a[i].Bid is { } b ? (int)b.Decision : -1),
            "amount" => Order(i => o[i].ExpectedContractAmount),
            _ => Order(i => o[i].Id, StringComparer.Ordinal),
        };
        return ordered.ThenBy(i => o[i].Id, StringComparer.Ordinal);
    }

    private static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>An enum value in the contract's words (camelCase), as the query string and the ledger say it.</summary>
    public static string Contract<TEnum>(TEnum value) where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private sealed record Filter(string? Search, string? Grade, string? Stage, string? Gate, string? Bid, string Sort, bool Descending, int Page)
    {
        public static Filter From(PageRequest r) => new(
            r.Query("q"), r.Query("grade"), r.Query("stage"), r.Query("gate"), r.Query("bid"), r.Query("sort") ?? "score",
            r.Query("sort") is null ? r.Query("dir") != "asc" : r.Query("dir") == "desc",
            int.TryParse(r.Query("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? page : 1);

        public bool Keeps(Opportunity o, Assessment a)
            => (Grade is null || a.Grade.ToString() == Grade)
            && (Stage is null || Contract(o.Stage) == Stage)
            && (Gate is null || Contract(a.Gate.Outcome) == Gate)
            && (Bid is null || (a.Bid is { } b && Contract(b.Decision) == Bid))
            && (Search is null || Has(o.Id) || Has(o.Name) || Has(o.Account.Name));

        private bool Has(string? text) => text is not null && text.Contains(Search!, StringComparison.OrdinalIgnoreCase);
    }
}
