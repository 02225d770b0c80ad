using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Policy;
using OpportunityScoring.Rules;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// Policy what-if: a proposed policy, uploaded or picked from the host's policy folder, scored against the pipeline
/// beside the current one (the library's <see cref="PolicyWhatIf"/>); every opportunity whose grade, gate or bid
/// decision changes, with counts per change.
/// </summary>
internal static class WhatIfPage
{
    public static async Task<IResult> Show(HttpContext context, PipelineCatalog catalog, IAntiforgery antiforgery)
    {
        var r = PageRequest.Of(context);
        string? name = null, json = null;
        if (r.Query("policy") is { } picked && Policies(catalog).FirstOrDefault(p => p.Name == picked) is { } file)
        {
            name = file.Name;
            json = await File.ReadAllTextAsync(file.FullName, context.RequestAborted).ConfigureAwait(false);
        }

        return await Render(r, catalog, antiforgery, name, json).ConfigureAwait(false);
    }

    public static async Task<IResult> Run(HttpContext context, PipelineCatalog catalog, IAntiforgery antiforgery)
    {
        var r = PageRequest.Of(context);
        if (!await PageForms.Valid(context, antiforgery).ConfigureAwait(false))
        {
            return Layout.Problem(r, StatusCodes.Status400BadRequest, r.T["form.expired.title"], r.T["form.expired"]);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form.Files.GetFile("policy") is not { Length: > 0 } upload)
        {
            return await Render(r, catalog, antiforgery, null, null, r.T["whatif.noFile"]).ConfigureAwait(false);
        }

        using var reader = new StreamReader(upload.OpenReadStream());
        var json = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        return await Render(r, catalog, antiforgery, Path.GetFileName(upload.FileName), json).ConfigureAwait(false);
    }

    private static async Task<IResult> Render(PageRequest r, PipelineCatalog catalog, IAntiforgery antiforgery, string? name, string? json, string? problem = null)
    {
        var t = r.T;
        var source = r.Query("source") ?? (r.Context.Request.HasFormContentType ? (await r.Context.Request.ReadFormAsync().ConfigureAwait(false))["source"].ToString() : null);
        source = string.IsNullOrEmpty(source) ? null : source;
        var pipeline = await catalog.Resolve(source).ConfigureAwait(false);
        WhatIfResult? result = null;
        if (json is not null && pipeline is not null)
        {
            try
            {
                var proposed = OpportunityRules.CreateScorer(PolicyLoader.Parse(json, name ?? "policy"));
                result = PolicyWhatIf.Compare(catalog.Scorer, proposed, pipeline.Opportunities, pipeline.AsOf);
            }
            catch (PolicyValidationException e)
            {
                problem = t["whatif.badPolicy", name ?? "policy", e.Message];
            }
        }

        return Layout.Page(r, t["whatif.title"], PageRoutes.WhatIf, h =>
        {
            h.El("h1", t["whatif.title"]);
            h.El("p", pipeline is null ? t["pipeline.none"] : t["whatif.about", pipeline.Name, pipeline.Opportunities.Count.ToString("#,0", CultureInfo.InvariantCulture), catalog.Scorer.Policy.Stamp.Name, catalog.Scorer.Policy.Stamp.Version], "class=\"lead\"");
            Forms(h, r, catalog, antiforgery, source);
            if (problem is not null)
            {
                h.El("p", problem, "role=\"alert\" class=\"problem\"");
            }

            if (result is not null)
            {
                Result(h, t, result, source);
            }
        });
    }

    private static void Forms(Html h, PageRequest r, PipelineCatalog catalog, IAntiforgery antiforgery, string? source)
    {
        var t = r.T;
        h.Raw("<div class=\"two\"><form method=\"post\" enctype=\"multipart/form-data\" action=\"").Raw(PageRoutes.WhatIf).Raw("\" class=\"card\">");
        PageForms.Token(h, r.Context, antiforgery);
        if (source is not null)
        {
            h.Raw($"<input type=\"hidden\" name=\"source\" value=\"{Html.Attr(source)}\">");
        }

        h.El("h2", t["whatif.upload"]).Raw("<p><label for=\"policy-file\">").Text(t["whatif.file"]).Raw("</label><input id=\"policy-file\" name=\"policy\" type=\"file\" accept=\".json,application/json\" required></p>");
        h.Raw("<p><button type=\"submit\">").Text(t["whatif.run"]).Raw("</button></p></form>");
        var policies = Policies(catalog).ToList();
        h.Raw($"<form method=\"get\" action=\"{PageRoutes.WhatIf}\" class=\"card\">");
        if (source is not null)
        {
            h.Raw($"<input type=\"hidden\" name=\"source\" value=\"{Html.Attr(source)}\">");
        }

        h.El("h2", t["whatif.pick"]).Raw("<p><label for=\"policy-pick\">").Text(t["whatif.pickLabel"]).Raw("</label><select id=\"policy-pick\" name=\"policy\">");
        foreach (var p in policies)
        {
            h.Raw($"<option value=\"{Html.Attr(p.Name)}\"{(p.Name == r.Query("policy") ? " selected" : string.Empty)}>").Text(p.Name).Raw("</option>");
        }

        h.Raw("</select></p><p><button type=\"submit\">").Text(t["whatif.run"]).Raw("</button></p></form></div>");
    }

    private static void Result(Html h, PageText t, WhatIfResult result, string? source)
    {
        var changes = result.Changes;
        h.Raw("<section aria-labelledby=\"whatif-result\"><h2 id=\"whatif-result\">").Text(t["whatif.result", result.Proposed.Name, result.Proposed.Version]).Raw("</h2>");
        h.El("p", t["whatif.counts", result.Compared.ToString("#,0", CultureInfo.InvariantCulture), changes.Count, Count(result, "grade"), Count(result, "gate"), Count(result, "bid")], "class=\"whatif-counts\" data-changed=\"" + changes.Count.ToString(CultureInfo.InvariantCulture) + "\"");
        var transitions = changes.SelectMany(c => Transitions(t, c)).GroupBy(x => x).Select(g => (g.Key, Count: g.Count())).OrderByDescending(x => x.Count).ToList();
        if (transitions.Count > 0)
        {
            h.Raw("<table class=\"transitions\"><thead><tr><th scope=\"col\">").Text(t["col.change"]).Raw("</th><th scope=\"col\">").Text(t["col.count"]).Raw("</th></tr></thead><tbody>");
            foreach (var (what, count) in transitions)
            {
                h.Raw("<tr>").El("th", what, "scope=\"row\"").El("td", count.ToString("#,0", CultureInfo.InvariantCulture), "class=\"num\"").Raw("</tr>");
            }

            h.Raw("</tbody></table>");
        }

        if (changes.Count == 0)
        {
            h.El("p", t["whatif.noChange"]);
        }
        else
        {
            h.Raw("<div class=\"scroll\" tabindex=\"0\"><table class=\"whatif\"><thead><tr>");
            foreach (var col in new[] { "col.id", "col.grade", "col.score", "col.gate", "col.bid" })
            {
                h.El("th", t[col], "scope=\"col\"");
            }

            h.Raw("</tr></thead><tbody>");
            foreach (var c in changes.Take(1000))
            {
                h.Raw($"<tr data-id=\"{Html.Attr(c.Id)}\"><th scope=\"row\">").Link(PageRoutes.OpportunityOf(c.Id, source), c.Id).Raw("</th>");
                h.El("td", Arrow(c.GradeBefore.ToString(), c.GradeAfter.ToString())).El("td", Arrow(Html.Num(c.ScoreBefore), Html.Num(c.ScoreAfter)), "class=\"num\"")
                    .El("td", Arrow(t.Word(c.GateBefore), t.Word(c.GateAfter))).El("td", Arrow(Bid(t, c.BidBefore), Bid(t, c.BidAfter))).Raw("</tr>");
            }

            h.Raw("</tbody></table></div>");
            if (changes.Count > 1000)
            {
                h.El("p", t["whatif.more", changes.Count - 1000]);
            }
        }

        h.Raw("</section>");
    }

    private static IEnumerable<string> Transitions(PageText t, WhatIfChange c)
    {
        if (c.GradeBefore != c.GradeAfter)
        {
            yield return t["whatif.grade", c.GradeBefore, c.GradeAfter];
        }

        if (c.GateBefore != c.GateAfter)
        {
            yield return t["whatif.gate", t.Word(c.GateBefore), t.Word(c.GateAfter)];
        }

        if (c.BidBefore != c.BidAfter)
        {
            yield return t["whatif.bid", Bid(t, c.BidBefore), Bid(t, c.BidAfter)];
        }
    }

    private static int Count(WhatIfResult result, string kind) => result.Counts.TryGetValue(kind, out var n) ? n : 0;

    private static string Arrow(string before, string after) => before == after ? before : $"{before} → {after}";

    private static string Bid(PageText t, BidRecommendation? bid) => bid is { } b ? t.Word(b) : "—";

    /// <summary>The policy files the host offers (<c>Pages:PolicyFolder</c>).</summary>
    private static IEnumerable<FileInfo> Policies(PipelineCatalog catalog)
    {
        var folder = new DirectoryInfo(Path.GetFullPath(catalog.Options.PolicyFolder, AppContext.BaseDirectory));
        return folder.Exists ? folder.EnumerateFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal) : [];
    }
}
