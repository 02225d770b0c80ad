using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OpportunityScoring.Tests.Properties;

/// <summary>
/// The grouped sort (the reasons of an assessment: one group per criterion, the rules that decide last) gives the same
/// order as the keyed stable sort it stands in for — ties kept in their order, keys of <see cref="int.MaxValue"/> last,
/// and a key outside the groups sorting the whole list the keyed way.
/// </summary>
public sealed class StableSortTests
{
    [Property(MaxTest = 2_000)]
    public Property The_grouped_sort_orders_as_the_keyed_sort_when_every_key_is_a_group_or_last() =>
        SameOrder(Gen.Elements(0, 1, 2, 3, 4, 5, 6, int.MaxValue));

    [Property(MaxTest = 1_000)]
    public Property The_grouped_sort_orders_as_the_keyed_sort_when_a_key_is_outside_the_groups() =>
        SameOrder(Gen.Elements(0, 3, 6, int.MaxValue, 7, 9));

    private static Property SameOrder(Gen<int> keys) =>
        Prop.ForAll(
            Gen.ListOf(Gen.Zip(keys, Gen.Choose(0, 3))).ToArbitrary(),
            pairs =>
            {
                var items = pairs.Select((p, i) => new Item(p.Item1, p.Item2, i)).ToList();
                var grouped = StableSort.ToSortedArrayInGroups(items, 7, 0, static (_, x) => x.Key, default(ByTie));
                var keyed = StableSort.ToSortedArray(items, 0, static (_, x) => x.Key, default(ByTie));
                return grouped.SequenceEqual(keyed) && keyed.SequenceEqual(items.OrderBy(x => x.Key).ThenBy(x => x.Tie));
            });

    [Fact]
    public void The_grouped_sort_of_no_list_or_an_empty_one_is_empty()
    {
        Assert.Empty(StableSort.ToSortedArrayInGroups<Item, int, ByTie>(null, 7, 0, static (_, x) => x.Key, default));
        Assert.Empty(StableSort.ToSortedArrayInGroups(new List<Item>(), 7, 0, static (_, x) => x.Key, default(ByTie)));
    }

    private sealed record Item(int Key, int Tie, int Position);

    private readonly struct ByTie : IComparer<Item>
    {
        public int Compare(Item? x, Item? y) => x!.Tie.CompareTo(y!.Tie);
    }
}
