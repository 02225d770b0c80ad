namespace OpportunityScoring;

/// <summary>
/// A list an explained assessment fills while its rules fire and copies out, sorted and at its exact size, when it is
/// built (the reasons, the missing evidence, the gate's missing items): its array is the thread's, taken when the first
/// item comes and handed back, cleared, once copied out — so an assessment allocates only the array it keeps, not a list,
/// its growth and then the copy. Taking the array empties the thread's slot: two lists on one thread (or one never handed
/// back, after a failure) each get their own array, never a shared one. A mutable struct: keep it in a field and call it
/// there, never through a copy.
/// </summary>
/// <typeparam name="T">The items (references: the array is cleared before it is handed back, keeping nothing alive).</typeparam>
internal struct ScratchList<T>
    where T : class
{
    private T[]? _items;
    private int _count;

    /// <summary>The number of items added since the list was created or handed back.</summary>
    public readonly int Count => _count;

    /// <summary>The items added, in their order (valid until the next add or <see cref="Release"/>).</summary>
    public readonly ReadOnlySpan<T> Items => _items.AsSpan(0, _count);

    /// <summary>Adds an item, taking the thread's array for the first.</summary>
    public void Add(T item)
    {
        var items = _items ??= Take();
        if (_count == items.Length)
        {
            Array.Resize(ref _items, items.Length * 2);
            items = _items;
        }

        items[_count++] = item;
    }

    /// <summary>Hands the array back to the thread, cleared, and empties the list.</summary>
    public void Release()
    {
        var items = _items;
        if (items is null)
        {
            return;
        }

        Array.Clear(items, 0, _count);
        _items = null;
        _count = 0;
        if (t_free is null || t_free.Length < items.Length)
        {
            t_free = items;
        }
    }

    private static T[] Take()
    {
        var free = t_free;
        if (free is null)
        {
            return new T[InitialCapacity];
        }

        t_free = null;
        return free;
    }

    /// <summary>The first array's size: an explained assessment records about 35 reasons, fewer of the others.</summary>
    private const int InitialCapacity = 64;

    [ThreadStatic]
    private static T[]? t_free;
}
