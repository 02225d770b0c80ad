using Microsoft.Extensions.Primitives;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// What one page request asks for: the language (the <c>lang</c> switch, kept in a cookie, else <c>Accept-Language</c>)
/// and the query string the page's links keep.
/// </summary>
internal sealed class PageRequest
{
    private const string LanguageCookie = "os-lang";

    private PageRequest(HttpContext context, PageText text)
    {
        Context = context;
        T = text;
    }

    public HttpContext Context { get; }

    /// <summary>The page's words in its language.</summary>
    public PageText T { get; }

    public string? Query(string name) => Context.Request.Query.TryGetValue(name, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;

    /// <summary>The page's language: <c>?lang=</c> (remembered in a cookie), the cookie, then the best <c>Accept-Language</c>.</summary>
    public static PageRequest Of(HttpContext context)
    {
        var request = context.Request;
        if (request.Query.TryGetValue("lang", out var asked) && Texts.Languages.Contains(asked.ToString()))
        {
            context.Response.Cookies.Append(LanguageCookie, asked.ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return new PageRequest(context, PageText.ForLanguage(asked.ToString()));
        }

        if (request.Cookies.TryGetValue(LanguageCookie, out var kept) && Texts.Languages.Contains(kept))
        {
            return new PageRequest(context, PageText.ForLanguage(kept));
        }

        var best = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value)
            .FirstOrDefault();
        return new PageRequest(context, PageText.For(best ?? "en"));
    }

    /// <summary>This page's address with some query values changed (null removes one); <c>lang</c> is never kept.</summary>
    public string With(params (string Name, string? Value)[] changes)
    {
        var values = Context.Request.Query
            .Where(q => q.Key != "lang" && !changes.Any(c => c.Name == q.Key))
            .Select(q => (q.Key, (string?)q.Value.ToString()))
            .Concat(changes)
            .Where(q => !string.IsNullOrEmpty(q.Item2))
            .Select(q => Uri.EscapeDataString(q.Item1) + "=" + Uri.EscapeDataString(q.Item2!));
        var query = string.Join("&", values);
        return Context.Request.Path + (query.Length == 0 ? string.Empty : "?" + query);
    }
}
