using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OpportunityScoring.Pages.Tests;

/// <summary>
/// The pages over HTTP without a browser (the sample pipeline and accounts file, no ledger): every page in every language
/// answers with words, not codes; the key accounts are those the library grades; without a ledger the review loop says
/// so; bad input gets a page that says what is wrong.
/// </summary>
public sealed class PageHttpTests : IClassFixture<PageHttpTests.SampleHost>
{
    private readonly SampleHost _host;

    public PageHttpTests(SampleHost host) => _host = host;

    private static readonly string[] Codes = [.. PageCatalogueTests.Catalogue("en").Keys.Where(k => k.Contains('.', StringComparison.Ordinal))];

    public static TheoryData<string, string> PagesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in new[] { "/pages/pipeline", "/pages/opportunities/OPP-2027-0042", "/pages/whatif", "/pages/whatif?policy=policy.json", "/pages/upload", "/pages/accounts", "/pages/accounts?grade=A&sort=revenue&dir=desc", "/pages/accounts/ACC-118", "/pages/accounts/ACC-311", "/pages/reviews" })
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

    [Fact]
    public async Task The_accounts_page_lists_every_account_the_library_grades_from_the_accounts_file_and_the_opportunities_and_links_each_follow_up()
    {
        using var client = _host.CreateClient();
        var html = await client.GetStringAsync(new Uri("/pages/accounts", UriKind.Relative));
        var book = new OpportunityScoring.Pipelines.AccountBook(OpportunityScoring.Rules.OpportunityRules.CreateAccountScorer());
        using (var accounts = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "TestAssets", "accounts.json")))
        {
            book.AddFile(accounts);
        }

        using var source = OpportunityScoring.Pipelines.PipelineSource.Open(OpportunityScoring.Pipelines.PipelineFormat.Json, Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json"));
        var asOf = source.AsOf!.Value;
        foreach (var item in new OpportunityScoring.Pipelines.BatchScorer(OpportunityScoring.Rules.OpportunityRules.CreateScorer()).Score(book.WithServiceHealth(source.Records, asOf), asOf))
        {
            book.Add(item);
        }

        using var json = new StringWriter();
        book.Grade(asOf).Write("json", json, Texts.English);
        var expected = System.Text.Json.JsonDocument.Parse(json.ToString()).RootElement.GetProperty("accounts").EnumerateArray().Select(a => $"{a.GetProperty("id").GetString()}/{a.GetProperty("grade").GetString()}").ToList();
        Assert.Contains("ACC-311/", string.Join(" ", expected), StringComparison.Ordinal); // an account known only from its opportunity
        Assert.Equal(expected, Regex.Matches(html, "<tr data-id=\"([^\"]+)\" data-grade=\"([A-D])\"").Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}"));
        foreach (var id in expected.Select(e => e.Split('/')[0]))
        {
            Assert.Contains($"href=\"/pages/accounts/{id}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"/pages/reviews\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not available", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/pages/reviews")]
    [InlineData("/pages/opportunities/OPP-2027-0042")]
    public async Task Without_a_ledger_the_review_queue_and_the_opportunity_actions_say_that_no_ledger_is_configured(string page)
    {
        using var client = _host.CreateClient();
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        Assert.Contains("No decision ledger is configured: there are no action plans or overrides to show.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not available", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData("accounts.json", true, null)]
    [InlineData("broken-accounts.json", false, "broken-accounts.json: ")]
    public async Task An_uploaded_pipeline_grades_the_accounts_file_uploaded_beside_it_and_says_which_file_cannot_be_read(string? accountsName, bool listsRecordOnlyAccount, string? problem)
    {
        using var client = _host.CreateClient();
        var form = await client.GetStringAsync(new Uri("/pages/upload", UriKind.Relative));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json"))), "pipeline", "pipeline.json" },
        };
        if (accountsName is not null)
        {
            var bytes = problem is null ? await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestAssets", "accounts.json")) : "{ \"accounts\": 7 }"u8.ToArray();
            content.Add(new ByteArrayContent(bytes), "accounts", accountsName);
        }

        using var posted = await client.PostAsync(new Uri("/pages/upload", UriKind.Relative), content);
        var next = posted.RequestMessage!.RequestUri!;
        for (var i = 0; i < 100 && !next.Query.Contains("source=", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            using var page = await client.GetAsync(next);
            next = page.RequestMessage!.RequestUri!;
        }

        var source = Regex.Match(next.Query, "source=([^&]+)").Groups[1].Value;
        Assert.StartsWith("u-", source, StringComparison.Ordinal);
        var html = await client.GetStringAsync(new Uri($"/pages/accounts?source={source}", UriKind.Relative));
        Assert.Contains("<tr data-id=\"ACC-118\"", html, StringComparison.Ordinal); // named by an opportunity
        Assert.Equal(listsRecordOnlyAccount, html.Contains("<tr data-id=\"ACC-502\"", StringComparison.Ordinal)); // a record without opportunities
        Assert.Contains($"href=\"/pages/accounts/ACC-118?source={source}\"", html, StringComparison.Ordinal);
        if (problem is not null)
        {
            Assert.Matches($"role=\"alert\"[^>]*>[^<]*{Regex.Escape(problem)}", html);
        }
    }

    [Fact]
    public async Task Recording_an_action_from_a_page_is_refused_without_the_form_token_and_without_a_signed_in_user()
    {
        using var client = _host.CreateClient();
        var action = new Uri("/pages/opportunities/OPP-2027-0042/actions", UriKind.Relative);
        using (var noToken = new FormUrlEncodedContent(new Dictionary<string, string> { ["what"] = "x", ["owner"] = "y", ["due"] = "2027-02-01" }))
        {
            using var refused = await client.PostAsync(action, noToken);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("The form has expired", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var form = await client.GetStringAsync(new Uri("/pages/upload", UriKind.Relative));
        using var anonymous = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(form), ["what"] = "x", ["owner"] = "y", ["due"] = "2027-02-01" });
        using var response = await client.PostAsync(action, anonymous);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("needs a signed-in user", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_account_gets_a_page_that_names_it_with_404()
    {
        using var client = _host.CreateClient();
        using var response = await client.GetAsync(new Uri("/pages/accounts/NO-SUCH-ACCOUNT", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no account NO-SUCH-ACCOUNT in this pipeline.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
        using var client = _host.CreateClient();
        var good = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json"));
        var withBad = new Regex("\"stage\": \"tender\"").Replace(good, "\"stage\": \"somewhere\"", 1);
        Assert.NotEqual(good, withBad);
        var page = await Upload(client, "bad.json", "json", System.Text.Encoding.UTF8.GetBytes(withBad));
        Assert.Contains("Records not assessed (1)", page, StringComparison.Ordinal);
        Assert.Matches("stage", Regex.Match(page, "<ul class=\"errors\">.*?</ul>").Value);
        Assert.Equal(2, Regex.Count(page, "<tr data-id="));
    }

    [Theory]
    [InlineData("garbage.json", "json", "{ this is not json")]
    [InlineData("garbage.csv", "csv", "no,header,we,know\n1,2,3,4\n")]
    [InlineData("empty-salesforce.csv", "salesforce", "Id,Name,StageName\n")]
    public async Task An_unreadable_upload_gets_a_page_that_names_the_file_and_says_why_and_never_a_server_error(string name, string format, string text)
    {
        using var client = _host.CreateClient();
        var page = await Upload(client, name, format, System.Text.Encoding.UTF8.GetBytes(text));
        Assert.DoesNotContain("unexpected error", page, StringComparison.Ordinal);
        Assert.Matches($"role=\"alert\"[^>]*>{Regex.Escape(name)} cannot be scored: [^<]{{20,}}<", page);
    }

    [Fact]
    public async Task A_what_if_with_a_policy_that_is_not_json_says_which_file_and_why()
    {
        using var client = _host.CreateClient();
        var form = await client.GetStringAsync(new Uri("/pages/whatif", UriKind.Relative));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(form)), "__RequestVerificationToken" },
            { new ByteArrayContent("{ \"gradeBands\": ["u8.ToArray()), "policy", "broken.json" },
        };
        using var response = await client.PostAsync(new Uri("/pages/whatif", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The policy broken.json cannot be used:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Token(string form) => Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Uploads a file through the form and follows the progress page until the scoring ends; the last page.</summary>
    private static async Task<string> Upload(HttpClient client, string name, string format, byte[] bytes)
    {
        var form = await client.GetStringAsync(new Uri("/pages/upload", UriKind.Relative));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(form)), "__RequestVerificationToken" },
            { new StringContent(format), "format" },
            { new ByteArrayContent(bytes), "pipeline", name },
        };
        using var posted = await client.PostAsync(new Uri("/pages/upload", UriKind.Relative), content);
        Assert.True(posted.StatusCode < HttpStatusCode.InternalServerError, posted.StatusCode.ToString());
        var page = await posted.Content.ReadAsStringAsync();
        for (var i = 0; i < 100 && page.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            using var next = await client.GetAsync(posted.RequestMessage!.RequestUri);
            Assert.True(next.StatusCode < HttpStatusCode.InternalServerError, next.StatusCode.ToString());
            page = await next.Content.ReadAsStringAsync();
        }

        return page;
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

    /// <summary>The web host showing the sample pipeline (three opportunities) and the sample accounts file, no ledger.</summary>
    public sealed class SampleHost : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Pages:PipelineFile", Path.Combine(AppContext.BaseDirectory, "TestAssets", "pipeline.json"));
            builder.UseSetting("Pages:AccountsFile", Path.Combine(AppContext.BaseDirectory, "TestAssets", "accounts.json"));
        }
    }
}
