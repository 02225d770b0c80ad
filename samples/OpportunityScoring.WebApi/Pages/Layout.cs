namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The frame of every page: skip link, the pages' navigation, the language switch, one <c>main</c>. A page added later
/// is one more entry in <see cref="Sections"/> and one more route.
/// </summary>
internal static class Layout
{
    /// <summary>The navigation: the text code and the path of each page.</summary>
    public static readonly IReadOnlyList<(string Code, string Path)> Sections =
    [
        ("nav.pipeline", PageRoutes.Pipeline),
        ("nav.whatIf", PageRoutes.WhatIf),
        ("nav.upload", PageRoutes.Upload),
        ("nav.accounts", PageRoutes.Accounts),
        ("nav.reviews", PageRoutes.Reviews),
    ];

    private static readonly (string Language, string Name)[] Languages = [("en", "English"), ("zh-Hant", "繁體中文"), ("zh-Hans", "简体中文")];

    public static IResult Page(PageRequest request, string title, string section, Action<Html> body, string? head = null)
    {
        var t = request.T;
        var source = request.Query("source");
        var h = new Html();
        h.Raw($"<!DOCTYPE html>\n<html lang=\"{t.Language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .El("title", $"{title} · {t["app.name"]}")
            .Raw("<link rel=\"stylesheet\" href=\"/pages/assets/site.css\">");
        if (head is not null)
        {
            h.Raw(head);
        }

        h.Raw("</head><body>").Link("#main", t["nav.skip"], "class=\"skip\"");
        h.Raw("<header class=\"top\">").El("p", t["app.name"], "class=\"brand\"");
        h.Raw($"<nav aria-label=\"{Html.Attr(t["nav.label"])}\"><ul>");
        foreach (var (code, path) in Sections)
        {
            var href = source is null ? path : $"{path}?source={Uri.EscapeDataString(source)}";
            h.Raw("<li>").Link(href, t[code], section == path ? "aria-current=\"page\"" : null).Raw("</li>");
        }

        h.Raw($"</ul></nav><nav aria-label=\"{Html.Attr(t["nav.language"])}\" class=\"languages\"><ul>");
        foreach (var (language, name) in Languages)
        {
            h.Raw("<li>").Link(request.With(("lang", language)), name, $"lang=\"{language}\" hreflang=\"{language}\" data-lang=\"{language}\"" + (language == t.Language ? " aria-current=\"true\"" : string.Empty)).Raw("</li>");
        }

        h.Raw("</ul></nav></header><main id=\"main\" tabindex=\"-1\">");
        body(h);
        h.Raw("</main></body></html>");
        return Results.Content(h.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>A page that says what went wrong (unknown opportunity, unreadable file), with its status code.</summary>
    public static IResult Problem(PageRequest request, int status, string title, string message)
    {
        request.Context.Response.StatusCode = status;
        return Page(request, title, string.Empty, h => h.El("h1", title).El("p", message, "role=\"alert\""));
    }

    /// <summary>The records a page's input rejected, each naming its record and field (the first 200).</summary>
    public static void Rejected(Html h, string heading, IReadOnlyList<InputError> errors, PageText t)
    {
        if (errors.Count == 0)
        {
            return;
        }

        h.Raw("<section aria-labelledby=\"rejected\"><h2 id=\"rejected\">").Text(heading).Raw("</h2><ul class=\"errors\">");
        foreach (var e in errors.Take(200))
        {
            h.El("li", t["pipeline.error", e.Id ?? "—", e.Index, e.Field, e.Message]);
        }

        h.Raw("</ul></section>");
    }
}

/// <summary>The pages' paths.</summary>
internal static class PageRoutes
{
    public const string Root = "/pages";
    public const string Pipeline = "/pages/pipeline";
    public const string Opportunity = "/pages/opportunities";
    public const string WhatIf = "/pages/whatif";
    public const string Upload = "/pages/upload";
    public const string Uploads = "/pages/uploads";
    public const string Accounts = "/pages/accounts";
    public const string Reviews = "/pages/reviews";

    public static string AccountOf(string id, string? source)
        => $"{Accounts}/{Uri.EscapeDataString(id)}" + (source is null ? string.Empty : "?source=" + Uri.EscapeDataString(source));

    public static string OpportunityOf(string id, string? source)
        => $"{Opportunity}/{Uri.EscapeDataString(id)}" + (source is null ? string.Empty : "?source=" + Uri.EscapeDataString(source));
}
