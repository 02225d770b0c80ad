namespace OpportunityScoring;

/// <summary>
/// A stable insertion sort into a new array, for the short lists an assessment holds (a few dozen items at most):
/// the same order as LINQ's <c>OrderBy(…).ThenBy(…)</c>, without its iterator, key buffers and delegates per call.
/// A list never created (a ledger creates its lists on the first item) sorts to an empty array.
/// </summary>
internal static class StableSort
{
    public static T[] ToSortedArray<T>(List<T>? items, Comparison<T> comparison)
    {
        if (items is null || items.Count == 0)
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

    /// <summary>The same, ordered by a key computed once per item, then by <paramref name="then"/>.</summary>
    public static T[] ToSortedArray<T>(List<T>? items, Func<T, int> key, Comparison<T> then) => ToSortedArray(items, key, static (k, item) => k(item), then);

    /// <summary>The same, with the key computed from a state (so that the key need not be a closure allocated per call).</summary>
    public static T[] ToSortedArray<T, TState>(List<T>? items, TState state, Func<TState, T, int> key, Comparison<T> then) =>
        ToSortedArray(items, state, key, new ByComparison<T>(then));

    /// <summary>
    /// The same, the tie-break a struct comparer: the JIT compiles the sort for it, so a hot sort (the reasons of every
    /// explained assessment) makes no delegate call per comparison.
    /// </summary>
    public static T[] ToSortedArray<T, TState, TThen>(List<T>? items, TState state, Func<TState, T, int> key, TThen then)
        where TThen : struct, IComparer<T> =>
        SortedCopy(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items), state, key, then);

    /// <summary>The same, from the items of a span (a <see cref="ScratchList{T}"/>'s): the sorted copy is the only array made.</summary>
    public static T[] SortedCopy<T, TState, TThen>(ReadOnlySpan<T> items, TState state, Func<TState, T, int> key, TThen then)
        where TThen : struct, IComparer<T>
    {
        if (items.IsEmpty)
        {
            return [];
        }

        var array = items.ToArray();
        Span<int> keys = array.Length <= 64 ? stackalloc int[64] : new int[array.Length]; // the keys on the stack: a few dozen items
        for (var i = 0; i < array.Length; i++)
        {
            keys[i] = key(state, array[i]);
        }

        SortByKeys(array, keys, then);
        return array;
    }

    /// <summary>
    /// Sorts <paramref name="array"/> in place by <paramref name="keys"/> (one per item, at least as many as items, moved
    /// with their items), then by <paramref name="then"/>: a stable insertion sort, for a caller that computes the keys its
    /// own way.
    /// </summary>
    public static void SortByKeys<T, TThen>(T[] array, Span<int> keys, TThen then)
        where TThen : struct, IComparer<T>
    {
        for (var i = 1; i < array.Length; i++)
        {
            var item = array[i];
            var k = keys[i];
            var j = i - 1;
            while (j >= 0 && (keys[j] > k || (keys[j] == k && then.Compare(array[j], item) > 0)))
            {
                array[j + 1] = array[j];
                keys[j + 1] = keys[j];
                j--;
            }

            array[j + 1] = item;
            keys[j + 1] = k;
        }
    }

    /// <summary>
    /// The same, for keys that name one of a few groups: every key in [0, <paramref name="groups"/>), or
    /// <see cref="int.MaxValue"/> (after every group). The items are dealt into their groups in their order, then each group
    /// is sorted by <paramref name="then"/>: the same order as the keyed sort, without moving items of different groups
    /// past each other (the ~35 reasons of an explained assessment, in eight groups: moving them in one insertion sort was a
    /// sixth of its time). A key outside the groups sorts the whole list as the keyed sort does.
    /// </summary>
    public static T[] ToSortedArrayInGroups<T, TState, TThen>(List<T>? items, int groups, TState state, Func<TState, T, int> key, TThen then)
        where TThen : struct, IComparer<T> =>
        SortedCopyInGroups(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items), groups, state, key, then);

    /// <summary>The same, from the items of a span (a <see cref="ScratchList{T}"/>'s): the sorted copy is the only array made.</summary>
    public static T[] SortedCopyInGroups<T, TState, TThen>(ReadOnlySpan<T> items, int groups, TState state, Func<TState, T, int> key, TThen then)
        where TThen : struct, IComparer<T>
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groups, 62);
        if (items.IsEmpty)
        {
            return [];
        }

        var n = items.Length;
        Span<int> group = n <= 64 ? stackalloc int[64] : new int[n];
        Span<int> start = stackalloc int[groups + 2]; // start[g + 1]: how many items are in group g, then where group g + 1 starts
        start.Clear();
        for (var i = 0; i < n; i++)
        {
            var k = key(state, items[i]);
            var g = k == int.MaxValue ? groups : (uint)k < (uint)groups ? k : -1;
            if (g < 0)
            {
                return SortedCopy(items, state, key, then);
            }

            group[i] = g;
            start[g + 1]++;
        }

        for (var g = 1; g < start.Length; g++)
        {
            start[g] += start[g - 1];
        }

        var array = new T[n];
        Span<int> end = stackalloc int[groups + 1];
        start[..(groups + 1)].CopyTo(end);
        for (var i = 0; i < n; i++)
        {
            array[end[group[i]]++] = items[i];
        }

        for (var g = 0; g <= groups; g++)
        {
            for (var i = start[g] + 1; i < end[g]; i++)
            {
                var item = array[i];
                var j = i - 1;
                while (j >= start[g] && then.Compare(array[j], item) > 0)
                {
                    array[j + 1] = array[j];
                    j--;
                }

                array[j + 1] = item;
            }
        }

        return array;
    }

    private readonly struct ByComparison<T>(Comparison<T> comparison) : IComparer<T>
    {
        public int Compare(T? x, T? y) => comparison(x!, y!);
    }
}
