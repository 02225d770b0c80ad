using System.Globalization;
using System.Text;
using System.Text.Json;
using OpportunityScoring.Accounts;
using OpportunityScoring.Engine;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// The key accounts (大客戶) of a batch: their records, read from a pipeline's <c>accounts</c> section or a separate file,
/// and a tally per account of its opportunities as they stream past the writer (a bounded dictionary keyed by account
/// id: a few hundred bytes an account, never the opportunities). <see cref="Grade"/> grades every account — those with
/// a record and those known only from their opportunities — and the writers print the key-account list (大客戶名單).
/// A bad account record is rejected with its field named (<see cref="Errors"/>); the others are graded.
/// </summary>
public sealed partial class AccountBook
{
    /// <summary>The most accounts a book tallies; opportunities of further accounts are counted, not tallied.</summary>
    public const int MaxAccounts = 1_000_000;

    private readonly AccountScorer _scorer;
    private readonly int _dealsKept;
    private readonly Dictionary<string, AccountTally> _tallies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);
    private readonly List<InputError> _errors = [];
    private readonly List<SalesforceAccounts> _exported = [];
    private int _records;

    /// <summary>Creates an empty book.</summary>
    /// <param name="scorer">The account grader (<c>OpportunityRules.CreateAccountScorer</c>).</param>
    /// <param name="dealsKept">How many of each account's largest deals to keep for its follow-up table.</param>
    public AccountBook(AccountScorer scorer, int dealsKept = 5)
    {
        _scorer = scorer ?? throw new ArgumentNullException(nameof(scorer));
        _dealsKept = Math.Max(0, dealsKept);
    }

    /// <summary>The account records rejected, each naming the account (or its index) and the field.</summary>
    public IReadOnlyList<InputError> Errors => _errors;

    /// <summary>How many accounts have a valid record.</summary>
    public int Records => _accounts.Count;

    /// <summary>Opportunities without an account id, or beyond <see cref="MaxAccounts"/>: assessed, not tallied.</summary>
    public long Untallied { get; private set; }

    /// <summary>
    /// Reads a pipeline's <c>accounts</c> section, when it has one (before its records are read); of a Salesforce export,
    /// the accounts its Account.* columns name, taken when grading (after the records are read).
    /// </summary>
    /// <param name="source">The pipeline.</param>
    public void AddFrom(PipelineSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Accounts is { } section)
        {
            AddSection(section, "accounts");
        }

        if (source.ExportedAccounts is { } exported)
        {
            _exported.Add(exported); // read as the records stream; taken when grading
        }
    }

    /// <summary>
    /// The accounts a Salesforce export named (name, owner, standing), for those without a record of their own: a record
    /// from the pipeline or an accounts file wins whole.
    /// </summary>
    private void AddExported()
    {
        foreach (var export in _exported)
        {
            foreach (var (id, json) in export.Records())
            {
                if (!_claimed.Contains(id))
                {
                    Add(ReadAccount(json, _records++));
                }
            }
        }

        _exported.Clear();
    }

    /// <summary>One account read with its checks; a string that is not valid UTF-8 (JSON is parsed from the bytes) rejects the record.</summary>
    private static AccountRecord ReadAccount(JsonElement element, int index)
    {
        try
        {
            return AccountReader.Read(element, index);
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            string? id = null;
            try
            {
                id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var v) && v.ValueKind == JsonValueKind.String ? RecordReader.NormalizeId(v.GetString()) : null;
            }
            catch (InvalidOperationException)
            {
                // the id itself is not valid text: the error names the index
            }

            return new AccountRecord(index, null, [new InputError(id, index, "(account)", "the account holds text that is not valid UTF-8 (or, in a UTF-16 file, a lone surrogate); correct it at the source")]);
        }
    }

    private void AddSection(JsonElement section, string field)
    {
        if (section.ValueKind != JsonValueKind.Array)
        {
            throw new PipelineFormatException($"'{field}' is an array of accounts, not {section.ValueKind.ToString().ToLowerInvariant()}.");
        }

        foreach (var element in section.EnumerateArray())
        {
            Add(ReadAccount(element, _records++));
        }
    }

    private void Add(AccountRecord record)
    {
        if (record.Account is not { } account)
        {
            _errors.AddRange(record.Errors);
            if (record.Errors.Select(e => e.Id).FirstOrDefault(id => !string.IsNullOrEmpty(id)) is { } rejected)
            {
                _claimed.Add(rejected); // a later record with the same id is still a duplicate
            }

            return;
        }

        if (!_claimed.Add(account.Id))
        {
            var first = _accounts.TryGetValue(account.Id, out var kept) ? $"the account at index {kept.Index}" : "an earlier account";
            _errors.Add(new InputError(account.Id, record.Index, "id", $"duplicate account id: {first} has the same id"));
            return;
        }

        if (_accounts.Count >= MaxAccounts)
        {
            _errors.Add(new InputError(account.Id, record.Index, "(account)", $"more than {MaxAccounts:N0} accounts: this one is not read"));
            return;
        }

        _accounts[account.Id] = new Entry(account, record.Index, new AccountTally(account.Id, _dealsKept));
    }
}
