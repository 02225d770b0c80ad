using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OpportunityScoring.Pages.Tests;

/// <summary>
/// The pages over HTTP without a browser (the sample pipeline, no ledger): every page in every language answers with
/// words, not codes; the extension points say they are not available; bad input gets a page that says what is wrong.
/// </summary>
public sealed class PageHttpTests : IClassFixture<PageHttpTests.SampleHost>
{
    private readonly SampleHost _host;

    public PageHttpTests(SampleHost host) => _host = host;

    private static readonly string[] Codes = [.. PageCatalogueTests.Catalogue("en").Keys.Where(k => k.Contains('.', StringComparison.Ordinal))];

    public static TheoryData<string, string> PagesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in new[] { "/pages/pipeline", "/pages/opportunities/OPP-2027-0042", "/pages/whatif", "/pages/whatif?policy=policy.json", "/pages/upload", "/pages/accounts", "/pages/reviews" })
        {
            foreach (var language in new[] { "en", "zh-Hant", "zh-Hans" })
            {
                data.Add(page, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndLanguages))]
    public async Task Every_page_answers_in_its_language_with_words_and_never_with_a_catalogue_code(string page, string language)
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        var text = Regex.Replace(html, "<[^>]*>", " ");
        var shown = Codes.Where(c => Regex.IsMatch(text, $@"(?<![\w.]){Regex.Escape(c)}(?![\w.])")).ToList();
        Assert.True(shown.Count == 0, $"{page} ({language}) shows catalogue codes instead of words: {string.Join(", ", shown)}");
    }

    [Theory]
    [InlineData("/pages/accounts", "accounts")]
    [InlineData("/pages/reviews", "reviews")]
    [InlineData("/pages/opportunities/OPP-2027-0042", "review")]
    public async Task The_key_accounts_and_the_review_loop_are_in_the_navigation_and_say_they_are_not_available_in_this_build(string page, string extension)
    {
        using var client = _host.CreateClient();
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        Assert.Contains($"data-not-available=\"{extension}\">Not available in this build<", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/pages/accounts\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/pages/reviews\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_opportunity_gets_a_page_that_names_it_with_404()
    {
        using var client = _host.CreateClient();
        using var response = await client.GetAsync(new Uri("/pages/opportunities/NO-SUCH-ID", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no opportunity NO-SUCH-ID in this pipeline.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_file_with_a_bad_record_is_scored_and_the_bad_record_is_named_with_its_field()
    {
        using var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        var form = await client.GetStringAsync(new Uri("/pages/upload", UriKind.Relative));
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var good = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json"));
        var withBad = new Regex("\"stage\": \"tender\"").Replace(good, "\"stage\": \"somewhere\"", 1);
        Assert.NotEqual(good, withBad);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("json"), "format" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(withBad)), "pipeline", "bad.json" },
        };

        using var posted = await client.PostAsync(new Uri("/pages/upload", UriKind.Relative), content);
        var page = await posted.Content.ReadAsStringAsync();
        for (var i = 0; i < 100 && !page.Contains("<h1>Pipeline</h1>", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            page = await client.GetStringAsync(posted.RequestMessage!.RequestUri);
        }

        Assert.Contains("Records not assessed (1)", page, StringComparison.Ordinal);
        Assert.Matches("stage", Regex.Match(page, "<ul class=\"errors\">.*?</ul>").Value);
        Assert.Equal(2, Regex.Count(page, "<tr data-id="));
    }

    [Fact]
    public async Task An_upload_without_the_form_token_is_refused_with_a_page_not_scored()
    {
        using var client = _host.CreateClient();
        using var content = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "pipeline", "x.json" } };
        using var response = await client.PostAsync(new Uri("/pages/upload", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The web host showing the sample pipeline (three opportunities), no ledger.</summary>
    public sealed class SampleHost : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
            => builder.UseSetting("Pages:PipelineFile", Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json"));
    }
}
