using System.Text.Json.Nodes;

namespace OpportunityScoring.Calibration.History;

/// <summary>One source column's mapping onto one contract field.</summary>
/// <param name="Column">The source column.</param>
/// <param name="Field">The contract field it sets, as a dotted path (e.g. <c>budget.status</c>, <c>decisionChain.stakeholders.0.role</c>).</param>
/// <param name="Values">The contract value of each source value (compared ignoring case); <c>"unknown"</c> or null leaves the field unknown.</param>
/// <param name="HasOtherwise">Whether <paramref name="Otherwise"/> applies to values not listed (else such a value is an error).</param>
/// <param name="Otherwise">The contract value of any value not listed, when <paramref name="HasOtherwise"/>.</param>
/// <param name="Note">Why the column maps this way, for people.</param>
public sealed record ColumnMapping(string Column, string Field, IReadOnlyDictionary<string, JsonNode?> Values, bool HasOtherwise, JsonNode? Otherwise, string? Note)
{
    /// <summary>The contract value of a source value.</summary>
    /// <param name="raw">The source value (trimmed).</param>
    /// <param name="value">The contract value; <see langword="null"/> or <c>"unknown"</c> means unknown.</param>
    /// <returns>Whether the value is mapped (listed, or covered by <see cref="Otherwise"/>); an empty cell is unknown unless listed.</returns>
    public bool TryMap(string raw, out JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (Values.TryGetValue(raw, out value))
        {
            return true;
        }

        if (HasOtherwise)
        {
            value = Otherwise;
            return true;
        }

        value = null;
        return raw.Length == 0;
    }

    /// <summary>Whether a mapped value means unknown (the field stays absent).</summary>
    /// <param name="value">The mapped value.</param>
    /// <returns><see langword="true"/> for null or the word <c>unknown</c>.</returns>
    public static bool IsUnknown(JsonNode? value) =>
        value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && string.Equals(s, "unknown", StringComparison.OrdinalIgnoreCase));
}
