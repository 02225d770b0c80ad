using System.Text.Json.Serialization;

namespace OpportunityScoring.Ledger;

/// <summary>One factor of <c>msdyn_scorereasons</c>: a reason of the assessment.</summary>
internal sealed record Factor(
    [property: JsonPropertyName("factor")] string Rule,
    [property: JsonPropertyName("criterion")] string? Criterion,
    [property: JsonPropertyName("points")] decimal Points,
    [property: JsonPropertyName("message")] string Message);

[JsonSerializable(typeof(Factor[]))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class FactorContext : JsonSerializerContext;
