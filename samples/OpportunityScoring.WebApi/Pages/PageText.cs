using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The pages' own words (headings, labels, buttons) in English, Traditional and Simplified Chinese, in the style of
/// the library's <see cref="Texts"/>, which gives every contract word and message (grades, stages, gate outcomes, bid
/// decisions, reasons) in the same language.
/// </summary>
internal sealed class PageText
{
    private static readonly FrozenDictionary<string, PageText> All = Texts.Languages.ToFrozenDictionary(l => l, l => new PageText(l), StringComparer.Ordinal);
    private readonly FrozenDictionary<string, string> _own;
    private readonly FrozenDictionary<string, string>? _english;

    private PageText(string language)
    {
        Language = language;
        Library = Texts.ForLanguage(language);
        _own = Load(language);
        _english = language == "en" ? null : Load("en");
    }

    /// <summary><c>en</c>, <c>zh-Hant</c> or <c>zh-Hans</c>.</summary>
    public string Language { get; }

    /// <summary>The library's catalogue in the same language.</summary>
    public Texts Library { get; }

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Language);

    public static PageText For(string language) => All[Texts.LanguageOf(language) is var l && All.ContainsKey(l) ? l : "en"];

    public static PageText ForLanguage(string language) => All[language];

    public static IEnumerable<string> Codes(string language) => Load(language).Keys;

    /// <summary>A page word by code, with its arguments (invariant formatting: callers format numbers).</summary>
    public string this[string code, params object?[] args]
    {
        get
        {
            if (!_own.TryGetValue(code, out var template) && (_english is null || !_english.TryGetValue(code, out template)))
            {
                return code;
            }

            return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
        }
    }

    /// <summary>A contract word in the language (<c>word.gateOutcome.advance</c> → 推進).</summary>
    public string Word<TEnum>(TEnum value) where TEnum : struct, Enum
        => Library.Get("word." + JsonNamingPolicy.CamelCase.ConvertName(typeof(TEnum).Name) + "." + JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));

    /// <summary>A contract word given as text (the ledger keeps words, e.g. <c>advance</c>).</summary>
    public string Word(string type, string? word) => word is null ? Library.Get("word.none") : Library.Get($"word.{type}.{word}");

    /// <summary>A decision field's value as the ledger keeps it (contract words, codes separated by commas), in the language.</summary>
    public string FieldValue(string field, string? value) => value is null or "" ? "—" : field switch
    {
        "gate.outcome" => Word("gateOutcome", value),
        "gate.nextStage" => Word("stage", value),
        "bid.decision" => Word("bidRecommendation", value),
        "redFlags" => string.Join(this["list.separator"], value.Split(',').Select(c => Name("redFlag.name.", c.Trim()))),
        "knockOuts" => string.Join(this["list.separator"], value.Split(',').Select(c => Name("knockOut.name.", c.Trim()))),
        _ => value,
    };

    /// <summary>A code's catalogued name in the language, else the code.</summary>
    public string Name(string prefix, string code) => Library.Has(prefix + code) ? Library.Get(prefix + code) : code;

    public static string Money(decimal amount) => amount.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static FrozenDictionary<string, string> Load(string language)
    {
        var name = $"OpportunityScoring.WebApi.Pages.Texts.{language}.json";
        using var stream = typeof(PageText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The page catalogue {name} is not embedded.");
        return (JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? []).ToFrozenDictionary(StringComparer.Ordinal);
    }
}
