using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>The accounts' service health handed to their opportunities in implementation, before they are scored.</summary>
public sealed partial class AccountBook
{
    /// <summary>
    /// Hands each opportunity in implementation the service targets its account's record misses, so that its gate
    /// reads them (<c>Gate.Implementation.AccountService</c>). An account without a valid record says nothing: its
    /// opportunities are scored as before. Lazy: the records stream through.
    /// </summary>
    /// <param name="records">The pipeline's records.</param>
    /// <param name="asOf">The assessment day (the targets' year and the twelve months).</param>
    /// <returns>The records, those in implementation with their account's misses.</returns>
    public IEnumerable<PipelineRecord> WithServiceHealth(IEnumerable<PipelineRecord> records, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Select(r => WithServiceHealth(r, asOf));
    }

    /// <summary>One record, in implementation with its account's misses (<see cref="WithServiceHealth(IEnumerable{PipelineRecord}, DateOnly)"/>).</summary>
    private PipelineRecord WithServiceHealth(PipelineRecord record, DateOnly asOf) =>
        record.Opportunity is { Stage: Stage.Implementation } o && RecordReader.NormalizeId(o.Account.Id) is { Length: > 0 } id && _accounts.TryGetValue(id, out var entry)
            ? WithServiceHealth(record, id, entry, asOf)
            : record;

    /// <summary>One record with its account's entry found (on the scoring cores, <see cref="OnScoringCores"/>): in implementation, with the account's misses.</summary>
    private PipelineRecord WithServiceHealth(PipelineRecord record, string id, Entry entry, DateOnly asOf) =>
        record.Opportunity is { Stage: Stage.Implementation } o && MissedBy(id, entry, asOf) is { } missed
            ? record with { Opportunity = o with { Account = o.Account with { ServiceTargetsMissed = missed } } }
            : record;

    /// <summary>
    /// The targets an account's valid record misses (found once per account and day, kept on its record: one look-up
    /// of the id, no lock); <see langword="null"/> when it misses none.
    /// </summary>
    private IReadOnlyList<string>? MissedBy(string id, Entry entry, DateOnly asOf)
    {
        if (entry.Missed is not { } missed || missed.AsOf != asOf)
        {
            // Two threads may both find it (the same list): the second assignment replaces an equal value.
            missed = new Missed(asOf, AccountReader.CheckDates(entry.Account, entry.Index, asOf).Count > 0 ? [] : _scorer.MissedTargets(id, entry.Account, asOf));
            entry.Missed = missed;
        }

        return missed.Targets.Count == 0 ? null : missed.Targets;
    }
}
