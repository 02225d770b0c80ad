using Microsoft.AspNetCore.Antiforgery;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>The pages' forms: every form that changes something carries an antiforgery token, checked before it is read.</summary>
internal static class PageForms
{
    public static void Token(Html h, HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        h.Raw($"<input type=\"hidden\" name=\"{Html.Attr(tokens.FormFieldName)}\" value=\"{Html.Attr(tokens.RequestToken)}\">");
    }

    public static async Task<bool> Valid(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context).ConfigureAwait(false);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
