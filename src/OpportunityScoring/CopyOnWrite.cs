namespace OpportunityScoring;

/// <summary>
/// The append of a small immutable array shared between threads and read without a lock (the credits' and the gate's
/// shared explanations): a reader scans the array it read; a writer publishes a copy one item longer, unless the array
/// holds its bound already or another writer replaced it first.
/// </summary>
internal static class CopyOnWrite
{
    /// <summary>
    /// Publishes <paramref name="seen"/> (the array read from <paramref name="location"/>) with <paramref name="item"/>
    /// appended, when it holds fewer than <paramref name="bound"/> items and <paramref name="location"/> still holds it.
    /// </summary>
    /// <returns>Whether the array is full or this append was published; <see langword="false"/> when another writer replaced it first (read it again).</returns>
    public static bool TryAppend<T>(ref T[] location, T[] seen, T item, int bound)
    {
        if (seen.Length >= bound)
        {
            return true;
        }

        var grown = new T[seen.Length + 1];
        seen.CopyTo(grown, 0);
        grown[^1] = item;
        return ReferenceEquals(Interlocked.CompareExchange(ref location, grown, seen), seen);
    }
}
