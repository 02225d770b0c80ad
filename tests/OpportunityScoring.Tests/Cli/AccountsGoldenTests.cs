using OpportunityScoring.Cli;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Cli;

/// <summary>
/// The key-account list (<c>accounts</c>) and the follow-up table (<c>report --account</c>) of the sample pipeline and
/// accounts file, pinned by golden files (<c>TestAssets/golden/accounts.*</c>; regenerate with <c>UPDATE_GOLDEN=1</c>).
/// </summary>
public sealed class AccountsGoldenTests
{
    private static string SampleAccounts => Repo.Path("samples", "accounts.json");

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void Pin(string name, string output)
    {
        var golden = Repo.Path("tests", "OpportunityScoring.Tests", "TestAssets", "golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, output);
        }

        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings(), output.ReplaceLineEndings());
    }

    [Theory]
    [InlineData("table", "en")]
    [InlineData("table", "zh-Hant")]
    [InlineData("table", "zh-Hans")]
    [InlineData("json", "en")]
    [InlineData("csv", "en")]
    public void The_key_account_list_of_the_sample_matches_its_golden_file(string format, string culture)
    {
        var (code, output, error) = Run("accounts", Repo.SamplePipeline, "--accounts", SampleAccounts, "--format", format, "--culture", culture);
        Assert.True(code == 0, error);
        Pin($"accounts.{culture}.{(format == "table" ? "txt" : format)}", output);
    }

    [Theory]
    [InlineData("ACC-204", "en")]
    [InlineData("ACC-204", "zh-Hant")]
    [InlineData("ACC-118", "zh-Hans")]
    public void The_follow_up_table_of_a_sample_account_matches_its_golden_file(string id, string culture)
    {
        var (code, output, error) = Run("report", Repo.SamplePipeline, "--account", id, "--accounts", SampleAccounts, "--culture", culture);
        Assert.True(code == 0, error);
        Pin($"account-report.{id}.{culture}.md", output);
    }

    [Fact]
    public void The_list_names_its_columns_and_the_80_20_view_and_the_owner_load()
    {
        var (_, output, _) = Run("accounts", Repo.SamplePipeline, "--accounts", SampleAccounts);
        Assert.Contains("80/20: the top 1 account(s) (25%) carry", output, StringComparison.Ordinal);
        Assert.Contains("Accounts without an owner: ACC-311, ACC-502", output, StringComparison.Ordinal);
        Assert.Contains("Lin Wei: 1 account(s)", output, StringComparison.Ordinal);
        Assert.Contains("satisfaction 93.5, target 95.5 for 2027: −2.0", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_account_record_is_rejected_on_standard_error_naming_its_field_and_the_others_listed()
    {
        var accounts = Path.GetTempFileName();
        try
        {
            File.WriteAllText(accounts, """[ { "id": "ACC-118", "type": "platinum" }, { "id": "ACC-999", "service": { "satisfaction": [ { "date": "2026-10-01", "score": 140 } ] } } ]""");
            var (code, output, error) = Run("accounts", Repo.SamplePipeline, "--accounts", accounts, "--format", "csv");
            Assert.Equal(CliApp.SomeRejected, code);
            Assert.Contains("ACC-118 (index 0), type:", error, StringComparison.Ordinal);
            Assert.Contains("ACC-999 (index 1), service.satisfaction[0].score:", error, StringComparison.Ordinal);
            Assert.Contains(",ACC-118,", output, StringComparison.Ordinal); // graded from its opportunities
            Assert.DoesNotContain("ACC-999", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(accounts);
        }
    }
}
