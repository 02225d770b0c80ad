using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpportunityScoring.Pages.Tests;

/// <summary>
/// The pages' own words (Pages/Texts/*.json, embedded in the web host): the three languages say the same things with the
/// same arguments, and the Chinese is written as a 大客戶經理 writes it — no English word or code inside a Chinese
/// sentence, full-width punctuation — by the rules the library's own catalogue follows (ChineseTextTests).
/// </summary>
public sealed partial class PageCatalogueTests
{
    public static TheoryData<string> Chinese() => ["zh-Hant", "zh-Hans"];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9\-]*")]
    private static partial Regex LatinWord();

    public static Dictionary<string, string> Catalogue(string language)
    {
        using var stream = typeof(Program).Assembly.GetManifestResourceStream($"OpportunityScoring.WebApi.Pages.Texts.{language}.json")
            ?? throw new InvalidOperationException($"{language}.json is not embedded in the web host.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
    }

    [Theory]
    [MemberData(nameof(Chinese))]
    public void Every_page_word_exists_in_chinese_with_the_same_arguments_as_in_english(string language)
    {
        var english = Catalogue("en");
        var chinese = Catalogue(language);
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.Empty(chinese.Keys.Except(english.Keys));
        foreach (var (code, text) in english)
        {
            var expected = Placeholder().Matches(text).Select(m => m.Value).Distinct().Order();
            Assert.True(expected.SequenceEqual(Placeholder().Matches(chinese[code]).Select(m => m.Value).Distinct().Order()), $"{language} {code}: “{chinese[code]}” does not take the arguments of “{text}”");
        }
    }

    [Theory]
    [MemberData(nameof(Chinese))]
    public void Every_chinese_page_word_is_free_of_english_and_codes_and_uses_full_width_punctuation(string language)
    {
        var problems = new List<string>();
        foreach (var (code, raw) in Catalogue(language))
        {
            var text = Placeholder().Replace(raw, "9");
            if (LatinWord().Match(text) is { Success: true } word)
            {
                problems.Add($"{code}: '{word.Value}' in “{raw}”");
            }

            if (text.IndexOfAny([':', ';', ',', '(', ')', '!', '?', '=', '[', ']', '/']) is >= 0 and var at)
            {
                problems.Add($"{code}: half-width '{text[at]}' in “{raw}”");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_simplified_catalogue_is_written_in_simplified_characters()
    {
        // Traditional characters the pages' words use, each of which has a different simplified form.
        const string traditional = "機覽評審關階級標數據證經濟單總與於從後這進過還與記錄開傳檔價號處變紀條體項頁額風險點";
        var all = string.Concat(Catalogue("zh-Hans").Values);
        Assert.Empty(all.Where(c => traditional.Contains(c, StringComparison.Ordinal)).Distinct());
    }
}
