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
        var csvFormulas = new Option<string>("--csv-formulas")
        {
            Description = "With --format csv: escape (default: a text cell starting with = + - @, a tab or a carriage return gets a leading ', so a spreadsheet shows it as text instead of running it) or keep (cells as they are, for programs).",
            DefaultValueFactory = _ => "escape",
        };
        csvFormulas.AcceptOnlyFromAmong("escape", "keep");
        var command = new Command("score", "Grade, score and explain every opportunity of a pipeline.")
        {
            file, format, input, policyOption, outOption, previous, diffOut, quiet, asOf, engine, explain, culture, csvFormulas,
        };
        var ledger = LedgerOptions.AddTo(command); // --store, --changed-only, --shard: the decision ledger (docs/ledger.md)
        command.SetAction(parse => Run(
            new Request(parse.GetValue(file)!, parse.GetValue(format)!, parse.GetValue(input)!, parse.GetValue(policyOption), parse.GetValue(outOption), parse.GetValue(previous), parse.GetValue(diffOut), parse.GetValue(quiet), parse.GetValue(asOf), parse.GetValue(engine), parse.GetValue(explain), parse.GetValue(culture), parse.GetValue(csvFormulas) == "keep" ? CsvFormulas.Keep : CsvFormulas.Escape) { Store = ledger.Read(parse) },
            stdout,
            stderr));
        return command;
    }

    private sealed record Request(FileInfo File, string Format, string Input, FileInfo? Policy, FileInfo? Out, FileInfo? Previous, FileInfo? DiffOut, bool Quiet, string? AsOf, ScoringEngine Engine, bool Explain, string? Culture, CsvFormulas CsvFormulas)
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
            catch (Exception e)
            {
                // Whatever reading that file does wrong (not an output, cut off, an id that is not text), the run cannot
                // use it: a hostile previous output is refused like any other, before anything is written.
                stderr.WriteLine($"Cannot use the previous output {previousFile.FullName}: {CliApp.OneLine(e.Message)}");
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
                new BatchOptions
                {
                    Detail = detail,
                    // JSON Lines: each assessment serialised on the core that scored it, the writer only copies the bytes
                    // (a ledger serialises the lines it shares itself: StoredScore.WriteShared).
                    SerializeIn = request.Format == "jsonl" && detail == ScoringDetail.Full && request.Store is null ? Texts.For(request.Culture) : null,
                });
            var run = batch.Score(stored?.Select(source) ?? source.Records, day ?? source.AsOf);
            var showProgress = !request.Quiet && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            // Written beside the target and renamed over it at the end: a run that fails or is killed leaves the
            // previous output as it was (OutputFile).
            OutputFile? output = null;
            OutputFile? diffOutput = null;
            var opening = request.Out;
            try
            {
                output = request.Out is null ? null : OutputFile.Create(request.Out.FullName, 1 << 20);
                opening = request.DiffOut;
                diffOutput = request.DiffOut is null || previous is null ? null : OutputFile.Create(request.DiffOut.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"Cannot write {opening!.FullName}: {CliApp.OneLine(e.Message)}");
                output?.Dispose();
                return CliApp.Unusable;
            }

            try
            {
                var outputs = new Outputs(output, diffOutput);
                return showProgress
                    ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
                        .AutoClear(true)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                        .Start(ctx =>
                        {
                            var task = ctx.AddTask("Scoring", maxValue: 100);
                            return Execute(request, batch, run, previous, outputs, stdout, stderr, p =>
                            {
                                task.Value = (source.Fraction ?? 0) * 100;
                                task.Description = $"Scoring: {p.Completed.ToString("N0", CultureInfo.InvariantCulture)} records";
                            });
                        })
                    : Execute(request, batch, run, previous, outputs, stdout, stderr, null);
            }
            catch (PipelineFormatException e)
            {
                stderr.WriteLine($"{request.File.Name}: {e.Message}");
                return CliApp.Unusable;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"Cannot read or write: {CliApp.OneLine(e.Message)}{Kept(request)}");
                return CliApp.Unusable;
            }
            catch (LedgerException e)
            {
                stderr.WriteLine(e.Message); // the run stays incomplete in the ledger
                return CliApp.Unusable;
            }
            catch (Exception e)
            {
                // The last handler: anything unforeseen ends the run with exit 2 and one line; the output to standard
                // output was closed as a valid document (Execute), the files asked for are not replaced.
                stderr.WriteLine($"score: unexpected error at record {run.Counts.Assessed + run.Counts.Rejected} ({e.GetType().Name}): {CliApp.OneLine(e.Message)}{Kept(request)}");
                return CliApp.Unusable;
            }
            finally
            {
                diffOutput?.Dispose(); // deletes what was not committed
                output?.Dispose();
            }
        }
    }

    private static string Kept(Request request) =>
        request.Out is null && request.DiffOut is null ? string.Empty : "; the output files were left as they were";

    /// <summary>The files a run writes: committed (renamed over their targets) only when the run gets to its end.</summary>
    private sealed record Outputs(OutputFile? Out, OutputFile? DiffOut);

    private static int Execute(Request request, BatchScorer batch, BatchRun run, PreviousRun? previous, Outputs files, TextWriter stdout, TextWriter stderr, Action<BatchProgress>? onProgress)
    {
        var summary = new PipelineSummaryBuilder();
        var differ = previous is null ? null : new PipelineDiffer(previous);
        if (previous?.Policy is { } before && before.Sha256 != batch.Policy.Sha256 && !request.Quiet)
        {
            stderr.WriteLine($"note: the previous run was under policy {before.Name} {before.Version}, this one under {batch.Policy.Name} {batch.Policy.Version}: the changes include the policy's.");
        }

        var changes = new List<OpportunityChange>();
        var diffWriter = files.DiffOut is null || differ is null ? null : new DiffDocumentWriter(files.DiffOut.Stream);
        var table = request.Format == "table";
        var assessments = table ? new List<Assessment>() : null;
        var errors = new List<InputError>();
        long errorLines = 0;

        using var stdoutStream = files.Out is null && !table ? new BufferedStream(new TextWriterStream(stdout), 1 << 16) : null;
        Stream? target = files.Out?.Stream ?? stdoutStream;
        var writer = table ? null : BatchWriters.Create(request.Format, target!, batch.Policy, run.AsOf, Texts.For(request.Culture), csvFormulas: request.CsvFormulas);
        var shared = request.Ledger is not null && request.Format == "jsonl" && Texts.For(request.Culture).IsEnglish ? target : null; // serialised once (StoredScore.WriteShared)
        var lastReport = 0L;
        var closed = false;
        try
        {
            Consume();
        }
        catch (Exception e)
        {
            // What was read stays in the output, which is closed as a valid document whose last error says where and why
            // the run stopped; it ends as unusable (exit 2). When the file cannot be read any further, that closed output
            // replaces the target; when the failure is unforeseen (ours), the target is kept and only standard output,
            // which cannot be taken back, gets the closed document.
            var index = (int)Math.Min(int.MaxValue, run.Counts.Assessed + run.Counts.Rejected);
            var message = e is PipelineFormatException ? e.Message : $"the run stopped here on an unexpected error ({e.GetType().Name}): {CliApp.OneLine(e.Message)}";
            if (!closed && (e is PipelineFormatException || files.Out is null))
            {
                CloseWithError(writer, stdoutStream, new InputError(null, index, "(file)", message));
            }

            if (e is PipelineFormatException)
            {
                writer?.Dispose();
                writer = null;
                files.Out?.Commit();
            }

            throw;
        }
        finally
        {
            DisposeQuietly(writer);
            DisposeQuietly(diffWriter);
        }

        void Consume()
        {
            foreach (var item in run)
            {
                if (shared is null || !request.Ledger!.WriteShared(item, shared))
                {
                    writer?.Write(item);
                    request.Ledger?.Write(item);
                }

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
            closed = true;
            request.Ledger?.Finish(previous is null ? request.DiffOut : null); // the input was read to its end: the run (or shard) is complete
            if (!request.Quiet && errorLines > RejectionLinesShown)
            {
                stderr.WriteLine($"… and {errorLines - RejectionLinesShown} more rejections (all of them are in the output's errors).");
            }

            var result = summary.Build();
            if (table)
            {
                if (files.Out is null)
                {
                    TableRenderer.Render(batch.Policy, run.AsOf, assessments!, errors, stdout);
                    SummaryRenderer.Render(result, differ?.Counts, changes, stdout);
                }
                else
                {
                    using var text = new StreamWriter(files.Out.Stream, leaveOpen: true);
                    TableRenderer.Render(batch.Policy, run.AsOf, assessments!, errors, text);
                    SummaryRenderer.Render(result, differ?.Counts, changes, text);
                }
            }
            else if (!request.Quiet)
            {
                SummaryRenderer.Render(result, differ?.Counts, changes, stderr);
            }

            writer?.Dispose();
            writer = null;
            diffWriter?.Dispose();
            diffWriter = null;
            files.Out?.Commit();
            files.DiffOut?.Commit();
        }

        return run.Counts.Rejected == 0 ? CliApp.Ok : CliApp.SomeRejected;
    }

    /// <summary>Closes the output as a valid document whose last error is <paramref name="last"/>, if the writer still can.</summary>
    private static void CloseWithError(IBatchWriter? writer, Stream? stdoutStream, InputError last)
    {
        try
        {
            writer?.Write(new BatchItem(last.Index, null, null, [last]));
            writer?.Complete();
            stdoutStream?.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or NotSupportedException)
        {
            // The writer itself is what failed: there is nothing more it can close.
        }
    }

    private static void DisposeQuietly(IDisposable? disposable)
    {
        try
        {
            disposable?.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // A writer over an output that already failed: the failure was reported.
        }
    }
}

