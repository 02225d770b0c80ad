namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Tests that measure the allocations or the live memory of the whole process (a reader reads on a thread of its own),
/// run alone so that no other test's allocations count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationsMeasuredAlone
{
    public const string Name = "Allocations measured for the whole process";
}
