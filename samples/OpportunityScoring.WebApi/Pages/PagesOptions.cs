namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// Where the pages' pipeline comes from ("Pages" section, docs/pages.md): a pipeline file the host scores on start (and
/// records in the decision ledger when <c>OpportunityScoring:Store</c> names one), plus the files people upload, kept in
/// memory for a while.
/// </summary>
internal sealed class PagesOptions
{
    public const string SectionName = "Pages";

    /// <summary>The pipeline the pages show by default (the contract's JSON, JSON Lines, CSV or a Salesforce export); relative to the app's folder.</summary>
    public string? PipelineFile { get; set; }

    /// <summary>
    /// The key accounts' records (大客戶名單) beside the pipeline: a JSON array, <c>{"accounts": [...]}</c> or JSON Lines
    /// (docs/accounts.md); read with the pipeline's own <c>accounts</c> section, if it has one. Relative to the app's folder.
    /// </summary>
    public string? AccountsFile { get; set; }

    /// <summary>Its format: <c>json</c>, <c>jsonl</c>, <c>csv</c> or <c>salesforce</c>; by default from the file's name and header.</summary>
    public string? PipelineFormat { get; set; }

    /// <summary>The day of the assessments when the file does not give one (yyyy-MM-dd); else today.</summary>
    public DateOnly? AsOf { get; set; }

    /// <summary>A folder of policy files the what-if page offers to pick from; relative to the app's folder.</summary>
    public string PolicyFolder { get; set; } = "policies";

    /// <summary>The largest upload accepted.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How many uploaded pipelines are kept (the oldest goes first).</summary>
    public int UploadsKept { get; set; } = 8;

    /// <summary>Rows of the pipeline table (and of the key-account list) on one page.</summary>
    public int RowsPerPage { get; set; } = 50;
}
