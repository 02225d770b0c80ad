using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>review --store … [--since]</c>: the decisions against what happened — win rate by grade and by stage reached,
/// bid decisions against results, overrides against the engine, the reliability of the win probability — each closed
/// opportunity judged by its last assessment before the close.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var store = LedgerOptions.StoreOption(required: true);
        var since = LoopOutput.Day("--since", "Only opportunities closed on or after this day");
        var format = new Option<string>("--format") { Description = "table (for people), json, csv (one row per figure, its section in the first column), or markdown (a report; --culture for its language).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv", "markdown");
        var culture = CommonOptions.Culture();
        var command = new Command("review", "The win/loss review: decisions against outcomes from the ledger, each closed opportunity judged by its last assessment before the close (no leakage), with counts and 95% Wilson intervals.")
        {
            store, since, format, culture,
        };
        command.SetAction(parse =>
        {
            if (!LoopOutput.TryDay(parse.GetValue(since), "--since", stderr, out var day))
            {
                return CliApp.Unusable;
            }

            return LoopOutput.With(parse.GetValue(store)!, stderr, ledger =>
            {
                var clock = Stopwatch.StartNew();
                var review = ledger.Review(day);
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"review: {review.Closed:N0} closed opportunities read from {ledger.Target} in {clock.Elapsed.TotalSeconds:0.00} s."));
                var texts = Texts.For(parse.GetValue(culture));
                switch (parse.GetValue(format))
                {
                    case "json":
                        stdout.WriteLine(JsonSerializer.Serialize(review, LoopOutput.Json));
                        break;
                    case "markdown":
                        stdout.Write(Markdown(review, texts));
                        break;
                    case "csv":
                        LoopOutput.Write("csv", string.Empty, CsvRows(review), CsvColumns, stdout);
                        break;
                    default:
                        Table(review, stdout);
                        break;
                }

                return CliApp.Ok;
            });
        });
        return command;
    }

    /// <summary>One figure of the review as a CSV row: its section (byGrade, byStage, bids, overrides, reliability) and the columns that section fills.</summary>
    internal sealed record Figure(string Section, string Group, int? Closed, int? Won, int? Lost, int? NoBid, int? Withdrawn, double? Rate, double? Low, double? High)
    {
        public double? MeanPredicted { get; init; }

        public OverrideVerdict? Verdict { get; init; }
    }

    private static readonly (string, Func<Figure, string?>)[] CsvColumns =
    [
        ("section", f => f.Section), ("group", f => f.Group), ("closed", f => I(f.Closed)), ("won", f => I(f.Won)), ("lost", f => I(f.Lost)), ("noBid", f => I(f.NoBid)),
        ("withdrawn", f => I(f.Withdrawn)), ("rate", f => R(f.Rate)), ("low", f => R(f.Low)), ("high", f => R(f.High)), ("meanPredicted", f => R(f.MeanPredicted)),
        ("kind", f => f.Verdict is { } v ? LoopWords.Of(v.Kind) : null), ("engine", f => f.Verdict?.Engine), ("people", f => f.Verdict?.People),
        ("approvedBy", f => f.Verdict?.ApprovedBy), ("result", f => f.Verdict is { } v ? LoopWords.Of(v.Result) : null), ("right", f => f.Verdict?.Right),
    ];

    private static string? I(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static string? R(double? x) => x?.ToString("R", CultureInfo.InvariantCulture);

    internal static List<Figure> CsvRows(WinLossReview r)
    {
        static Figure Rated(string section, RateRow x) => new(section, x.Group, x.Closed, x.Won, x.Lost, x.NoBid, x.Withdrawn, x.WinRate, x.Low, x.High);
        return
        [
            .. r.ByGrade.Select(x => Rated("byGrade", x)),
            .. r.ByStage.Select(x => Rated("byStage", x)),
            .. r.Bids.Select(x => new Figure("bids", x.EngineBid, x.Won + x.Lost + x.NoBid + x.Withdrawn, x.Won, x.Lost, x.NoBid, x.Withdrawn, null, null, null)),
            .. r.Overrides.Select(v => new Figure("overrides", v.OpportunityId, null, null, null, null, null, null, null, null) { Verdict = v }),
            .. r.Reliability.Select(x => new Figure("reliability", string.Create(CultureInfo.InvariantCulture, $"{x.Lower:0.0}-{x.Upper:0.0}"), x.Count, x.Won, x.Count - x.Won, null, null, x.Observed, x.Low, x.High) { MeanPredicted = x.MeanPredicted }),
        ];
    }

    private static string Rate(double? rate, double? low, double? high) =>
        rate is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{rate:0.000} ({low:0.000}–{high:0.000})");

    private static void Table(WinLossReview r, TextWriter output)
    {
        static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
        (string, Func<RateRow, string?>)[] rates =
        [
            ("Group", x => x.Group), ("Closed", x => I(x.Closed)), ("Won", x => I(x.Won)), ("Lost", x => I(x.Lost)), ("No bid", x => I(x.NoBid)), ("Withdrawn", x => I(x.Withdrawn)),
            ("Win rate (95% Wilson)", x => Rate(x.WinRate, x.Low, x.High)),
        ];
        var scope = $"{r.Closed} closed{(r.Since is { } s ? " since " + LoopOutput.D(s) : string.Empty)}, {r.WithoutAssessment} without an assessment before the close";
        LoopOutput.Write("table", $"Win rate by grade (last assessment before the close) — {scope}", r.ByGrade, rates, output);
        LoopOutput.Write("table", "Win rate by stage reached", r.ByStage, rates, output);
        LoopOutput.Write("table", "The engine's bid decision against the result", r.Bids,
            [("Engine's bid", x => x.EngineBid), ("Won", x => I(x.Won)), ("Lost", x => I(x.Lost)), ("No bid", x => I(x.NoBid)), ("Withdrawn", x => I(x.Withdrawn))], output);
        LoopOutput.Write("table", $"Overrides against the engine: people right {r.Overrides.Count(o => o.Right == "people")}, engine right {r.Overrides.Count(o => o.Right == "engine")}, unknown {r.Overrides.Count(o => o.Right == "unknown")}", r.Overrides,
            [("Opportunity", x => x.OpportunityId), ("Kind", x => LoopWords.Of(x.Kind)), ("Engine", x => x.Engine), ("People", x => x.People), ("Approved by", x => x.ApprovedBy), ("Result", x => LoopWords.Of(x.Result)), ("Right", x => x.Right)], output);
        LoopOutput.Write("table", "Reliability of the win probability (predicted vs observed, won and lost only)", r.Reliability,
            [("Bin", x => string.Create(CultureInfo.InvariantCulture, $"{x.Lower:0.0}–{x.Upper:0.0}")), ("n", x => I(x.Count)), ("Mean predicted", x => LoopOutput.P(x.MeanPredicted)), ("Observed (95% Wilson)", x => Rate(x.Observed, x.Low, x.High))], output);
    }

    /// <summary>The review as a Markdown report in the reader's language.</summary>
    internal static string Markdown(WinLossReview r, Texts t)
    {
        static string I(int n) => n.ToString(CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(LoopTexts.Get(t, "review.title")).AppendLine();
        md.AppendLine(LoopTexts.Get(t, "review.scope", I(r.Closed), r.Since is { } s ? LoopTexts.Get(t, "review.since", LoopOutput.D(s)) : string.Empty, I(r.WithoutAssessment))).AppendLine();
        string[] rateHeader = ["col.group", "col.closed", "col.won", "col.lost", "col.noBid", "col.withdrawn", "col.winRate"];
        Section(md, t, "review.byGrade", rateHeader, r.ByGrade.Select(x => new[] { x.Group, I(x.Closed), I(x.Won), I(x.Lost), I(x.NoBid), I(x.Withdrawn), Rate(x.WinRate, x.Low, x.High) }));
        Section(md, t, "review.byStage", rateHeader, r.ByStage.Select(x => new[] { LoopTexts.Word(t, "stage", x.Group), I(x.Closed), I(x.Won), I(x.Lost), I(x.NoBid), I(x.Withdrawn), Rate(x.WinRate, x.Low, x.High) }));
        Section(md, t, "review.bids", ["col.engineBid", "col.won", "col.lost", "col.noBid", "col.withdrawn"],
            r.Bids.Select(x => new[] { x.EngineBid == "none" ? t.Get("word.none") : LoopTexts.Word(t, "bidRecommendation", x.EngineBid), I(x.Won), I(x.Lost), I(x.NoBid), I(x.Withdrawn) }));
        if (r.Overrides.Count == 0)
        {
            md.Append("## ").AppendLine(LoopTexts.Get(t, "review.overrides")).AppendLine().AppendLine(LoopTexts.Get(t, "review.noOverrides")).AppendLine();
        }
        else
        {
            Section(md, t, "review.overrides", ["col.opportunity", "col.kind", "col.engine", "col.people", "col.approver", "col.result", "col.right"],
                r.Overrides.Select(x => new[]
                {
                    x.OpportunityId, LoopTexts.Get(t, "kind." + LoopWords.Of(x.Kind)), LoopTexts.Decision(t, x.Kind, x.Engine), LoopTexts.Decision(t, x.Kind, x.People), x.ApprovedBy,
                    LoopTexts.Get(t, "result." + LoopWords.Of(x.Result)), LoopTexts.Get(t, "right." + x.Right),
                }));
        }

        Section(md, t, "review.reliability", ["col.bin", "col.count", "col.meanPredicted", "col.observed"],
            r.Reliability.Select(x => new[] { string.Create(CultureInfo.InvariantCulture, $"{x.Lower:0.0}–{x.Upper:0.0}"), I(x.Count), x.MeanPredicted is null ? "-" : LoopOutput.P(x.MeanPredicted), Rate(x.Observed, x.Low, x.High) }));
        return md.ToString();
    }

    private static void Section(StringBuilder md, Texts t, string title, string[] header, IEnumerable<string[]> rows)
    {
        md.Append("## ").AppendLine(LoopTexts.Get(t, title)).AppendLine();
        md.Append("| ").AppendJoin(" | ", header.Select(h => LoopTexts.Get(t, h))).AppendLine(" |");
        md.Append('|').AppendJoin("", header.Select(_ => " --- |")).AppendLine();
        foreach (var row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }

        md.AppendLine();
    }
}
