namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The key accounts (issue 19): the key-account list with grades, service targets against actuals and the 80/20 curve.
/// An extension point in this build — its navigation entry and route exist, and the page says it is not available,
/// because the key-account scoring is not part of this build. When it lands, this file alone renders the list (with
/// <see cref="Charts"/> for the curve) from the key-account service the host registers.
/// </summary>
internal static class AccountsPage
{
    public static IResult Show(HttpContext context)
    {
        var r = PageRequest.Of(context);
        var t = r.T;
        return Layout.Page(r, t["accounts.title"], PageRoutes.Accounts, h => h
            .El("h1", t["accounts.title"])
            .El("p", t["notAvailable"], "class=\"notice\" data-not-available=\"accounts\"")
            .El("p", t["accounts.notAvailable"]));
    }
}
