namespace OpportunityScoring.Pipelines;

/// <summary>What happened to an opportunity since the previous run.</summary>
public enum ChangeKind
{
    /// <summary>Assessed both times, and a decision (grade, score, …) changed.</summary>
    Changed = 0,
    /// <summary>Assessed now, not in the previous run.</summary>
    New,
    /// <summary>Assessed in the previous run, not now (gone from the input, or rejected this time).</summary>
    Removed,
}

/// <summary>A decision that changed.</summary>
/// <param name="Field">The contract path: <c>grade</c>, <c>score</c>, …</param>
/// <param name="Before">The previous value.</param>
/// <param name="After">The value now.</param>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>A rule whose contribution changed: why a decision changed.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Before">Its points in the previous run; <see langword="null"/> when it did not fire.</param>
/// <param name="After">Its points now; <see langword="null"/> when it no longer fires.</param>
public sealed record ReasonChange(string Rule, decimal? Before, decimal? After);

/// <summary>One opportunity's change since the previous run, with the reasons that differ.</summary>
/// <param name="Id">The opportunity's id.</param>
/// <param name="Kind">Changed, new or removed.</param>
/// <param name="Fields">The decisions that changed (every decision, for new and removed ones).</param>
/// <param name="Reasons">The rules that fired differently (changed opportunities only).</param>
public sealed record OpportunityChange(string Id, ChangeKind Kind, IReadOnlyList<FieldChange> Fields, IReadOnlyList<ReasonChange> Reasons);

/// <summary>The counts of a diff.</summary>
/// <param name="Unchanged">Assessed both times with the same decisions.</param>
/// <param name="Changed">Assessed both times, a decision changed.</param>
/// <param name="New">Only in this run.</param>
/// <param name="Removed">Only in the previous run.</param>
public sealed record DiffCounts(long Unchanged, long Changed, long New, long Removed);
