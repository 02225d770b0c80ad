using System.Text.RegularExpressions;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Cli;
using OpportunityScoring.Grading;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;
using OpportunityScoring.Tests.TestAssets;
using Xunit;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Explanations;

/// <summary>
/// Every message code the rules emit has a text in every language: the codes come from the code itself
/// (the slices' codes and the rule sources), so a new rule without a translation fails here.
/// </summary>
public sealed partial class TextCoverageTests
{
    [GeneratedRegex(@"ctx\.Flag\(\s*[^,]+,\s*""(?<code>[^""]+)""")]
    private static partial Regex FlagCall();

    [GeneratedRegex(@"ctx\.EndPursuit\(\s*""(?<code>[^""]+)""")]
    private static partial Regex EndPursuitCall();

    [GeneratedRegex(@"ctx\.ReviewBid\(\s*""(?<code>[^""]+)""")]
    private static partial Regex ReviewBidCall();

    [GeneratedRegex(@"ctx\.Fatal\(\s*""(?<code>[^""]+)""")]
    private static partial Regex FatalCall();

    [GeneratedRegex(@"ctx\.KnockOut\(\s*[^,]+,\s*""(?<code>[^""]+)""")]
    private static partial Regex KnockOutCall();

    /// <summary>
    /// A message built from the catalogue by its code, anywhere (rules or library): built afresh, or shared per content by
    /// <see cref="SharedMessages"/> (whose first argument is the code as well).
    /// </summary>
    [GeneratedRegex(@"(?:MessageText\.Of|SharedMessages(?:\.Default)?\.(?:Named|Listed|StageCount))\(\s*""(?<code>[^""]+)""\s*[,)]")]
    private static partial Regex MessageCall();

    [GeneratedRegex(@"(?:ctx\.GateMissing\(|new\(Stage\.\w+,)\s*""(?<code>[^""]+)""")]
    private static partial Regex GateMissingCall();

    /// <summary>The recommended actions <see cref="DecisionReport"/> looks up (one code may have several texts).</summary>
    private static readonly string[] ActionKeys =
    [
        "action.none", "action.withdraw.criteriaAgainstUs", "action.relationshipBid", "action.withdraw.close", "action.reprice",
        "action.cutCost", "action.estimateCost", "action.tightenEstimate", "action.bid",
    ];

    private static List<string> RuleSources() =>
        Directory.GetFiles(Repo.Path("rules", "OpportunityScoring.Rules"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

    private static List<string> LibrarySources() =>
        Directory.GetFiles(Repo.Path("src", "OpportunityScoring"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

    private static SortedSet<string> Scan(Regex call) =>
        new(RuleSources().SelectMany(s => call.Matches(s)).Select(m => m.Groups["code"].Value), StringComparer.Ordinal);

    /// <summary>Every <c>MessageText.Of("code", …)</c> in the rules and the library must have its text in every language.</summary>
    public static TheoryData<string> MessageCodes()
    {
        var data = new TheoryData<string>();
        foreach (var code in new SortedSet<string>(RuleSources().Concat(LibrarySources()).SelectMany(s => MessageCall().Matches(s)).Select(m => m.Groups["code"].Value), StringComparer.Ordinal))
        {
            data.Add(code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MessageCodes))]
    public void Every_message_code_in_the_code_has_a_text_in_every_language(string code)
    {
        var missing = Texts.Languages.Where(l => !Texts.ForLanguage(l).Has(code)).ToList();
        Assert.True(missing.Count == 0, $"{code} has no text in: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_evidence_item_of_the_catalogue_has_a_name_in_every_language()
    {
        var fields = GradingCodes.CriterionNames.SelectMany(c => GradingCodes.Items[c].Select(i => c + "." + i)).ToList();
        Assert.NotEmpty(fields);
        foreach (var field in fields)
        {
            Assert.Equal("item." + field, GradingCodes.ItemText(field).Code);
            Assert.All(Texts.Languages, l => Assert.True(Texts.ForLanguage(l).Has("item." + field), $"item.{field} has no text in {l}"));
        }
    }

    /// <summary>The message keys of every code the rules emit, as <see cref="DecisionReport"/> looks them up.</summary>
    public static TheoryData<string> Keys()
    {
        var redFlags = Scan(FlagCall());
        var gateMissing = new SortedSet<string>(GateCodes.Requirements.Values.SelectMany(c => c), StringComparer.Ordinal);
        gateMissing.UnionWith(Scan(GateMissingCall()));
        var fatal = new SortedSet<string>(BidCodes.FatalFactorCodes, StringComparer.Ordinal);
        fatal.UnionWith(Scan(FatalCall()));
        var keys = redFlags.Select(c => "redFlag." + c)
            .Concat(gateMissing.Select(c => "gate.missing." + c))
            .Concat(Scan(EndPursuitCall()).Select(c => "gate.end." + c))
            .Concat(fatal.Select(c => "fatal." + c))
            .Concat(Scan(ReviewBidCall()).Select(c => "review." + c))
            .Concat(Scan(KnockOutCall()).Concat(GradingCodes.KnockOutCodes).Distinct().Select(c => "knockOut." + c))
            .Concat(ActionKeys);
        var data = new TheoryData<string>();
        foreach (var key in keys)
        {
            data.Add(key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_code_the_rules_emit_has_a_text_in_every_language(string key)
    {
        var missing = Texts.Languages.Where(l => !Texts.ForLanguage(l).Has(key)).ToList();
        Assert.True(missing.Count == 0, $"{key} has no text in: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_scan_finds_the_codes_the_rules_emit()
    {
        // Guards the scan itself: if the rules' call shape changes, the coverage test must not pass on nothing.
        var redFlags = Scan(FlagCall());
        Assert.Superset(new SortedSet<string>(["buyingCriteriaAgainstUs", "noCoach", "singleThreaded", "staleStage", "initiationReportAmountDrift"], StringComparer.Ordinal), redFlags);
        Assert.Superset(new SortedSet<string>(["notShortlisted", "bidLost", "knockOut", "noBid"], StringComparer.Ordinal), Scan(EndPursuitCall()));
        Assert.Superset(new SortedSet<string>(["marginNearFloor", "marginUnknown", "costRisk", "lossRisk"], StringComparer.Ordinal), Scan(ReviewBidCall()));
        Assert.Superset(new SortedSet<string>(BidCodes.FatalFactorCodes, StringComparer.Ordinal), Scan(FatalCall()));
        Assert.Superset(new SortedSet<string>(GateCodes.Requirements.Values.SelectMany(c => c), StringComparer.Ordinal), Scan(GateMissingCall()));
    }

    [Fact]
    public void The_chinese_report_of_the_sample_has_no_english_rule_sentence()
    {
        const string id = "OPP-2027-0051";
        var english = Report(id, "en");
        var chinese = Report(id, "zh-Hant");
        var assessment = OpportunityRules.CreateScorer().ScoreAll(TestPipeline.ReadFile(Repo.SamplePipeline)).Assessments.Single(a => a.Id == id);
        var messages = assessment.RedFlags.Select(f => f.Message)
            .Concat(assessment.Gate.Outcome == GateOutcome.End ? [] : assessment.Gate.Missing.Select(m => m.Message)) // an ended gate's report leaves out what it still lacked
            .Concat(assessment.Gate.EndedBy.Select(m => m.Message))
            .Concat(assessment.Bid?.FatalFactors.Select(f => f.Message) ?? [])
            .Concat(assessment.Bid?.ReviewReasons.Select(r => r.Message) ?? [])
            .ToList();
        Assert.NotEmpty(assessment.RedFlags);
        Assert.NotEmpty(assessment.Gate.EndedBy);
        foreach (var message in messages)
        {
            Assert.Contains(message, english, StringComparison.Ordinal);
            Assert.DoesNotContain(message, chinese, StringComparison.Ordinal);
        }

        Assert.Contains("close the project", english, StringComparison.Ordinal);
        Assert.DoesNotContain("close the project", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("withdraw from the competition", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("re-price:", chinese, StringComparison.Ordinal);
        Assert.Contains("專案結項", chinese, StringComparison.Ordinal);
        Assert.Contains("**重新定價**：簽約金額至少 9,058,824（+1,058,824）", chinese, StringComparison.Ordinal);
        Assert.Contains("**reprice**: re-price: a contract amount of at least 9,058,824 (+1,058,824) clears the 15% floor", english, StringComparison.Ordinal);
    }

    [Fact]
    public void The_simplified_report_uses_simplified_characters()
    {
        var md = Report("OPP-2027-0051", "zh-Hans");
        Assert.Contains("项目结项", md, StringComparison.Ordinal);
        Assert.DoesNotContain("專案", md, StringComparison.Ordinal);
        Assert.DoesNotContain("報告", md, StringComparison.Ordinal);
    }

    [Fact]
    public void The_simplified_catalogue_has_no_traditional_characters()
    {
        const string traditional = "專報項關標競戰預決簽負額費類時圍選應書議異購經與會員長計畫實約們這機價審險區間內採參繞誰資認確評給達證據補強單鏈響規劃爭導處麼說進點態過該場級見調準備觸發繼續聯夥濟沒後為當對節變紀錄數須於將無損權條裡義頁顯隨帶況設風佈虧";
        var texts = Texts.ForLanguage("zh-Hans");
        var bad = texts.Codes.Where(c => texts.Get(c).Any(ch => traditional.Contains(ch, StringComparison.Ordinal))).ToList();
        Assert.True(bad.Count == 0, "traditional characters in zh-Hans: " + string.Join(", ", bad));
    }

    private static string Report(string id, string culture)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(["report", Repo.SamplePipeline, "--id", id, "--culture", culture], stdout, stderr);
        Assert.True(code == CliApp.Ok, stderr.ToString());
        return stdout.ToString();
    }
}
