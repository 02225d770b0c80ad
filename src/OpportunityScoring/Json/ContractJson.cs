using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OpportunityScoring.Json;

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

    private static JsonSerializerOptions Create(bool indented, bool omitAssessmentPolicy = false)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
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
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = resolver,
        };
        options.Converters.Add(new ContractEnumConverterFactory());
        options.MakeReadOnly();
        return options;
    }
}
