using System.Globalization;

namespace OpportunityScoring;

/// <summary>
/// The checks every section of a policy shares: each problem goes to one list with a stable code, a path and what to
/// fix; numbers that are multiplied into points keep at most six decimals; a list may not hold a null entry.
/// </summary>
internal abstract class PolicyCheck(List<PolicyIssue> issues)
{
    /// <summary>The largest role or influence weight (they are relative; a bound keeps the decision chain's sums exact).</summary>
    internal const decimal MaxRelativeWeight = 1000m;

    /// <summary>The most decimals a weight, share, credit or role/influence weight may have.</summary>
    internal const int MaxDecimals = 6;

    protected void Add(string code, string path, string message) => issues.Add(new PolicyIssue(code, path, message));

    /// <summary>
    /// A number that is multiplied into points must have at most <see cref="MaxDecimals"/> decimals: weight × share ×
    /// credit then has at most 18, every total is exact, and the score cannot depend on the order the rules add points.
    /// </summary>
    protected void CheckPrecision(string path, decimal value)
    {
        if (Numbers.Normalize(value).Scale > MaxDecimals)
        {
            Add("precision", path, $"{F(value)} has more than {MaxDecimals} decimals; round it (points are added exactly, and longer numbers would make the score depend on the order of the rules)");
        }
    }

    /// <summary>Reports each null entry of a list (a stray <c>null</c> or trailing comma in the file); the list's other checks wait until they are gone.</summary>
    protected bool HasNullEntries<T>(string path, IReadOnlyList<T?> list)
        where T : class
    {
        var any = false;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                Add("entryNull", $"{path}[{i}]", "this entry is null; remove it or write the object");
                any = true;
            }
        }

        return any;
    }

    protected static string F(decimal d) => Numbers.Normalize(d).ToString(CultureInfo.InvariantCulture);
}
