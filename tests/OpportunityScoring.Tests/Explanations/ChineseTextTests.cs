using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpportunityScoring.Insights;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Consistency;
using OpportunityScoring.Tests.TestAssets;
using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Explanations;

/// <summary>
/// The Chinese a 大客戶經理 reads (issue 23): no contract code and no English word inside a Chinese message — only the
/// names the input itself carries (people, accounts, projects, the policy's name), grade letters, numbers, and the
/// names that are written in Latin letters in Chinese too (PERT, SHA-256) — one punctuation width (full-width colons,
/// commas, semicolons, parentheses), one term for each thing, and the Simplified catalogue in Simplified characters.
/// </summary>
public sealed partial class ChineseTextTests
{
    public static TheoryData<string> Chinese() => ["zh-Hant", "zh-Hans"];

    /// <summary>Latin-letter words allowed in a Chinese text of its own (not from the input): names written so in Chinese too.</summary>
    private static readonly string[] LatinNames = ["SHA-256", "PERT"];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9\-]*")]
    private static partial Regex LatinWord();

    /// <summary>Half-width punctuation a Chinese sentence writes full-width (：；，（）！？＝); markdown's own marks (* ` |) are allowed.</summary>
    private static readonly System.Buffers.SearchValues<char> HalfWidth = System.Buffers.SearchValues.Create(":;,()!?=[]/");

    [Theory]
    [MemberData(nameof(Chinese))]
    public void Every_chinese_message_template_is_free_of_codes_and_english_words_and_uses_full_width_punctuation(string language)
    {
        var texts = Texts.ForLanguage(language);
        var problems = new List<string>();
        foreach (var code in texts.Codes)
        {
            var text = Placeholder().Replace(texts.Get(code), "9");
            foreach (var name in LatinNames)
            {
                text = text.Replace(name, "9", StringComparison.Ordinal);
            }

            if (LatinWord().Match(text) is { Success: true } word)
            {
                problems.Add($"{code}: English or a code inside a Chinese text: '{word.Value}' in “{texts.Get(code)}”");
            }

            if (text.AsSpan().IndexOfAny(HalfWidth) is >= 0 and var at)
            {
                problems.Add($"{code}: half-width '{text[at]}' in “{texts.Get(code)}”");
            }

            if (text.Contains("  ", StringComparison.Ordinal))
            {
                problems.Add($"{code}: two spaces in “{texts.Get(code)}”");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The terms the issue asked to settle, one rendering each (the left column must not appear in any message).</summary>
    [Theory]
    [InlineData("zh-Hant", "經濟購買者,經濟決策者,深入覆蓋,尚未覆蓋,關係人,淘汰條件,否決項,翻轉點,保證收款按時完成,等待或爭取招標結果,已承諾,合約已過招標,對自己不利,決策紀錄,損益平衡,P（,P(,贏單後的毛利金額,利潤達不到公司要求", "主要決策人,關鍵人,否決條件,臨界點,損益兩平,投標決策與總結報告,扣除銷售費用後的毛利額,依合約條款按時收款,已落實的預算,對我方不利")]
    [InlineData("zh-Hans", "经济购买者,经济决策者,深入覆盖,尚未覆盖,关系人,淘汰条件,否决项,翻转点,保证收款按时完成,等待或争取招标结果,已承诺,合同已过招标,对自己不利,决策记录,损益两平,P（,P(,赢单后的毛利金额,利润达不到公司要求", "主要决策人,关键人,否决条件,临界点,盈亏平衡,投标决策与总结报告,扣除销售费用后的毛利额,依合同条款按时收款,已落实的预算,对我方不利")]
    public void Each_term_has_one_rendering_the_one_a_key_account_manager_uses(string language, string banned, string used)
    {
        var texts = Texts.ForLanguage(language);
        var all = string.Join("\n", texts.Codes.Select(c => texts.Get(c)));
        foreach (var term in banned.Split(','))
        {
            Assert.True(!all.Contains(term, StringComparison.Ordinal), $"{language} still says '{term}': {string.Join(", ", texts.Codes.Where(c => texts.Get(c).Contains(term, StringComparison.Ordinal)))}");
        }

        foreach (var term in used.Split(','))
        {
            Assert.Contains(term, all, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every message the engine and the insights write, rendered in Chinese, for the sample, the edge cases of every stage
    /// and a generated pipeline: the only Latin words are the input's own names and values, grade letters and the
    /// allowed names — no contract word (tender, noBid, mustHave …) and no code (marginBelowFloor …).
    /// </summary>
    [Theory]
    [MemberData(nameof(Chinese))]
    public void Every_rendered_chinese_message_names_things_in_chinese(string language)
    {
        var texts = Texts.ForLanguage(language);
        var scorer = OpportunityRules.CreateScorer();
        var opportunities = TestPipeline.ReadFile(Repo.SamplePipeline).Records.Select(r => r.Opportunity!)
            .Concat(ReferenceDifferentialTests.EdgeCases().Where((_, i) => i % 3 == 0))
            .Concat(new PipelineGenerator(5, Build.AsOf).Generate(60))
            .ToList();
        var problems = new List<string>();
        foreach (var o in opportunities)
        {
            var explained = scorer.Explain(o, Build.AsOf, texts).Assessment;
            var json = JsonNode.Parse(JsonSerializer.Serialize(explained, ContractJson.For(texts)))!;
            var allowed = InputWords(o);
            foreach (var message in Messages(json))
            {
                Check(o.Id, message, allowed, problems);
            }

            var report = DecisionReport.Create(o, explained, Build.AsOf).ToMarkdown(texts);
            allowed.UnionWith(LatinWord().Matches(explained.Policy.Name + " " + explained.Policy.Sha256).Select(m => m.Value));
            foreach (var line in report.Split('\n'))
            {
                Check(o.Id, line, allowed, problems);
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct().Take(40)));
    }

    private static void Check(string id, string text, HashSet<string> allowed, List<string> problems)
    {
        foreach (Match word in LatinWord().Matches(text))
        {
            if (!allowed.Contains(word.Value) && !LatinNames.Contains(word.Value) && word.Value is not ("A" or "B" or "C" or "D"))
            {
                problems.Add($"{id}: '{word.Value}' in “{text}”");
            }
        }
    }

    /// <summary>The Latin words of the input's free text (names, ids, classifications, currency): data, shown as given.</summary>
    private static HashSet<string> InputWords(Opportunity o)
    {
        var r = o.InitiationReport;
        string?[] text =
        [
            o.Id, o.Name, o.Account.Id, o.Account.Name, o.Currency, r?.ProjectName, r?.ProjectNumber, r?.CustomerOwner, r?.Classification,
            .. o.Competition.Competitors, .. o.DecisionChain.Stakeholders.Select(x => x.Name), .. o.ChangeOrders.Select(c => c.Reason),
        ];
        return [.. text.Where(t => t is not null).SelectMany(t => LatinWord().Matches(t!).Select(m => m.Value))];
    }

    private static IEnumerable<string> Messages(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == "message" && value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        yield return s;
                    }
                    else
                    {
                        foreach (var m in Messages(value))
                        {
                            yield return m;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var m in Messages(item))
                    {
                        yield return m;
                    }
                }

                break;
        }
    }
}
