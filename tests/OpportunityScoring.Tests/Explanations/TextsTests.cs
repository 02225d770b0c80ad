using System.Text.RegularExpressions;
using OpportunityScoring.Insights;
using OpportunityScoring.Tests.TestAssets;
using Xunit;

namespace OpportunityScoring.Tests.Explanations;

public sealed partial class TextsTests
{
    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void Every_message_code_is_in_every_language_with_the_same_placeholders()
    {
        var english = Texts.ForLanguage("en");
        foreach (var language in Texts.Languages)
        {
            var texts = Texts.ForLanguage(language);
            var missing = english.Codes.Where(c => !texts.Has(c)).ToList();
            Assert.True(missing.Count == 0, $"{language} lacks: {string.Join(", ", missing)}");
            var extra = texts.Codes.Where(c => !english.Has(c)).ToList();
            Assert.True(extra.Count == 0, $"{language} has codes English lacks: {string.Join(", ", extra)}");
            foreach (var code in english.Codes)
            {
                var want = Placeholder().Matches(english.Get(code)).Select(m => m.Value).Order(StringComparer.Ordinal);
                var got = Placeholder().Matches(texts.Get(code)).Select(m => m.Value).Order(StringComparer.Ordinal);
                Assert.True(want.SequenceEqual(got), $"{language} {code}: placeholders differ");
            }
        }
    }

    [Theory]
    [InlineData("zh-Hant", "zh-Hant")]
    [InlineData("zh-TW", "zh-Hant")]
    [InlineData("zh-HK", "zh-Hant")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("en-US", "en")]
    [InlineData(null, "en")]
    public void Cultures_map_to_the_shipped_languages(string? culture, string language) => Assert.Equal(language, Texts.LanguageOf(culture));

    [Fact]
    public void The_report_and_improvements_come_in_chinese_with_the_same_codes()
    {
        var thin = Build.Strong("THIN") with { EstimatedCost = 8_700_000m, Budget = new BudgetEvidence { Status = BudgetStatus.CanBuy } };
        var english = Build.Scorer.Explain(thin, Build.AsOf);
        var chinese = Build.Scorer.Explain(thin, Build.AsOf, Texts.For("zh-Hant"));
        Assert.Equal(english.Improvements.Select(i => i.Code), chinese.Improvements.Select(i => i.Code));
        Assert.Equal(english.FlipPoints.Select(i => i.Code), chinese.FlipPoints.Select(i => i.Code));
        Assert.StartsWith("確認預算已批准", chinese.Improvements.Single(i => i.Code == "budget.status").Message);
        var md = DecisionReport.Create(thin, chinese.Assessment, Build.AsOf).ToMarkdown(Texts.For("zh-Hans"));
        Assert.Contains("# 投标决策与总结报告：THIN", md);
        Assert.Contains("| 毛利率低于底线 |", md);
        Assert.DoesNotContain("marginBelowFloor", md); // a sales director reads the factor's name, not its code
    }

    [Fact]
    public void English_markdown_is_unchanged_when_not_explained()
    {
        var a = Build.Score(Build.Strong());
        var record = DecisionReport.Create(Build.Strong(), a, Build.AsOf);
        Assert.Equal(record.ToMarkdown(), record.ToMarkdown(Texts.English));
        Assert.DoesNotContain("## Improvements", record.ToMarkdown());
    }
}
