using OpportunityScoring.Ledger;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The review queue (docs/review.md): across the ledger, the actions that need a remedy (補救: overdue, or done without
/// effect), the overrides that lapsed or are to be decided again, and those in force that expire within
/// <see cref="ExpiringWithinDays"/> days of the pipeline's day — what a sales director goes through at the review.
/// </summary>
internal static class ReviewsPage
{
    /// <summary>How soon an override's expiry day puts it in the queue.</summary>
    public const int ExpiringWithinDays = 14;

    public static async Task<IResult> Show(HttpContext context, PipelineCatalog catalog)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        var ledger = catalog.Ledger;
        var day = (await catalog.Configured().ConfigureAwait(false))?.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        List<ActionReview>? remedies = null;
        List<OverrideStatus>? overrides = null;
        string? problem = null;
        if (ledger is not null)
        {
            try
            {
                remedies = [.. ledger.Actions().Where(a => a.NeedsRemedy).OrderBy(a => a.Due).ThenBy(a => a.ActionId)];
                overrides = [.. ledger.OverridesOf().Where(o => InQueue(o, day)).OrderBy(o => o.State).ThenBy(o => o.ExpiresOn ?? DateOnly.MaxValue).ThenBy(o => o.OverrideId)];
            }
            catch (LedgerException e)
            {
                problem = t["review.unreadable", e.Message];
            }
        }

        return Layout.Page(r, t["reviews.title"], PageRoutes.Reviews, h =>
        {
            h.El("h1", t["reviews.title"]);
            if (ledger is null)
            {
                h.El("p", t["review.noLedger"]);
                return;
            }

            if (problem is not null)
            {
                h.El("p", problem, "role=\"alert\" class=\"problem\"");
                return;
            }

            h.El("p", t["reviews.about", day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ExpiringWithinDays], "class=\"lead\"");
            h.Raw("<section aria-labelledby=\"remedies\"><h2 id=\"remedies\">").Text(t["reviews.remedies", remedies!.Count]).Raw("</h2>");
            if (remedies.Count == 0)
            {
                h.El("p", t["reviews.remedies.none"], "class=\"none\"");
            }
            else
            {
                ReviewSection.Actions(h, t, remedies, withOpportunity: true);
            }

            h.Raw("</section><section aria-labelledby=\"due-overrides\"><h2 id=\"due-overrides\">").Text(t["reviews.overrides", overrides!.Count]).Raw("</h2>");
            if (overrides.Count == 0)
            {
                h.El("p", t["reviews.overrides.none"], "class=\"none\"");
            }
            else
            {
                ReviewSection.Overrides(h, t, overrides, withOpportunity: true);
            }

            h.Raw("</section>");
        });
    }

    /// <summary>Lapsed, re-raised, or in force with an expiry day within the window.</summary>
    private static bool InQueue(OverrideStatus o, DateOnly day) => o.State switch
    {
        OverrideState.Lapsed or OverrideState.ReRaised => true,
        OverrideState.Active => o.ExpiresOn is { } on && on <= day.AddDays(ExpiringWithinDays),
        _ => false,
    };
}
