using OpportunityScoring.Engine;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// A pipeline scored once and kept for the pages: every opportunity with its assessment (in file order), the records
/// that could not be assessed with the error naming record and field, the summary, and — for the configured pipeline
/// with a ledger — the run it was recorded as and what changed since the last complete run of the same file.
/// </summary>
internal sealed class ScoredPipeline
{
    private readonly Dictionary<string, int> _byId;

    private ScoredPipeline(string key, string name, DateOnly asOf, PolicyStamp policy, List<Opportunity> opportunities, List<Assessment> assessments, List<InputError> errors, PipelineSummary summary)
    {
        Key = key;
        Name = name;
        AsOf = asOf;
        Policy = policy;
        Opportunities = opportunities;
        Assessments = assessments;
        Errors = errors;
        Summary = summary;
        _byId = new Dictionary<string, int>(opportunities.Count, StringComparer.Ordinal);
        for (var i = 0; i < opportunities.Count; i++)
        {
            _byId.TryAdd(opportunities[i].Id, i);
        }
    }

    /// <summary><c>configured</c>, or an upload's id.</summary>
    public string Key { get; }

    /// <summary>The file's name.</summary>
    public string Name { get; }

    public DateOnly AsOf { get; }

    public PolicyStamp Policy { get; }

    public IReadOnlyList<Opportunity> Opportunities { get; }

    public IReadOnlyList<Assessment> Assessments { get; }

    public IReadOnlyList<InputError> Errors { get; }

    public PipelineSummary Summary { get; }

    /// <summary>The ledger run this pipeline was recorded as (configured pipeline with a ledger only).</summary>
    public long? RunId { get; private init; }

    /// <summary>What changed since the last complete run of the same file in the ledger.</summary>
    public LedgerDiff? Changes { get; private init; }

    /// <summary>
    /// The key accounts (the pipeline's <c>accounts</c> section and the configured accounts file, with every account its
    /// opportunities name), graded by the library on first use.
    /// </summary>
    public GradedAccounts Accounts => _accounts!.Value;

    private Lazy<GradedAccounts>? _accounts;

    public int? IndexOf(string id) => _byId.TryGetValue(id, out var i) ? i : null;

    /// <summary>
    /// Reads and scores a pipeline on all cores (the library's streaming batch), reporting progress; with a ledger run,
    /// every item is recorded in it too and the run compared with the previous one. The key accounts are read first
    /// (the pipeline's section, then <paramref name="accountsFile"/>) and every item is tallied for its account, as the
    /// <c>accounts</c> verb does; an opportunity in implementation reads its account's service health.
    /// </summary>
    public static ScoredPipeline Score(string key, string name, PipelineSource source, IOpportunityScorer scorer, AccountScorer accountScorer, AccountsFile? accountsFile, DateOnly? asOf, IDecisionLedger? ledger, Func<string>? inputHash, Action<BatchProgress, double?>? progress, CancellationToken cancellationToken)
    {
        var day = source.AsOf ?? asOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var book = new AccountBook(accountScorer, dealsKept: 0);
        book.AddFrom(source);
        var accountsProblem = accountsFile is null ? null : ReadAccounts(book, accountsFile);
        var batch = new BatchScorer(scorer);
        var run = ledger is null || inputHash is null ? null : ledger.StartRun(new RunStart(name, inputHash(), scorer.Policy.Stamp, day, "host"));
        var opportunities = new List<Opportunity>();
        var assessments = new List<Assessment>();
        var errors = new List<InputError>();
        var summary = new PipelineSummaryBuilder();
        var reporter = progress is null ? null : new Progress(p => progress(p, source.Fraction));
        var records = book.Records > 0 ? book.WithServiceHealth(source.Records, day) : source.Records;
        foreach (var item in batch.Score(records, day, reporter, cancellationToken))
        {
            summary.Add(item);
            book.Add(item);
            run?.Write(item);
            if (item is { Opportunity: { } o, Assessment: { } a })
            {
                opportunities.Add(o);
                assessments.Add(a);
            }
            else
            {
                errors.AddRange(item.Errors);
            }
        }

        LedgerDiff? changes = null;
        if (run is not null)
        {
            run.Complete();
            changes = ledger!.CompareWithPrevious(run.RunId, changesKept: 50);
        }

        var scored = new ScoredPipeline(key, name, day, scorer.Policy.Stamp, opportunities, assessments, errors, summary.Build())
        {
            RunId = run?.RunId,
            Changes = changes,
        };
        scored._accounts = new Lazy<GradedAccounts>(() => new GradedAccounts(book.Grade(day), opportunities, accountsProblem));
        return scored;
    }

    /// <summary>Reads an accounts file into the book; why not, when it cannot be read (the file named).</summary>
    private static string? ReadAccounts(AccountBook book, AccountsFile file)
    {
        try
        {
            using var stream = File.OpenRead(file.Path);
            book.AddFile(stream);
            return null;
        }
        catch (Exception e) when (e is PipelineFormatException or IOException or UnauthorizedAccessException)
        {
            return $"{file.Name}: {e.Message}";
        }
    }

    /// <summary>The format of a pipeline file: asked for, else from its name (and a CSV's header: Salesforce's <c>StageName</c>).</summary>
    public static PipelineFormat FormatOf(string fileName, string? asked, string path)
    {
        switch (asked?.ToUpperInvariant())
        {
            case "JSON": return PipelineFormat.Json;
            case "JSONL": return PipelineFormat.JsonLines;
            case "CSV": return PipelineFormat.Csv;
            case "SALESFORCE": return PipelineFormat.Salesforce;
            default: break;
        }

        var extension = Path.GetExtension(fileName).ToUpperInvariant();
        if (extension is ".JSONL" or ".NDJSON")
        {
            return PipelineFormat.JsonLines;
        }

        if (extension != ".CSV")
        {
            return PipelineFormat.Json;
        }

        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? string.Empty;
        return header.Split(',').Any(c => c.Trim().Trim('"').Equals("StageName", StringComparison.OrdinalIgnoreCase)) ? PipelineFormat.Salesforce : PipelineFormat.Csv;
    }

    private sealed class Progress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }
}

/// <summary>The key accounts' records beside a pipeline: where the file is, and the name it is shown by.</summary>
/// <param name="Path">The file.</param>
/// <param name="Name">Its name as the person gave it (an upload's temporary file is not what they know it by).</param>
internal sealed record AccountsFile(string Path, string Name);
