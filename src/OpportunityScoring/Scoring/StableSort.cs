namespace OpportunityScoring;

/// <summary>
/// A stable insertion sort into a new array, for the short lists an assessment holds (a few dozen items at most):
/// the same order as LINQ's <c>OrderBy(…).ThenBy(…)</c>, without its iterator, key buffers and delegates per call.
/// </summary>
internal static class StableSort
{
    public static T[] ToSortedArray<T>(List<T> items, Comparison<T> comparison)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var array = items.ToArray();
        for (var i = 1; i < array.Length; i++)
        {
            var item = array[i];
            var j = i - 1;
            while (j >= 0 && comparison(array[j], item) > 0)
            {
                array[j + 1] = array[j];
                j--;
            }

            array[j + 1] = item;
        }

        return array;
    }
}
