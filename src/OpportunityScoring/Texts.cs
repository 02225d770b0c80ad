using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace OpportunityScoring;

/// <summary>
/// The message catalogue: every text the explanations and renderers show, keyed by a stable message code, in English
/// (<c>en</c>), Traditional Chinese (<c>zh-Hant</c>) and Simplified Chinese (<c>zh-Hans</c>), chosen by culture.
/// Codes never change with the language; arguments are formatted culture-invariantly.
/// </summary>
/// <remarks>Thread safe: the catalogues are loaded once per language and never change.</remarks>
public sealed class Texts
{
    private static readonly ConcurrentDictionary<string, Texts> Loaded = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _texts;
    private readonly IReadOnlyDictionary<string, string>? _fallback;

    private Texts(string language, IReadOnlyDictionary<string, string> texts, IReadOnlyDictionary<string, string>? fallback)
    {
        Language = language;
        _texts = texts;
        _fallback = fallback;
    }

    /// <summary>The languages shipped: <c>en</c>, <c>zh-Hant</c>, <c>zh-Hans</c>.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "zh-Hant", "zh-Hans"];

    /// <summary>The English catalogue (the texts as the rules write them).</summary>
    public static Texts English => ForLanguage("en");

    /// <summary>The language of this catalogue.</summary>
    public string Language { get; }

    /// <summary>Whether this catalogue is English.</summary>
    public bool IsEnglish => Language == "en";

    /// <summary>The message codes of this catalogue.</summary>
    public IEnumerable<string> Codes => _texts.Keys;

    /// <summary>The catalogue for a culture: zh-TW, zh-HK, zh-MO and zh-Hant* are Traditional; other Chinese cultures Simplified; anything else English.</summary>
    /// <param name="culture">The culture; English when <see langword="null"/>.</param>
    /// <returns>The catalogue.</returns>
    public static Texts For(CultureInfo? culture) => ForLanguage(LanguageOf(culture?.Name));

    /// <summary>The catalogue for a culture name (e.g. <c>zh-Hant</c>, <c>zh-CN</c>, <c>en-US</c>).</summary>
    /// <param name="cultureName">The name; English when <see langword="null"/> or empty.</param>
    /// <returns>The catalogue.</returns>
    public static Texts For(string? cultureName) => ForLanguage(LanguageOf(cultureName));

    /// <summary>The shipped language a culture name maps to.</summary>
    /// <param name="cultureName">The culture name.</param>
    /// <returns><c>en</c>, <c>zh-Hant</c> or <c>zh-Hans</c>.</returns>
    public static string LanguageOf(string? cultureName)
    {
        if (string.IsNullOrWhiteSpace(cultureName))
        {
            return "en";
        }

        var name = cultureName.Trim();
        if (!name.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            return "en";
        }

        return name.Contains("Hant", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-TW", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-HK", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-MO", StringComparison.OrdinalIgnoreCase)
            ? "zh-Hant"
            : "zh-Hans";
    }

    /// <summary>The catalogue of a shipped language.</summary>
    /// <param name="language"><c>en</c>, <c>zh-Hant</c> or <c>zh-Hans</c>.</param>
    /// <returns>The catalogue.</returns>
    public static Texts ForLanguage(string language)
    {
        if (!Languages.Contains(language))
        {
            throw new ArgumentOutOfRangeException(nameof(language), language, "not a shipped language (en, zh-Hant, zh-Hans)");
        }

        return Loaded.GetOrAdd(language, static lang => new Texts(lang, Load(lang), lang == "en" ? null : Load("en")));
    }

    /// <summary>Whether the catalogue has a text for a code (without falling back to English).</summary>
    /// <param name="code">The message code.</param>
    /// <returns>Whether it is there.</returns>
    public bool Has(string code) => _texts.ContainsKey(code);

    /// <summary>The text of a code with its arguments (formatted culture-invariantly); English when this language lacks it, the code itself when no language has it.</summary>
    /// <param name="code">The message code.</param>
    /// <param name="args">The arguments of the text's <c>{0}</c>, <c>{1}</c>, … placeholders.</param>
    /// <returns>The text.</returns>
    public string Get(string code, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!_texts.TryGetValue(code, out var template) && (_fallback is null || !_fallback.TryGetValue(code, out template)))
        {
            return code;
        }

        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    /// <summary>The template of a code as <see cref="Get(string, object?[])"/> finds it (this language, else English); <see langword="false"/> when no catalogue has it (<see cref="Get(string, object?[])"/> then returns the code).</summary>
    internal bool TryGetTemplate(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? template) =>
        _texts.TryGetValue(code, out template) || (_fallback is not null && _fallback.TryGetValue(code, out template));

    private static Dictionary<string, string> Load(string language)
    {
        var name = $"OpportunityScoring.Texts.{language}.json";
        using var stream = typeof(Texts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The message catalogue {name} is not embedded.");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }
}
