namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// Actions and overrides with their history (issue 21, the review loop): a section of the opportunity page and the
/// review queue page. An extension point in this build — the section and the navigation entry exist and say they are
/// not available, because the review loop is not part of this build. When it lands, this file alone renders the
/// recorded actions, overrides and their history (from the ledger) and the queue.
/// </summary>
internal static class ReviewSection
{
    /// <summary>The opportunity page's "actions and overrides" section.</summary>
    public static void Write(Html h, PageText t)
    {
        h.Raw("<section aria-labelledby=\"review\"><h2 id=\"review\">").Text(t["opportunity.review"]).Raw("</h2>")
            .El("p", t["notAvailable"], "class=\"notice\" data-not-available=\"review\"")
            .El("p", t["opportunity.review.notAvailable"])
            .Raw("</section>");
    }

    /// <summary>The review queue page.</summary>
    public static IResult Show(HttpContext context)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        return Layout.Page(r, t["reviews.title"], PageRoutes.Reviews, h => h
            .El("h1", t["reviews.title"])
            .El("p", t["notAvailable"], "class=\"notice\" data-not-available=\"reviews\"")
            .El("p", t["reviews.notAvailable"]));
    }
}
