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
    /// <summary>How the column's cells are read: a value list (the default), or typed as a number, money or a date.</summary>
    internal CellKind Kind { get; init; }

    /// <summary>The factor a number or amount is multiplied by (e.g. 1000 for a column in thousands).</summary>
    internal double Factor { get; init; } = 1;

    /// <summary>The date format (.NET custom format, e.g. <c>dd/MM/yyyy</c>); ISO dates when absent.</summary>
    internal string? DateFormat { get; init; }

    /// <summary>Bins of a number: the first bin whose <c>below</c> exceeds the number gives the value; <see langword="null"/> when the number passes through.</summary>
    internal IReadOnlyList<KeyValuePair<double?, JsonNode?>>? Bins { get; init; }

    /// <summary>The contract value of a typed cell (a number, a binned value or a date).</summary>
    /// <param name="raw">The cell.</param>
    /// <param name="value">The contract value; <see langword="null"/> for an empty cell.</param>
    /// <returns><see langword="false"/> when a non-empty cell does not parse.</returns>
    internal bool TryTyped(string raw, out JsonNode? value)
    {
        value = null;
        if (raw.Trim().Length == 0)
        {
            return true;
        }

        if (Kind == CellKind.Date)
        {
            if (!CellValue.TryDate(raw, DateFormat, out var date))
            {
                return false;
            }

            value = JsonValue.Create(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }

        if (!CellValue.TryNumber(raw, Kind, out var number))
        {
            return false;
        }

        number *= Factor;
        if (Math.Abs(number) > 1e15)
        {
            return false;
        }

        if (Bins is null)
        {
            value = JsonValue.Create((decimal)Math.Round(number, 6));
            return true;
        }

        foreach (var (below, bin) in Bins)
        {
            if (below is null || number < below)
            {
                value = bin?.DeepClone();
                return true;
            }
        }

        return true; // above every bin with no open last bin: unknown
    }

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
