using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>The accounts' service health handed to their opportunities in implementation, before they are scored.</summary>
public sealed partial class AccountBook
{
    private readonly Dictionary<string, IReadOnlyList<string>> _missed = new(StringComparer.Ordinal);
    private DateOnly? _missedAsOf;

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
        if (_missedAsOf != asOf)
        {
            _missed.Clear();
            _missedAsOf = asOf;
        }

        return records.Select(r => r.Opportunity is { Stage: Stage.Implementation } o && MissedBy(o.Account.Id, asOf) is { } missed
            ? r with { Opportunity = o with { Account = o.Account with { ServiceTargetsMissed = missed } } }
            : r);
    }

    /// <summary>The targets an account's valid record misses (graded once per account and day); <see langword="null"/> without a record.</summary>
    private IReadOnlyList<string>? MissedBy(string? accountId, DateOnly asOf)
    {
        if (RecordReader.NormalizeId(accountId) is not { Length: > 0 } id || !_accounts.TryGetValue(id, out var entry))
        {
            return null;
        }

        lock (_missed)
        {
            if (!_missed.TryGetValue(id, out var missed))
            {
                missed = AccountReader.CheckDates(entry.Account, entry.Index, asOf).Count > 0
                    ? []
                    : _scorer.MissedTargets(id, entry.Account, asOf);
                _missed[id] = missed;
            }

            return missed.Count == 0 ? null : missed;
        }
    }
}
