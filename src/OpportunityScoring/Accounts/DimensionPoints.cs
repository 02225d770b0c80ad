using System.Diagnostics.CodeAnalysis;

namespace OpportunityScoring.Accounts;

/// <summary>
/// An account's points per dimension: the five dimensions in ordinal order of their names (the order the list's JSON
/// writes them), each with its points. Five decimals in an array: an assessment is kept for every account until the
/// list is written, and a sorted tree of five nodes per account was most of what it held besides its credits.
/// </summary>
internal sealed class DimensionPoints(decimal[] points) : IReadOnlyDictionary<string, decimal>
{
    /// <summary>The dimensions, in ordinal order.</summary>
    public static readonly string[] Keys =
    [
        .. new[] { AccountCodes.Dimension.Value, AccountCodes.Dimension.Potential, AccountCodes.Dimension.Relationship, AccountCodes.Dimension.StrategicFit, AccountCodes.Dimension.Service }
            .Order(StringComparer.Ordinal),
    ];

    private readonly decimal[] _points = points.Length == Keys.Length ? points : throw new ArgumentException($"{Keys.Length} dimensions, not {points.Length}", nameof(points));

    /// <summary>The position of a dimension among <see cref="Keys"/>.</summary>
    /// <exception cref="KeyNotFoundException">Not one of the five dimensions.</exception>
    public static int IndexOf(string dimension) =>
        Array.IndexOf(Keys, dimension) is var at and >= 0 ? at : throw new KeyNotFoundException($"'{dimension}' is not an account dimension");

    public int Count => Keys.Length;

    IEnumerable<string> IReadOnlyDictionary<string, decimal>.Keys => Keys;

    public IEnumerable<decimal> Values => _points;

    public decimal this[string key] => _points[IndexOf(key)];

    public bool ContainsKey(string key) => Array.IndexOf(Keys, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out decimal value)
    {
        var at = Array.IndexOf(Keys, key);
        value = at >= 0 ? _points[at] : default;
        return at >= 0;
    }

    public IEnumerator<KeyValuePair<string, decimal>> GetEnumerator()
    {
        for (var i = 0; i < Keys.Length; i++)
        {
            yield return new KeyValuePair<string, decimal>(Keys[i], _points[i]);
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
