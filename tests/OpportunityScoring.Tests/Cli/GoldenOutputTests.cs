using System.Text;
using OpportunityScoring.Cli;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Cli;

/// <summary>
/// The JSON output of the README's main job is pinned by a golden file. When a change to the rules or the policy
/// is intended, regenerate it with <c>UPDATE_GOLDEN=1 dotnet test</c> and review the diff.
/// </summary>
public sealed class GoldenOutputTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Scoring_the_contract_example_as_json_matches_the_golden_file()
    {
        var (code, output, _) = Run("score", Repo.SamplePipeline, "--format", "json");
        var golden = Repo.Path("tests", "OpportunityScoring.Tests", "TestAssets", "golden", "pipeline.example.json");

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, output);
        }

        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings(), output.ReplaceLineEndings());
    }

    [Theory]
    [InlineData("zh-Hant")]
    [InlineData("zh-Hans")]
    public void Scoring_in_Chinese_matches_its_golden_file_and_differs_from_English_only_in_the_messages(string culture)
    {
        var (code, output, _) = Run("score", Repo.SamplePipeline, "--format", "json", "--culture", culture);
        var (_, english, _) = Run("score", Repo.SamplePipeline, "--format", "json");
        var golden = Repo.Path("tests", "OpportunityScoring.Tests", "TestAssets", "golden", $"pipeline.example.{culture}.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, output);
        }

        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings(), output.ReplaceLineEndings());
        var differences = new List<string>();
        var translated = 0;
        Compare(System.Text.Json.Nodes.JsonNode.Parse(english), System.Text.Json.Nodes.JsonNode.Parse(output), "$", differences, ref translated);
        Assert.Empty(differences);
        Assert.True(translated > 50, $"only {translated} messages were translated");
    }

    /// <summary>
    /// The decision and summary report (投標決策與總結報告, the <c>report</c> verb) of each of the sample's three opportunities,
    /// in Traditional and Simplified Chinese, as a sales director reads it: pinned by golden files
    /// (<c>TestAssets/golden/report.{id}.{culture}.md</c>; regenerate with <c>UPDATE_GOLDEN=1</c> and review the diff).
    /// </summary>
    [Theory]
    [InlineData("OPP-2027-0042", "zh-Hant")]
    [InlineData("OPP-2027-0051", "zh-Hant")]
    [InlineData("OPP-2027-0060", "zh-Hant")]
    [InlineData("OPP-2027-0042", "zh-Hans")]
    [InlineData("OPP-2027-0051", "zh-Hans")]
    [InlineData("OPP-2027-0060", "zh-Hans")]
    public void The_chinese_decision_report_of_each_sample_opportunity_matches_its_golden_file(string id, string culture)
    {
        var (code, output, error) = Run("report", Repo.SamplePipeline, "--id", id, "--culture", culture);
        var golden = Repo.Path("tests", "OpportunityScoring.Tests", "TestAssets", "golden", $"report.{id}.{culture}.md");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, output);
        }

        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllText(golden).ReplaceLineEndings(), output.ReplaceLineEndings());
    }

    /// <summary>Walks both documents: everything but a <c>message</c> is identical; every message is translated (differs) and has no placeholder left.</summary>
    private static void Compare(System.Text.Json.Nodes.JsonNode? en, System.Text.Json.Nodes.JsonNode? zh, string path, List<string> differences, ref int translated)
    {
        switch (en)
        {
            case System.Text.Json.Nodes.JsonObject o:
                foreach (var (name, value) in o)
                {
                    if (name == "message")
                    {
                        var t = zh?[name]?.GetValue<string>() ?? "";
                        if (t == value?.GetValue<string>() || t.Contains('{', StringComparison.Ordinal))
                        {
                            differences.Add($"{path}.message not translated: {t}");
                        }

                        translated++;
                        continue;
                    }

                    Compare(value, zh?[name], $"{path}.{name}", differences, ref translated);
                }

                break;
            case System.Text.Json.Nodes.JsonArray a:
                var other = zh as System.Text.Json.Nodes.JsonArray;
                if (other is null || other.Count != a.Count)
                {
                    differences.Add($"{path}: arrays differ in length");
                    break;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    Compare(a[i], other[i], $"{path}[{i}]", differences, ref translated);
                }

                break;
            default:
                if (en?.ToJsonString() != zh?.ToJsonString())
                {
                    differences.Add($"{path}: {en?.ToJsonString()} != {zh?.ToJsonString()}");
                }

                break;
        }
    }

    [Fact]
    public void The_table_format_shows_every_opportunity_with_its_grade()
    {
        var (code, output, _) = Run("score", Repo.SamplePipeline);

        Assert.Equal(0, code);
        Assert.Contains("OPP-2027-0042", output, StringComparison.Ordinal);
        Assert.Contains("OPP-2027-0060", output, StringComparison.Ordinal);
        Assert.Contains("3 assessed, 0 rejected", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_carry_the_policy_on_each_line()
    {
        var (code, output, _) = Run("score", Repo.SamplePipeline, "--format", "jsonl");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, code);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"policy\":{\"name\":\"default\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Some_rejected_records_exit_1_and_are_listed_in_errors_while_the_rest_is_assessed()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """{ "opportunities": [ { "id": "A", "stage": "tender", "expectedContractAmount": 10 }, { "id": "B", "stage": "tender", "expectedContractAmount": -1 } ] }""");

        var (code, output, err) = Run("score", file, "--format", "json");

        Assert.Equal(1, code);
        Assert.Contains("\"id\": \"A\"", output, StringComparison.Ordinal);
        Assert.Contains("\"field\": \"expectedContractAmount\"", output, StringComparison.Ordinal);
        Assert.Contains("rejected B", err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparseable_file_exits_2_naming_the_line()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "{\n \"opportunities\": [\n  { \"id\": \"A\", }\n  oops\n ]\n}", Encoding.UTF8);

        var (code, output, err) = Run("score", file);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("line 4", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_off_midway_exits_2_with_a_valid_document_holding_the_records_read_and_where_reading_stopped()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "{\n \"opportunities\": [\n  { \"id\": \"A\", \"stage\": \"tender\", \"expectedContractAmount\": 10 },\n  { \"id\": \"B\", \"stage\": \"tend", Encoding.UTF8);

        var (code, output, err) = Run("score", file, "--format", "json");

        Assert.Equal(2, code);
        using var document = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal("A", document.RootElement.GetProperty("assessments")[0].GetProperty("id").GetString());
        var stop = document.RootElement.GetProperty("errors").EnumerateArray().Last();
        Assert.Equal("(file)", stop.GetProperty("field").GetString());
        Assert.Contains("line 4", stop.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("line 4", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_for_an_id_written_twice_exits_1_naming_the_duplicate_rather_than_report_the_first()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """{ "opportunities": [ { "id": "A", "stage": "tender", "expectedContractAmount": 10 }, { "id": "A", "stage": "proposal", "expectedContractAmount": 20 } ] }""");

        var (code, output, err) = Run("report", file, "--id", "A");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("duplicate id", err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_policy_exits_2_saying_what_to_fix()
    {
        var policy = Path.GetTempFileName();
        File.WriteAllText(policy, OpportunityScoring.Rules.OpportunityRules.DefaultPolicyJson.Replace("\"weight\": 20,", "\"weight\": 30,", StringComparison.Ordinal));

        var (code, _, err) = Run("score", Repo.SamplePipeline, "--policy", policy);

        Assert.Equal(2, code);
        Assert.Contains("weightsSum", err, StringComparison.Ordinal);
        Assert.Contains("sum to 120", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_policy_accepts_the_default_and_prints_its_hash()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, OpportunityScoring.Rules.OpportunityRules.DefaultPolicyJson);

        var (code, output, _) = Run("validate-policy", file);

        Assert.Equal(0, code);
        Assert.Contains(OpportunityScoring.Rules.OpportunityRules.DefaultPolicy.Stamp.Sha256, output, StringComparison.Ordinal);
    }
}
