using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OpportunityScoring;

/// <summary>The System.Text.Json settings of the public contract (camelCase, enumerations as the contract's words).</summary>
public static class ContractJson
{
    /// <summary>Options for reading and writing opportunities, assessments and policies (compact output).</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same, indented for people.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Options for a whole pipeline document: the policy stands once at the top, not on each assessment.</summary>
    internal static JsonSerializerOptions DocumentIndented { get; } = Create(indented: true, omitAssessmentPolicy: true);

    /// <summary>Compact variant of <see cref="DocumentIndented"/>.</summary>
    internal static JsonSerializerOptions Document { get; } = Create(indented: false, omitAssessmentPolicy: true);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Language, bool Indented, bool OmitPolicy), JsonSerializerOptions> ByLanguage = new();

    /// <summary>
    /// Options that write every message (reasons, red flags, missing evidence, knock-outs, gate items, fatal factors)
    /// in a language; codes, rule names and the contract's words stay as they are. English is <see cref="Options"/>.
    /// </summary>
    /// <param name="texts">The language's catalogue (<see cref="Texts.For(string?)"/>).</param>
    /// <param name="indented">Whether to indent for people.</param>
    /// <returns>The options (cached, read-only).</returns>
    public static JsonSerializerOptions For(Texts texts, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return For(texts, indented, omitAssessmentPolicy: false);
    }

    /// <summary>
    /// An assessment as the contract's compact JSON in UTF-8: byte for byte what
    /// <see cref="JsonSerializer.SerializeToUtf8Bytes{TValue}(TValue, JsonSerializerOptions?)"/> writes with
    /// <see cref="For(Texts, bool)"/>, several times faster — written field by field, each distinct message rendered
    /// once per thread. The serializer with these options stays the reference, and the documented fallback.
    /// </summary>
    /// <param name="assessment">The assessment.</param>
    /// <param name="texts">The language of the messages; English when <see langword="null"/>.</param>
    /// <returns>The JSON.</returns>
    public static byte[] SerializeToUtf8Bytes(Assessment assessment, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return AssessmentJsonWriter.ToUtf8Bytes(assessment, texts ?? Texts.English);
    }

    /// <summary>The options for a language and shape (cached).</summary>
    internal static JsonSerializerOptions For(Texts texts, bool indented, bool omitAssessmentPolicy) => texts.IsEnglish
        ? (omitAssessmentPolicy ? (indented ? DocumentIndented : Document) : (indented ? Indented : Options))
        : ByLanguage.GetOrAdd((texts.Language, indented, omitAssessmentPolicy), key => Create(key.Indented, key.OmitPolicy, Texts.ForLanguage(key.Language)));

    private static JsonSerializerOptions Create(bool indented, bool omitAssessmentPolicy = false, Texts? texts = null)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        if (texts is not null && !texts.IsEnglish)
        {
            resolver.Modifiers.Add(info =>
            {
                if (typeof(IHasMessageText).IsAssignableFrom(info.Type) && info.Properties.SingleOrDefault(p => p.Name == "message") is { } message)
                {
                    message.Get = o => ((IHasMessageText)o).Text.Render(texts);
                }
            });
        }

        if (omitAssessmentPolicy)
        {
            resolver.Modifiers.Add(static info =>
            {
                if (info.Type == typeof(Assessment))
                {
                    var policy = info.Properties.Single(p => p.Name == "policy");
                    info.Properties.Remove(policy);
                }
            });
        }

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            PropertyNameCaseInsensitive = false, // the contract's names are camelCase; "Need" is not "need"
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = false, // "stage" written twice is an error naming it, not last-one-wins
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new ContractEnumConverterFactory());
        options.MakeReadOnly();
        return options;
    }
}
