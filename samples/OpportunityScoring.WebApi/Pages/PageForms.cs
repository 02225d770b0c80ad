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

    /// <summary>One filter of a list's form: a labelled select whose empty option means any.</summary>
    public static void FilterSelect(Html h, string name, string label, IEnumerable<(string Value, string Text)> options, string? selected, PageText t)
    {
        h.Raw($"<p><label for=\"{name}\">").Text(label).Raw($"</label><select id=\"{name}\" name=\"{name}\"><option value=\"\">").Text(t["filter.any"]).Raw("</option>");
        foreach (var (value, text) in options)
        {
            h.Raw($"<option value=\"{Html.Attr(value)}\"{(value == selected ? " selected" : string.Empty)}>").Text(text).Raw("</option>");
        }

        h.Raw("</select></p>");
    }

    /// <summary>The end of a list's filter form: the sort kept, apply, and a link that clears the filters (keeping the source).</summary>
    public static void FilterEnd(Html h, PageRequest r, PageText t, string sort, bool descending, string route)
    {
        h.Raw($"<input type=\"hidden\" name=\"sort\" value=\"{Html.Attr(sort)}\"><input type=\"hidden\" name=\"dir\" value=\"{(descending ? "desc" : "asc")}\">");
        h.Raw("<p><button type=\"submit\">").Text(t["filter.apply"]).Raw("</button> ").Link(route + (r.Query("source") is { } s ? "?source=" + Uri.EscapeDataString(s) : string.Empty), t["filter.clear"]).Raw("</p></form>");
    }
}
