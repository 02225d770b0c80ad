using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OpportunityScoring.Engine;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The pipelines the pages show: the configured one (<c>Pages:PipelineFile</c>, scored on start and recorded in the
/// ledger when there is one) and the uploaded ones (scored in the background with progress, kept in memory, the oldest
/// dropped beyond <c>Pages:UploadsKept</c>; each reached by its unguessable id).
/// </summary>
internal sealed partial class PipelineCatalog(IOpportunityScorer scorer, IOptions<PagesOptions> options, IServiceProvider services, ILogger<PipelineCatalog> log)
{
    public const string ConfiguredKey = "configured";
    private readonly ConcurrentDictionary<string, Upload> _uploads = new(StringComparer.Ordinal);
    private readonly Lock _loading = new();
    private Task<ScoredPipeline?>? _configured;
    private readonly Lazy<AccountScorer> _accountScorer = new(() => OpportunityRules.CreateAccountScorer(scorer.Policy));

    public PagesOptions Options => options.Value;

    public IOpportunityScorer Scorer => scorer;

    /// <summary>The ledger, when <c>OpportunityScoring:Store</c> names one.</summary>
    public IDecisionLedger? Ledger => services.GetService<IDecisionLedger>();

    /// <summary>The configured pipeline (scored once, on first use or on start); null when none is configured.</summary>
    public Task<ScoredPipeline?> Configured()
    {
        lock (_loading)
        {
            return _configured ??= Task.Run(LoadConfigured);
        }
    }

    /// <summary>The pipeline a page shows: an upload's when <paramref name="source"/> names a finished one, else the configured one.</summary>
    public async Task<ScoredPipeline?> Resolve(string? source)
    {
        if (source is not null && source != ConfiguredKey)
        {
            return _uploads.TryGetValue(source, out var upload) && upload.Result is { } done ? done : null;
        }

        return await Configured().ConfigureAwait(false);
    }

    public Upload? FindUpload(string id) => _uploads.TryGetValue(id, out var u) ? u : null;

    /// <summary>Starts scoring an uploaded file (already on disk; deleted when scored), with its accounts file if one came too, in the background.</summary>
    public Upload StartUpload(string path, string fileName, string? format, AccountsFile? accounts = null)
    {
        var id = "u-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var upload = new Upload(id, fileName, new FileInfo(path).Length);
        foreach (var old in _uploads.Values.OrderBy(u => u.Started).Take(Math.Max(0, _uploads.Count - options.Value.UploadsKept + 1)))
        {
            _uploads.TryRemove(old.Id, out _);
        }

        _uploads[id] = upload;
        upload.Scoring = Task.Run(() =>
        {
            try
            {
                using var source = PipelineSource.Open(ScoredPipeline.FormatOf(fileName, format, path), path);
                upload.Result = ScoredPipeline.Score(id, fileName, source, scorer, _accountScorer.Value, accounts, options.Value.AsOf, null, null, upload.Report, CancellationToken.None);
            }
            catch (Exception e) when (e is PipelineFormatException or IOException or InvalidDataException or FormatException or System.Text.Json.JsonException)
            {
                upload.Error = e.Message;
            }
            catch (Exception e)
            {
                // The last handler of a background job: nothing else would see it, and the progress page would wait forever.
                LogUploadFailed(log, fileName, e);
                upload.Error = $"unexpected error ({e.GetType().Name})";
            }
            finally
            {
                File.Delete(path);
                if (accounts is not null)
                {
                    File.Delete(accounts.Path);
                }
            }
        });
        return upload;
    }

    private ScoredPipeline? LoadConfigured()
    {
        if (options.Value.PipelineFile is not { } file)
        {
            return null;
        }

        var path = Path.GetFullPath(file, AppContext.BaseDirectory);
        try
        {
            using var source = PipelineSource.Open(ScoredPipeline.FormatOf(path, options.Value.PipelineFormat, path), path);
            var accounts = options.Value.AccountsFile is { } named ? new AccountsFile(Path.GetFullPath(named, AppContext.BaseDirectory), Path.GetFileName(named)) : null;
            var scored = ScoredPipeline.Score(ConfiguredKey, Path.GetFileName(path), source, scorer, _accountScorer.Value, accounts, options.Value.AsOf, Ledger, () => RunStart.HashFile(path), null, CancellationToken.None);
            LogLoaded(log, path, scored.Assessments.Count, scored.Errors.Count, scored.RunId);
            return scored;
        }
        catch (Exception e) when (e is PipelineFormatException or IOException or UnauthorizedAccessException or LedgerException)
        {
            LogNotLoaded(log, path, e.Message);
            ConfiguredError = e.Message;
            return null;
        }
    }

    /// <summary>Why the configured pipeline could not be read, if it could not.</summary>
    public string? ConfiguredError { get; private set; }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pages: {Path} scored: {Assessed} assessed, {Rejected} rejected; ledger run {RunId}.")]
    private static partial void LogLoaded(ILogger logger, string path, int assessed, int rejected, long? runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pages: the uploaded pipeline {Name} could not be scored.")]
    private static partial void LogUploadFailed(ILogger logger, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pages: the pipeline {Path} cannot be used: {Reason}")]
    private static partial void LogNotLoaded(ILogger logger, string path, string reason);
}

/// <summary>An uploaded pipeline being scored: how far it is, then its result or why it could not be read.</summary>
internal sealed class Upload(string id, string name, long bytes)
{
    private long _read;
    private long _assessed;
    private long _rejected;
    private double _fraction;

    public string Id { get; } = id;

    public string Name { get; } = name;

    public long Bytes { get; } = bytes;

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public Task Scoring { get; set; } = Task.CompletedTask;

    public ScoredPipeline? Result { get; set; }

    public string? Error { get; set; }

    public long Read => Interlocked.Read(ref _read);

    public long Assessed => Interlocked.Read(ref _assessed);

    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>How much of the file has been read, 0 to 1.</summary>
    public double Fraction => Result is not null ? 1 : Volatile.Read(ref _fraction);

    public bool Done => Result is not null || Error is not null;

    public void Report(BatchProgress progress, double? fraction)
    {
        Interlocked.Exchange(ref _read, progress.Read);
        Interlocked.Exchange(ref _assessed, progress.Assessed);
        Interlocked.Exchange(ref _rejected, progress.Rejected);
        if (fraction is { } f)
        {
            Volatile.Write(ref _fraction, f);
        }
    }
}
