using System.Runtime.ExceptionServices;
using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>The opportunities tallied per account as they stream past, and the accounts graded at the end.</summary>
public sealed partial class AccountBook
{
    /// <summary>Fewer accounts than this are graded on the calling thread; more are spread over the cores.</summary>
    private const int ParallelGrades = 64;

    /// <summary>
    /// Tallies one item of the batch: an assessed opportunity counts for its account (by <c>account.id</c>). An item of a
    /// batch run under <see cref="OnScoringCores"/> brings its contribution worked out on the core that scored it, and
    /// is only added here; the tally is the same either way. Call it for the items in the order the run hands them back.
    /// </summary>
    /// <param name="item">The item.</param>
    public void Add(BatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Tag is TallyChunk chunk && chunk.Book == this)
        {
            var at = chunk.Take(item);
            if (at >= 0)
            {
                Apply(in chunk.Pending[at]);
                return;
            }
        }

        Apply(Contribute(item));
    }
    /// <summary>
    /// Grades every account: those with a record (their dates checked against the day) and those known only from
    /// opportunities. The accounts are graded on every core (each on its own: the scorer is thread safe); the list, its
    /// order and its errors are those of grading them one after the other, in the order of their ids.
    /// </summary>
    /// <param name="asOf">The assessment day.</param>
    /// <returns>The key-account list, best grade first.</returns>
    public AccountList Grade(DateOnly asOf)
    {
        AddExported();
        var ids = new string[_accounts.Count + _tallies.Count];
        _accounts.Keys.CopyTo(ids, 0);
        var count = _accounts.Count;
        foreach (var id in _tallies.Keys)
        {
            if (!_accounts.ContainsKey(id))
            {
                ids[count++] = id;
            }
        }

        Array.Sort(ids, 0, count, StringComparer.Ordinal);
        var dated = new IReadOnlyList<InputError>[count];
        var graded = new AccountAssessment?[count];
        if (count < ParallelGrades)
        {
            for (var i = 0; i < count; i++)
            {
                GradeOne(ids[i], asOf, out dated[i], out graded[i]);
            }
        }
        else
        {
            try
            {
                Parallel.For(0, count, i => GradeOne(ids[i], asOf, out dated[i], out graded[i]));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // as grading them one after the other would have thrown
            }
        }

        var errors = new List<InputError>(_errors);
        var list = new List<AccountAssessment>(count);
        for (var i = 0; i < count; i++)
        {
            errors.AddRange(dated[i]);
            if (graded[i] is { } assessment)
            {
                list.Add(assessment);
            }
        }

        return new AccountList(_scorer.Policy.Stamp, asOf, list, errors);
    }

    /// <summary>One account graded (thread safe: it only reads the book): a record whose dates are after the day is rejected and the account graded from its opportunities, if it has any.</summary>
    private void GradeOne(string id, DateOnly asOf, out IReadOnlyList<InputError> dated, out AccountAssessment? graded)
    {
        KeyAccount? account = null;
        dated = [];
        if (_accounts.TryGetValue(id, out var entry))
        {
            dated = AccountReader.CheckDates(entry.Account, entry.Index, asOf);
            account = dated.Count == 0 ? entry.Account : null;
        }

        var tally = _tallies.GetValueOrDefault(id);
        graded = account is null && tally is null ? null : _scorer.Grade(id, account, tally, asOf);
    }

    /// <summary>One account's valid record, its position among the records, and the service targets it misses (found once per day, when an opportunity in implementation asks).</summary>
    private sealed class Entry(KeyAccount account, int index, AccountTally tally)
    {
        public KeyAccount Account { get; } = account;

        public int Index { get; } = index;

        /// <summary>
        /// A tally made with the record, so that the scoring cores can hand it to the tallying thread with each
        /// opportunity (no look-up of the id there); it counts once listed, on the account's first opportunity
        /// (<see cref="TallyFor"/>).
        /// </summary>
        public AccountTally Tally { get; } = tally;

        /// <summary>The targets missed on a day; set once per day, read by whoever asks next (the same list whoever finds it).</summary>
        public Missed? Missed { get; set; }
    }

    /// <summary>The service targets an account misses on a day.</summary>
    private sealed record Missed(DateOnly AsOf, IReadOnlyList<string> Targets);
}
