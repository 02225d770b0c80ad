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
    private readonly Dictionary<string, (KeyAccount Account, int Index)> _accounts = new(StringComparer.Ordinal);
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
    /// Reads an accounts file: a JSON array of accounts, an object with an <c>accounts</c> array, JSON Lines (one
    /// account per line), or the accounts CSV layout (a header row of the fields, one account a row): a file whose first
    /// character that is not blank is <c>[</c> or <c>{</c> is JSON, any other is CSV. docs/accounts.md has the fields.
    /// </summary>
    /// <param name="stream">The file's content (UTF-8, or UTF-16 with a byte order mark).</param>
    /// <exception cref="PipelineFormatException">The file is not JSON, JSON Lines or CSV of accounts (the message says where).</exception>
    public void AddFile(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var utf8 = PipelineText.Utf8(stream);
        var head = new List<byte>();
        int b;
        while ((b = utf8.ReadByte()) >= 0)
        {
            head.Add((byte)b);
            if (b is not (' ' or '\t' or '\r' or '\n'))
            {
                break;
            }
        }

        var input = PipelineText.Prefixed([.. head], utf8);
        if (b is not ('[' or '{' or -1))
        {
            foreach (var record in AccountCsv.Read(input, _records))
            {
                _records++;
                Add(record);
            }

            return;
        }

        var bytes = new MemoryStream();
        input.CopyTo(bytes);
        var text = bytes.GetBuffer().AsMemory(0, (int)bytes.Length); // UTF-8 bytes, never decoded to a string: JSON reads them as they are
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
        try
        {
            using var document = JsonDocument.Parse(text, options);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("accounts", out _))
            {
                Add(ReadAccount(root, _records++)); // JSON Lines of one line: one account
                return;
            }

            AddSection(root.ValueKind == JsonValueKind.Object ? root.GetProperty("accounts") : root, "accounts");
            return;
        }
        catch (JsonException) when (b == '{')
        {
            // not one document: JSON Lines, one account a line
        }
        catch (JsonException e)
        {
            throw new PipelineFormatException($"The accounts file is not valid JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }

        AddLines(text, options);
    }

    /// <summary>
    /// JSON Lines of accounts, read from the bytes a line at a time: a line that is not JSON (or not valid UTF-8), or
    /// longer than the record limit, is an error naming the line; the other lines are read.
    /// </summary>
    private void AddLines(ReadOnlyMemory<byte> text, JsonDocumentOptions options)
    {
        var line = 0;
        while (!text.IsEmpty)
        {
            var end = text.Span.IndexOf((byte)'\n');
            var raw = end < 0 ? text : text[..end];
            text = end < 0 ? ReadOnlyMemory<byte>.Empty : text[(end + 1)..];
            line++;
            if (raw.Span.TrimStart(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            var index = _records++;
            if (raw.Length > Limits.RecordBytes)
            {
                _errors.Add(new InputError(null, index, "(account)", string.Create(CultureInfo.InvariantCulture, $"line {line} is {raw.Length:N0} bytes, over the limit of {Limits.Bytes(Limits.RecordBytes)} per record: it is rejected unread")));
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(raw, options);
                Add(ReadAccount(document.RootElement, index));
            }
            catch (JsonException e)
            {
                _errors.Add(new InputError(null, index, "(account)", $"line {line} is not valid JSON: {e.Message}"));
            }
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

        _accounts[account.Id] = (account, record.Index);
    }

    /// <summary>Tallies one item of the batch: an assessed opportunity counts for its account (by <c>account.id</c>).</summary>
    /// <param name="item">The item.</param>
    public void Add(BatchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Opportunity is not { } opportunity || item.Decisions is not { } decisions)
        {
            return;
        }

        if (RecordReader.NormalizeId(opportunity.Account.Id) is not { Length: > 0 } id)
        {
            Untallied++;
            return;
        }

        if (!_tallies.TryGetValue(id, out var tally))
        {
            if (_tallies.Count >= MaxAccounts)
            {
                Untallied++;
                return;
            }

            tally = new AccountTally(id, _dealsKept);
            _tallies[id] = tally;
        }

        tally.Add(opportunity, decisions, _scorer.StrategicFitMax);
    }

    /// <summary>Grades every account: those with a record (their dates checked against the day) and those known only from opportunities.</summary>
    /// <param name="asOf">The assessment day.</param>
    /// <returns>The key-account list, best grade first.</returns>
    public AccountList Grade(DateOnly asOf)
    {
        AddExported();
        var graded = new List<AccountAssessment>(_accounts.Count + _tallies.Count);
        var errors = new List<InputError>(_errors);
        var ids = new SortedSet<string>(_accounts.Keys, StringComparer.Ordinal);
        ids.UnionWith(_tallies.Keys);
        foreach (var id in ids)
        {
            KeyAccount? account = null;
            if (_accounts.TryGetValue(id, out var entry))
            {
                var dated = AccountReader.CheckDates(entry.Account, entry.Index, asOf);
                errors.AddRange(dated);
                account = dated.Count == 0 ? entry.Account : null; // a rejected record: graded from its opportunities, if it has any
            }

            if (account is null && !_tallies.ContainsKey(id))
            {
                continue;
            }

            graded.Add(_scorer.Grade(id, account, _tallies.GetValueOrDefault(id), asOf));
        }

        return new AccountList(_scorer.Policy.Stamp, asOf, graded, errors);
    }
}
