namespace OpportunityScoring.Json;

/// <summary>Decimal helpers.</summary>
internal static class Numbers
{
    /// <summary>The same value without trailing zeros (12.50 → 12.5), so that output and hashes do not depend on scale.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
