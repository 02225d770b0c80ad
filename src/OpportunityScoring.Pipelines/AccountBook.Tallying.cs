using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// The per-opportunity work of the book done on the cores that score: each opportunity's contribution to its account's
/// tally is worked out right after it is scored, while it and its decisions are in that core's cache, and the thread that
/// enumerates the run only adds the figures, in stream order (so the first-come order of <see cref="MaxAccounts"/>, the
/// sums and the list are those of tallying on one thread).
/// </summary>
public sealed partial class AccountBook
{
    /// <summary>
    /// The batch options to score this book's opportunities with: <paramref name="options"/>, and on the cores that
    /// score, each record in implementation gets its account's service health before it is scored (what
    /// <see cref="WithServiceHealth(IEnumerable{PipelineRecord}, DateOnly)"/> does on the enumerating thread: use one or
    /// the other), and each item its contribution to its account's tally, which <see cref="Add(BatchItem)"/> then only adds.
    /// </summary>
    /// <param name="options">The batch options otherwise (<see cref="BatchOptions.Default"/> when <see langword="null"/>).</param>
    /// <returns>The options with the book's work on the scoring cores.</returns>
    /// <remarks>Read the accounts first (<see cref="AddFrom"/>, <see cref="AddFile"/>): the records are read, not changed, while the batch runs.</remarks>
    public BatchOptions OnScoringCores(BatchOptions? options = null) => (options ?? BatchOptions.Default).With(new ScoringCores(this));

    /// <summary>The most accounts tallied: <see cref="MaxAccounts"/>; lower in tests, to reach it.</summary>
    internal int TallyCap { get; init; } = MaxAccounts;

    /// <summary>
    /// What an item adds: nothing (not assessed), an untallied opportunity (no account id), or a contribution to an
    /// account, its id normalised (given when found before scoring, with the account's entry, read only).
    /// </summary>
    private Pending Contribute(BatchItem item, string? id = null, Entry? entry = null)
    {
        if (item.Opportunity is not { } opportunity || item.Decisions is not { } decisions)
        {
            return default;
        }

        if ((id ?? RecordReader.NormalizeId(opportunity.Account.Id)) is not { Length: > 0 } account)
        {
            return new Pending(PendingKind.Untallied, null, null, default);
        }

        return new Pending(PendingKind.Tally, account, entry?.Tally, AccountContribution.Of(opportunity, decisions, _scorer.StrategicFitMax));
    }

    /// <summary>Adds what an item contributes, in stream order (the tallying thread).</summary>
    private void Apply(in Pending pending)
    {
        switch (pending.Kind)
        {
            case PendingKind.Tally when TallyFor(pending.Id!, pending.Tally) is { } tally:
                tally.Add(in pending.Deal);
                break;
            case PendingKind.Tally or PendingKind.Untallied:
                Untallied++;
                break;
        }
    }

    /// <summary>
    /// The account's tally, listed on its first opportunity while fewer than <see cref="TallyCap"/> are listed (first come,
    /// first listed); <see langword="null"/> beyond. <paramref name="prepared"/> is the tally made with the account's
    /// record: once listed it is the account's tally, and no id is looked up.
    /// </summary>
    private AccountTally? TallyFor(string id, AccountTally? prepared)
    {
        if (prepared is { Listed: true })
        {
            return prepared;
        }

        if (!_tallies.TryGetValue(id, out var tally))
        {
            if (_tallies.Count >= TallyCap)
            {
                return null;
            }

            tally = prepared ?? new AccountTally(id, _dealsKept);
            _tallies.Add(id, tally);
            tally.Listed = true;
        }

        return tally;
    }

    private enum PendingKind : byte
    {
        /// <summary>Not assessed: adds nothing.</summary>
        None,

        /// <summary>Assessed without an account id: counted as untallied.</summary>
        Untallied,

        /// <summary>Assessed for an account.</summary>
        Tally,
    }

    /// <summary>One item's contribution, waiting for its turn in stream order.</summary>
    private readonly struct Pending(PendingKind kind, string? id, AccountTally? tally, AccountContribution deal)
    {
        public readonly PendingKind Kind = kind;

        public readonly string? Id = id;

        /// <summary>The tally made with the account's record, when it has one.</summary>
        public readonly AccountTally? Tally = tally;

        public readonly AccountContribution Deal = deal;
    }

    /// <summary>A chunk's accounts (found before it is scored) and contributions (after); taken in stream order by <see cref="Add(BatchItem)"/>.</summary>
    private sealed class TallyChunk(AccountBook book, int count)
    {
        private BatchItem[] _items = [];
        private int _next;

        public AccountBook Book { get; } = book;

        /// <summary>Each record's account: its id normalised and its record's entry, found once for the service health and the tally.</summary>
        public (string? Id, Entry? Entry)[] Accounts { get; } = new (string?, Entry?)[count];

        public Pending[] Pending { get; } = new Pending[count];

        /// <summary>Works out each item's contribution and tags the item with the chunk.</summary>
        public void Contribute(BatchItem[] items)
        {
            _items = items;
            for (var i = 0; i < items.Length; i++)
            {
                var (id, entry) = i < Accounts.Length ? Accounts[i] : default;
                Pending[i] = Book.Contribute(items[i], id, entry);
                items[i].Tag = this;
            }
        }

        /// <summary>The position of <paramref name="item"/> in the chunk (the next one when taken in order), -1 when it is not there.</summary>
        public int Take(BatchItem item)
        {
            var at = _next < _items.Length && ReferenceEquals(_items[_next], item) ? _next : Array.IndexOf(_items, item);
            _next = at + 1;
            return at;
        }
    }

    /// <summary>The book's <see cref="IBatchHook"/>: each record's account found and its service health handed before scoring, the contributions after.</summary>
    private sealed class ScoringCores(AccountBook book) : IBatchHook
    {
        public object? Prepare(PipelineRecord[] chunk, int count, DateOnly asOf)
        {
            var tally = new TallyChunk(book, count);
            for (var i = 0; i < count; i++)
            {
                if (chunk[i]?.Opportunity is { } o && RecordReader.NormalizeId(o.Account.Id) is { Length: > 0 } id)
                {
                    var entry = book._accounts.GetValueOrDefault(id);
                    tally.Accounts[i] = (id, entry);
                    if (entry is not null)
                    {
                        chunk[i] = book.WithServiceHealth(chunk[i], id, entry, asOf);
                    }
                }
            }

            return tally;
        }

        public void Scored(BatchItem[] items, object? prepared) => ((TallyChunk)prepared!).Contribute(items);
    }
}
