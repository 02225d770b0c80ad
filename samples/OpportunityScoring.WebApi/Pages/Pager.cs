using System.Globalization;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>The pager of the pages' tables (the pipeline's opportunities, the key-account list).</summary>
internal static class Pager
{
    /// <summary>Writes the pager (previous, page n of m, next) under a table of more than one page; nothing for one page.</summary>
    public static void Write(Html h, PageRequest r, int page, int pages)
    {
        var t = r.T;
        if (pages <= 1)
        {
            return;
        }

        h.Raw($"<nav aria-label=\"{Html.Attr(t["table.pages"])}\" class=\"pager\"><ul>");
        if (page > 1)
        {
            h.Raw("<li>").Link(r.With(("page", (page - 1).ToString(CultureInfo.InvariantCulture))), t["table.previous"], "rel=\"prev\"").Raw("</li>");
        }

        h.El("li", t["table.page", page, pages]);
        if (page < pages)
        {
            h.Raw("<li>").Link(r.With(("page", (page + 1).ToString(CultureInfo.InvariantCulture))), t["table.next"], "rel=\"next\"").Raw("</li>");
        }

        h.Raw("</ul></nav>");
    }
}
