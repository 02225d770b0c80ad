using System.CommandLine;
using System.Globalization;
using OpportunityScoring.Engine;
using OpportunityScoring.Insights;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using Spectre.Console;

namespace OpportunityScoring.Cli;

/// <summary><c>score &lt;file&gt;</c>: assesses a pipeline file, streaming, on all cores.</summary>
internal static class ScoreCommand
{
    private const int RejectionLinesShown = 100;
    private const int ChangesShown = 20;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("file") { Description = "The pipeline file." };
        var format = new Option<string>("--format")
        {
            Description = "table (for people), json (one document {policy, asOf, assessments, errors}), jsonl (one assessment per line) or csv (one flat row per record).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "jsonl", "csv");
        var input = new Option<string>("--input")
        {
            Description = "The input format: json (the contract's document), jsonl (one opportunity per line), csv (the flat layout, docs/csv-layout.md) or salesforce (an Opportunity export, docs/salesforce-mapping.md).",
            DefaultValueFactory = _ => "json",
        };
        input.AcceptOnlyFromAmong("json", "jsonl", "csv", "salesforce");
        var policyOption = CommonOptions.Policy();
        var outOption = new Option<FileInfo?>("--out") { Description = "Write the result to this file instead of standard output." };
        var previous = new Option<FileInfo?>("--previous") { Description = "An earlier output (json or jsonl): report what changed since, and why." };
        var diffOut = new Option<FileInfo?>("--diff-out") { Description = "With --previous: write every change as JSON {changes, counts} to this file." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar, summary or per-record messages on standard error." };
        var asOf = new Option<string?>("--as-of") { Description = "The day to assess on, yyyy-MM-dd; default: the file's asOf, else today." };
        var engine = CommonOptions.Engine();
        var explain = new Option<bool>("--explain") { Description = "Add to every assessment its improvements and flip points (re-scores variants: about 20–100 times slower)." };
        var culture = CommonOptions.Culture();
        var command = new Command("score", "Grade, score and explain every opportunity of a pipeline.")
        {
            file, format, input, policyOption, outOption, previous, diffOut, quiet, asOf, engine, explain, culture,
        };
        var ledger = LedgerOptions.AddTo(command); // --store, --changed-only, --shard: the decision ledger (docs/ledger.md)
        command.SetAction(parse => Run(
            new Request(parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(input)!, parse.GetValue(policyOption), parse.GetValue(outOption), parse.GetValue(previous), parse.GetValue(diffOut), parse.GetValue(quiet), parse.GetValue(asOf), parse.GetValue(engine), parse.GetValue(explain), parse.GetValue(culture)) { Store = ledger.Read(parse) },
            stdout,
            stderr));
        return command;
    }

    private sealed record Request(FileInfo File, string Format, string Input, FileInfo? Policy, FileInfo? Out, FileInfo? Previous, FileInfo? DiffOut, bool Quiet, string? AsOf, ScoringEngine Engine, bool Explain, string? Culture)
    {
        /// <summary>--store: the decision ledger asked for, and the run being recorded in it (docs/ledger.md).</summary>
        public StoreRequest? Store { get; init; }

        public StoredScore? Ledger { get; init; }
    }

    private static int Run(Request request, TextWriter stdout, TextWriter stderr)
    {
        var policy = CommonOptions.LoadPolicy(request.Policy, stderr);
        if (policy is null)
        {
            return CliApp.Unusable;
        }

        DateOnly? day = null;
        if (request.AsOf is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                stderr.WriteLine($"--as-of {text} is not a date in the form yyyy-MM-dd.");
                return CliApp.Unusable;
            }

            day = d;
        }

        PreviousRun? previous = null;
        if (request.Previous is { } previousFile)
        {
            try
            {
                previous = PreviousRun.Load(previousFile.FullName);
            }
            catch (Exception e) when (e is PipelineFormatException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"Cannot use the previous output {previousFile.FullName}: {e.Message}");
                return CliApp.Unusable;
            }
        }

        PipelineSource source;
        try
        {
            var format = request.Input switch
            {
                "jsonl" => PipelineFormat.JsonLines,
                "csv" => PipelineFormat.Csv,
                "salesforce" => PipelineFormat.Salesforce,
                _ => PipelineFormat.Json,
            };
            source = PipelineSource.Open(format, request.File.FullName);
        }
        catch (PipelineFormatException e)
        {
            stderr.WriteLine($"{request.File.Name}: {e.Message}");
            return CliApp.Unusable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"Cannot read {request.File.FullName}: {e.Message}");
            return CliApp.Unusable;
        }

        using (source)
        {
            // --store: the run is started in the ledger before scoring, so a store that cannot be used stops here (exit 2).
            using var stored = request.Store is { } store ? StoredScore.Start(store, request.File, policy.Stamp, day ?? source.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow), request.Engine, request.Quiet, stderr) : null;
            if (request.Store is not null && stored is null)
            {
                return CliApp.Unusable;
            }

            request = request with { Ledger = stored };
            var scorer = OpportunityRules.CreateScorer(policy, request.Engine);
            CommonOptions.ReportFallback(scorer, request.Engine, request.Quiet ? TextWriter.Null : stderr);
            // The CSV output holds only decisions: score them without building reasons and messages (same columns, several
            // times faster), unless a diff against a previous run needs the reasons' points.
            var detail = previous is null && request.Store is null && request.Format != "table" ? BatchWriters.DetailFor(request.Format) : ScoringDetail.Full;
            var batch = new BatchScorer(
                request.Explain && detail == ScoringDetail.Full ? Explainer.Scorer(scorer, Texts.For(request.Culture)) : scorer,
                new BatchOptions { Detail = detail });
            var run = batch.Score(stored?.Select(source.Records) ?? source.Records, day ?? source.AsOf);
            var showProgress = !request.Quiet && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            try
            {
                return showProgress
                    ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
                        .AutoClear(true)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                        .Start(ctx =>
                        {
                            var task = ctx.AddTask("Scoring", maxValue: 100);
                            return Execute(request, batch, source, run, previous, stdout, stderr, p =>
                            {
                                task.Value = (source.Fraction ?? 0) * 100;
                                task.Description = $"Scoring: {p.Completed.ToString("N0", CultureInfo.InvariantCulture)} records";
                            });
                        })
                    : Execute(request, batch, source, run, previous, stdout, stderr, null);
            }
            catch (PipelineFormatException e)
            {
                stderr.WriteLine($"{request.File.Name}: {e.Message}");
                return CliApp.Unusable;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"Cannot read or write: {e.Message}");
                return CliApp.Unusable;
            }
            catch (LedgerException e)
            {
                stderr.WriteLine(e.Message); // the run stays incomplete in the ledger
                return CliApp.Unusable;
            }
        }
    }

    private static int Execute(Request request, BatchScorer batch, PipelineSource source, BatchRun run, PreviousRun? previous, TextWriter stdout, TextWriter stderr, Action<BatchProgress>? onProgress)
    {
        _ = source;
        var summary = new PipelineSummaryBuilder();
        var differ = previous is null ? null : new PipelineDiffer(previous);
        if (previous?.Policy is { } before && before.Sha256 != batch.Policy.Sha256 && !request.Quiet)
        {
            stderr.WriteLine($"note: the previous run was under policy {before.Name} {before.Version}, this one under {batch.Policy.Name} {batch.Policy.Version}: the changes include the policy's.");
        }

        var changes = new List<OpportunityChange>();
        using var diffStream = request.DiffOut is null || differ is null ? null : new FileStream(request.DiffOut.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var diffWriter = diffStream is null ? null : new DiffDocumentWriter(diffStream);
        var table = request.Format == "table";
        var assessments = table ? new List<Assessment>() : null;
        var errors = new List<InputError>();
        long errorLines = 0;

        using var fileStream = request.Out is null ? null : new FileStream(request.Out.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var stdoutStream = fileStream is null && !table ? new BufferedStream(new TextWriterStream(stdout), 1 << 16) : null;
        Stream? target = (Stream?)fileStream ?? stdoutStream;
        using var writer = table ? null : BatchWriters.Create(request.Format, target!, batch.Policy, run.AsOf, Texts.For(request.Culture));
        var lastReport = 0L;
        try
        {
            Consume();
        }
        catch (PipelineFormatException e)
        {
            // The file cannot be read any further: what was read stays in the output, which is closed as a valid document
            // whose last error says where and why reading stopped; the run still ends as unusable (exit 2).
            var index = (int)Math.Min(int.MaxValue, run.Counts.Assessed + run.Counts.Rejected);
            writer?.Write(new BatchItem(index, null, null, [new InputError(null, index, "(file)", e.Message)]));
            writer?.Complete();
            stdoutStream?.Flush();
            throw;
        }

        void Consume()
        {
            foreach (var item in run)
            {
                writer?.Write(item);
                request.Ledger?.Write(item);
                summary.Add(item);
                if (item.Assessment is { } assessment)
                {
                    assessments?.Add(assessment);
                    if (differ?.Compare(assessment) is { } change)
                    {
                        diffWriter?.Write(change);
                        if (changes.Count < ChangesShown)
                        {
                            changes.Add(change);
                        }
                    }
                }
                else if (!item.IsAssessed)
                {
                    if (table)
                    {
                        errors.AddRange(item.Errors);
                    }

                    foreach (var error in item.Errors)
                    {
                        if (!request.Quiet && errorLines++ < RejectionLinesShown)
                        {
                            stderr.WriteLine($"rejected {error.Id ?? "record " + error.Index} (index {error.Index}), {error.Field}: {error.Message}");
                        }
                    }
                }

                if (onProgress is not null && run.Counts.Assessed + run.Counts.Rejected - lastReport >= 256)
                {
                    lastReport = run.Counts.Assessed + run.Counts.Rejected;
                    onProgress(new BatchProgress(run.Counts.Read, run.Counts.Assessed, run.Counts.Rejected, TimeSpan.Zero));
                }
            }
        }

        if (differ is not null)
        {
            foreach (var removed in differ.Finish())
            {
                diffWriter?.Write(removed);
                if (changes.Count < ChangesShown)
                {
                    changes.Add(removed);
                }
            }

            diffWriter?.Complete(differ.Counts);
        }

        writer?.Complete();
        stdoutStream?.Flush();
        request.Ledger?.Finish(previous is null ? request.DiffOut : null); // the input was read to its end: the run (or shard) is complete
        if (!request.Quiet && errorLines > RejectionLinesShown)
        {
            stderr.WriteLine($"… and {errorLines - RejectionLinesShown} more rejections (all of them are in the output's errors).");
        }

        var result = summary.Build();
        if (table)
        {
            if (request.Out is null)
            {
                TableRenderer.Render(batch.Policy, run.AsOf, assessments!, errors, stdout);
                SummaryRenderer.Render(result, differ?.Counts, changes, stdout);
            }
            else
            {
                using var text = new StreamWriter(fileStream!);
                TableRenderer.Render(batch.Policy, run.AsOf, assessments!, errors, text);
                SummaryRenderer.Render(result, differ?.Counts, changes, text);
            }
        }
        else if (!request.Quiet)
        {
            SummaryRenderer.Render(result, differ?.Counts, changes, stderr);
        }

        return run.Counts.Rejected == 0 ? CliApp.Ok : CliApp.SomeRejected;
    }
}
