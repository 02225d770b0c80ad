using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using OpportunityScoring.Ledger;
using Spectre.Console;

namespace OpportunityScoring.Cli;

/// <summary>What the review loop's verbs (plan, override, outcome, review) share: their options and their three outputs.</summary>
internal static class LoopOutput
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The CSV outputs' options: comma, LF, invariant numbers, formula cells neutralised.</summary>
    public static readonly CsvWriterOptions CsvOptions = new() { Separator = ',', NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.Escape };

    public static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "table (for people), json or csv.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        return format;
    }

    /// <summary>Who records the entry: <c>--by</c>, else the signed-in user of the machine.</summary>
    public static Option<string?> By() => new("--by") { Description = "Who records the entry (kept with it); default: the user signed in to this machine." };

    public static string Who(string? by) => string.IsNullOrWhiteSpace(by) ? Environment.UserName : by.Trim();

    public static Option<string?> Day(string name, string description) => new(name) { Description = description + " (yyyy-MM-dd)" };

    /// <summary>Reads a yyyy-MM-dd option; says on standard error what is wrong.</summary>
    public static bool TryDay(string? text, string option, TextWriter stderr, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            day = d;
            return true;
        }

        stderr.WriteLine($"{option} {text} is not a day in the form yyyy-MM-dd.");
        return false;
    }

    /// <summary>Runs a ledger operation: the ledger opened, a <see cref="LedgerException"/> printed (exit 2).</summary>
    public static int With(string store, TextWriter stderr, Func<IDecisionLedger, int> operation)
    {
        using var ledger = LedgerOptions.Open(store, stderr);
        if (ledger is null)
        {
            return CliApp.Unusable;
        }

        try
        {
            return operation(ledger);
        }
        catch (LedgerException e)
        {
            stderr.WriteLine(e.Message);
            return CliApp.Unusable;
        }
    }

    /// <summary>Writes rows as a table, JSON (the records themselves) or CSV (the same columns as the table).</summary>
    public static void Write<T>(string format, string title, IReadOnlyList<T> rows, (string Header, Func<T, string?> Value)[] columns, TextWriter output)
    {
        switch (format)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(rows, Json));
                return;
            case "csv":
                using (var csv = CsvWriter.Create(new TextWriterStream(output), CsvOptions, leaveOpen: true))
                {
                    foreach (var c in columns)
                    {
                        csv.WriteField(c.Header);
                    }

                    csv.EndRecord();
                    foreach (var row in rows)
                    {
                        foreach (var c in columns)
                        {
                            csv.WriteField(c.Value(row) ?? string.Empty);
                        }

                        csv.EndRecord();
                    }

                    csv.Flush();
                }

                return;
            default:
                var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
                foreach (var c in columns)
                {
                    table.AddColumn(c.Header);
                }

                foreach (var row in rows)
                {
                    table.AddRow([.. columns.Select(c => Markup.Escape(c.Value(row) ?? "-"))]);
                }

                Console(output).Write(table);
                return;
        }
    }

    public static IAnsiConsole Console(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }

    public static string D(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string N(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string P(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The columns of an action, in the tables and CSVs of <c>plan list</c> and <c>history</c>.</summary>
    public static readonly (string, Func<ActionReview, string?>)[] ActionColumns =
    [
        ("Action", a => a.ActionId.ToString(CultureInfo.InvariantCulture)), ("Opportunity", a => a.OpportunityId), ("What", a => a.What), ("Owner", a => a.Owner),
        ("Due", a => D(a.Due)), ("Evidence", a => a.EvidenceField), ("State", a => LoopWords.Of(a.State) + (a.State == ActionState.Open ? string.Empty : " " + D(a.StateOn))),
        ("Result", a => LoopWords.Of(a.Result)), ("Evidence moved", a => a.EvidenceMoved is { } m ? (m ? "yes" : "no") : null),
        ("Score", a => a.ScoreAfter is null ? N(a.ScoreBefore) : $"{N(a.ScoreBefore)} → {N(a.ScoreAfter)}"), ("Remedy (補救)", a => a.NeedsRemedy ? "needed" : null),
        ("Planned", a => $"{D(a.PlannedOn)} by {a.PlannedBy}"),
    ];

    /// <summary>The columns of an override.</summary>
    public static readonly (string, Func<OverrideStatus, string?>)[] OverrideColumns =
    [
        ("Override", o => o.OverrideId.ToString(CultureInfo.InvariantCulture)), ("Opportunity", o => o.OpportunityId), ("Kind", o => LoopWords.Of(o.Kind)),
        ("Engine", o => o.EngineNow == o.EngineThen || o.EngineNow is null ? o.EngineThen : $"{o.EngineThen} (now {o.EngineNow})"), ("Override", o => o.Value),
        ("State", o => LoopWords.Of(o.State) + (o.WithdrawnBecause is { } w ? ": " + w : string.Empty)), ("Reason", o => o.Reason), ("Approved by", o => o.ApprovedBy),
        ("Expires", o => string.Join(" / ", new[] { D(o.ExpiresOn), o.ExpiresAtStage is { } s ? "at " + s : string.Empty }.Where(x => x.Length > 0))),
        ("Recorded", o => $"{o.RecordedAt.UtcDateTime:yyyy-MM-dd} by {o.RecordedBy}"),
    ];

    /// <summary>The columns of an outcome.</summary>
    public static readonly (string, Func<RecordedOutcome, string?>)[] OutcomeColumns =
    [
        ("Entry", o => o.OutcomeId.ToString(CultureInfo.InvariantCulture)), ("Opportunity", o => o.OpportunityId), ("Result", o => LoopWords.Of(o.Result) + (o.Current ? string.Empty : " (corrected)")),
        ("Closed on", o => D(o.ClosedOn)), ("Competitor", o => o.Competitor), ("Final price", o => N(o.FinalPrice)), ("Source", o => o.Source), ("Note", o => o.Note),
        ("Recorded", o => $"{o.RecordedAt.UtcDateTime:yyyy-MM-dd} by {o.RecordedBy}"),
    ];
}
