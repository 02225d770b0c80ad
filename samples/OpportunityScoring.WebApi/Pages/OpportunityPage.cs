using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using OpportunityScoring.Insights;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// One opportunity's decision record as a page: the score as a waterfall of its reasons, knock-outs and red flags, the
/// gate checklist, the bid economics with the cost risk and the floor, improvements and flip points, the trend over
/// the ledger's runs, and the action plan and overrides recorded in the ledger (<see cref="ReviewSection"/>). The opportunity is explained again on the request (improvements and flip points re-score it).
/// </summary>
internal static class OpportunityPage
{
    public static async Task<IResult> Show(string id, HttpContext context, PipelineCatalog catalog, IAntiforgery antiforgery)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        var pipeline = await catalog.Resolve(r.Query("source")).ConfigureAwait(false);
        if (pipeline?.IndexOf(id) is not { } index)
        {
            return Layout.Problem(r, StatusCodes.Status404NotFound, t["opportunity.notFound.title"], t["opportunity.notFound", id]);
        }

        var o = pipeline.Opportunities[index];
        var a = Explainer.Scorer(catalog.Scorer, t.Library, context.RequestAborted).Score(o, pipeline.AsOf);
        var report = DecisionReport.Create(o, a, pipeline.AsOf);
        var history = catalog.Ledger?.History(id);
        return Layout.Page(r, t["opportunity.title", id], string.Empty, h =>
        {
            h.El("h1", t["opportunity.title", id] + (o.Name is null ? string.Empty : " — " + o.Name));
            h.Raw("<dl class=\"figures\">");
            h.El("dt", t["col.account"]).Raw("<dd>");
            if (GradedAccounts.IdOf(o.Account.Id) is { } account)
            {
                h.Link(PageRoutes.AccountOf(account, pipeline.Key == PipelineCatalog.ConfiguredKey ? null : pipeline.Key), o.Account.Name ?? account, "class=\"account\"");
            }
            else
            {
                h.Text(o.Account.Name ?? t.Library.Get("word.unknown"));
            }

            h.Raw("</dd>");
            Figure(h, t["col.stage"], t.Word(o.Stage));
            Figure(h, t["col.grade"], a.Grade.ToString(), "id=\"grade\"");
            Figure(h, t["col.score"], Html.Num(a.Score), "id=\"score\"");
            Figure(h, t["col.probability"], PageText.Percent(a.WinProbability));
            Figure(h, t["col.amount"], PageText.Money(o.ExpectedContractAmount));
            Figure(h, t["opportunity.asOf"], pipeline.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Figure(h, t["opportunity.policy"], $"{a.Policy.Name} {a.Policy.Version}");
            h.Raw("</dl>");
            Waterfall(h, t, a);
            Flags(h, t, a);
            Gate(h, t, a);
            OpportunityBid.Write(h, t, a, report);
            Insights(h, t, a, report);
            Trend(h, t, history, catalog.Ledger is not null);
            ReviewSection.Write(h, r, id, catalog.Ledger, antiforgery);
        });
    }

    private static void Figure(Html h, string label, string value, string? attributes = null) => h.El("dt", label).El("dd", value, attributes);

    private static void Waterfall(Html h, PageText t, Assessment a)
    {
        // The bars are the reasons that carry points; the others (gate, bid, grade band notes) follow as notes.
        var scoring = a.Reasons.Where(x => x.Points != 0).ToList();
        h.Raw("<section aria-labelledby=\"why\"><h2 id=\"why\">").Text(t["opportunity.waterfall"]).Raw("</h2><figure>")
            .Raw(Charts.Waterfall([.. scoring.Select(x => x.Points)], a.Score, t["opportunity.waterfall.label", Html.Num(a.Score), scoring.Count], t["col.score"]))
            .Raw("<figcaption>").Text(t["opportunity.waterfall.caption"]).Raw("</figcaption></figure>");
        h.Raw("<table class=\"reasons\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">").Text(t["col.points"]).Raw("</th><th scope=\"col\">").Text(t["col.reason"]).Raw("</th></tr></thead><tbody>");
        for (var i = 0; i < scoring.Count; i++)
        {
            var reason = scoring[i];
            h.Raw("<tr>").El("th", (i + 1).ToString(CultureInfo.InvariantCulture), "scope=\"row\"").El("td", (reason.Points > 0 ? "+" : string.Empty) + Html.Num(reason.Points), "class=\"num\"")
                .El("td", reason.Text.Render(t.Library)).Raw("</tr>");
        }

        h.Raw("</tbody><tfoot><tr><th scope=\"row\">").Text(t["col.score"]).Raw("</th>").El("td", Html.Num(a.Score), "class=\"num\"").Raw("<td></td></tr></tfoot></table>");
        h.El("h3", t["opportunity.notes"]);
        List(h, t, a.Reasons.Where(x => x.Points == 0).Select(x => x.Text.Render(t.Library)));
        h.Raw("</section>");
    }

    private static void Flags(Html h, PageText t, Assessment a)
    {
        h.Raw("<div class=\"two\"><section aria-labelledby=\"knockouts\"><h2 id=\"knockouts\">").Text(t["opportunity.knockOuts"]).Raw("</h2>");
        List(h, t, a.KnockOuts.Select(k => t["opportunity.knockOut", t.Name("knockOut.name.", k.Code), k.Cap, k.Text.Render(t.Library)]));
        h.Raw("</section><section aria-labelledby=\"redflags\"><h2 id=\"redflags\">").Text(t["opportunity.redFlags"]).Raw("</h2>");
        List(h, t, a.RedFlags.Select(f => f.Text.Render(t.Library)));
        h.Raw("</section></div>");
    }

    private static void Gate(Html h, PageText t, Assessment a)
    {
        var gate = a.Gate;
        h.Raw("<section aria-labelledby=\"gate\"><h2 id=\"gate\">").Text(t["opportunity.gate"]).Raw("</h2>");
        h.El("p", t["opportunity.gate.outcome", t.Word(gate.Stage), t.Word(gate.Outcome), t.Word(gate.NextStage)], $"class=\"gate {PipelinePage.Contract(gate.Outcome)}\"");
        h.Raw("<ul class=\"checklist\">");
        if (gate.Missing.Count == 0 && gate.EndedBy.Count == 0)
        {
            h.Raw("<li class=\"met\">").Text(t["opportunity.gate.allMet"]).Raw("</li>");
        }

        foreach (var m in gate.Missing)
        {
            h.Raw("<li class=\"missing\"><span class=\"mark\">").Text(t["opportunity.gate.missing"]).Raw("</span> ").Text(t.Name("gate.name.", m.Code) + t["sentence.colon"] + m.Text.Render(t.Library)).Raw("</li>");
        }

        foreach (var m in gate.EndedBy)
        {
            h.Raw("<li class=\"ended\"><span class=\"mark\">").Text(t["opportunity.gate.ended"]).Raw("</span> ").Text(t.Name("gate.end.name.", m.Code) + t["sentence.colon"] + m.Text.Render(t.Library)).Raw("</li>");
        }

        h.Raw("</ul>");
        if (a.MissingEvidence.Count > 0)
        {
            h.El("h3", t["opportunity.missingEvidence"]);
            List(h, t, a.MissingEvidence.Select(m => m.Text.Render(t.Library)));
        }

        h.Raw("</section>");
    }

    private static void Insights(Html h, PageText t, Assessment a, DecisionReport report)
    {
        h.Raw("<section aria-labelledby=\"improve\"><h2 id=\"improve\">").Text(t["opportunity.improvements"]).Raw("</h2>");
        if (a.Improvements is { Count: > 0 } improvements)
        {
            h.Raw("<table class=\"improvements\"><thead><tr><th scope=\"col\">").Text(t["col.improvement"]).Raw("</th><th scope=\"col\">").Text(t["col.points"])
                .Raw("</th><th scope=\"col\">").Text(t["col.scoreAfter"]).Raw("</th><th scope=\"col\">").Text(t["col.gradeAfter"]).Raw("</th></tr></thead><tbody>");
            foreach (var i in improvements)
            {
                h.Raw("<tr>").El("td", i.Message).El("td", "+" + Html.Num(i.Points), "class=\"num\"").El("td", Html.Num(i.ScoreAfter), "class=\"num\"").El("td", i.GradeAfter.ToString()).Raw("</tr>");
            }

            h.Raw("</tbody></table>");
        }
        else
        {
            h.El("p", t["opportunity.improvements.none"]);
        }

        h.El("h3", t["opportunity.flipPoints"]);
        List(h, t, (a.FlipPoints ?? []).Select(f => f.Message));
        if (report.ActionsIn(t.Library) is { Count: > 0 } actions)
        {
            h.El("h3", t["opportunity.actions"]);
            List(h, t, actions.Select(x => t.Name("action.name.", x.Code) + t["sentence.colon"] + x.Message));
        }

        h.Raw("</section>");
    }

    private static void Trend(Html h, PageText t, OpportunityHistory? history, bool hasLedger)
    {
        h.Raw("<section aria-labelledby=\"trend\"><h2 id=\"trend\">").Text(t["opportunity.trend"]).Raw("</h2>");
        if (!hasLedger)
        {
            h.El("p", t["opportunity.trend.noLedger"]);
        }
        else if (history is null || history.Entries.Count == 0)
        {
            h.El("p", t["opportunity.trend.none"]);
        }
        else
        {
            var entries = history.Entries;
            h.Raw("<figure>").Raw(Charts.Trend([.. entries.Select(e => (e.AsOf, e.Grade, e.Score))], t["opportunity.trend.label", entries.Count])).Raw("</figure>");
            h.Raw("<table class=\"history\"><thead><tr>");
            foreach (var col in new[] { "col.asOf", "col.stage", "col.grade", "col.score", "col.gate", "col.bid", "col.trend", "col.policyVersion" })
            {
                h.El("th", t[col], "scope=\"col\"");
            }

            h.Raw("</tr></thead><tbody>");
            foreach (var e in entries)
            {
                h.Raw("<tr>").El("th", e.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "scope=\"row\"").El("td", t.Word("stage", e.Stage)).El("td", e.Grade)
                    .El("td", Html.Num(e.Score), "class=\"num\"").El("td", t.Word("gateOutcome", e.GateOutcome)).El("td", e.Bid is null ? "—" : t.Word("bidRecommendation", e.Bid))
                    .El("td", t["trend." + TrendRule.Word(e.Trend)]).El("td", e.PolicyVersion).Raw("</tr>");
            }

            h.Raw("</tbody></table>");
        }

        h.Raw("</section>");
    }

    /// <summary>A list, or "none" in the language.</summary>
    public static void List(Html h, PageText t, IEnumerable<string> items)
    {
        var any = false;
        foreach (var item in items)
        {
            h.Raw(any ? string.Empty : "<ul>").El("li", item);
            any = true;
        }

        h.Raw(any ? "</ul>" : $"<p class=\"none\">{Html.Attr(t.Library.Get("word.none"))}</p>");
    }
}
