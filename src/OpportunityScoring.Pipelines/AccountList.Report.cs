using System.Globalization;
using System.Text.Json;
using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>The list's JSON record of one account, its CSV rows, and the follow-up table (大客戶客戶跟進表).</summary>
public sealed partial class AccountList
{
    private static readonly string[] CsvColumns =
    [
        "grade", "id", "name", "type", "owner", "score", "value", "potential", "relationship", "strategicFit", "service", "openPipeline", "weightedPipeline",
        "revenue", "opportunities", "hasRecord", "health", "redFlags", "knockOuts", "improvements",
    ];

    private static void WriteAccount(Utf8JsonWriter j, AccountAssessment a, Texts t)
    {
        j.WriteStartObject();
        j.WriteString("id", a.Id);
        j.WriteString("name", a.Name);
        j.WriteString("type", ContractWords.Of(a.Type));
        j.WriteString("owner", a.Owner);
        j.WriteBoolean("hasRecord", a.HasRecord);
        j.WriteString("grade", a.Grade.ToString());
        j.WriteNumber("score", a.Score);
        j.WriteStartObject("dimensions");
        foreach (var (dimension, points) in a.Dimensions)
        {
            j.WriteNumber(dimension, points);
        }

        j.WriteEndObject();
        j.WriteNumber("opportunities", a.Opportunities);
        j.WriteNumber("openPipeline", a.Facts.OpenPipeline);
        j.WriteNumber("weightedPipeline", a.Facts.WeightedPipeline);
        j.WriteNumber("revenue", a.Facts.Revenue);
        j.WriteString("health", ContractWords.Of(a.Health));
        j.WriteStartArray("reasons");
        foreach (var c in a.Credits)
        {
            j.WriteStartObject();
            j.WriteString("rule", c.Rule);
            j.WriteString("dimension", c.Dimension);
            j.WriteString("item", c.Item);
            j.WriteNumber("points", c.Points);
            j.WriteNumber("max", c.Max);
            j.WriteBoolean("unknown", c.Figure is null);
            j.WriteString("message", c.Text.Render(t));
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("redFlags");
        foreach (var f in a.RedFlags)
        {
            j.WriteStartObject();
            j.WriteString("rule", f.Rule);
            j.WriteString("target", f.Target);
            j.WriteNumber("year", f.Year);
            j.WriteString("figure", f.Figure);
            j.WriteString("goal", f.Goal);
            j.WriteString("gap", f.Gap);
            j.WriteString("message", f.Text.Render(t));
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("knockOuts");
        foreach (var k in a.KnockOuts)
        {
            j.WriteStartObject();
            j.WriteString("rule", k.Rule);
            j.WriteString("code", k.Code);
            j.WriteString("cap", k.Cap.ToString());
            j.WriteString("message", k.Text.Render(t));
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteStartArray("improvements");
        foreach (var c in a.TopImprovements)
        {
            j.WriteStringValue(Improvement(c, t));
        }

        j.WriteEndArray();
        j.WriteEndObject();
    }

    private void WriteCsv(TextWriter w, Texts t)
    {
        w.WriteLine(string.Join(',', CsvColumns));
        foreach (var row in Rendered(a => CsvRow(a, t)))
        {
            w.WriteLine(row);
        }
    }

    private static string CsvRow(AccountAssessment a, Texts t)
    {
        var d = a.Dimensions;
        string[] cells =
        [
            a.Grade.ToString(), a.Id, a.Name ?? string.Empty, ContractWords.Of(a.Type), a.Owner ?? string.Empty, N(a.Score),
            N(d[AccountCodes.Dimension.Value]), N(d[AccountCodes.Dimension.Potential]), N(d[AccountCodes.Dimension.Relationship]), N(d[AccountCodes.Dimension.StrategicFit]), N(d[AccountCodes.Dimension.Service]),
            N(a.Facts.OpenPipeline), N(a.Facts.WeightedPipeline), N(a.Facts.Revenue), a.Opportunities.ToString(CultureInfo.InvariantCulture), a.HasRecord ? "true" : "false",
            ContractWords.Of(a.Health), string.Join(" | ", a.RedFlags.Select(f => f.Text.Render(t))), string.Join(" | ", a.KnockOuts.Select(k => k.Code)),
            string.Join(" | ", a.TopImprovements.Select(c => Improvement(c, t))),
        ];
        return string.Join(',', cells.Select(Csv));
    }

    /// <summary>
    /// Each account's row rendered (its messages in the language, its figures formatted) on every core, in the list's
    /// order: rendering touches nothing shared, and the rows are written one after the other.
    /// </summary>
    private T[] Rendered<T>(Func<AccountAssessment, T> row)
    {
        var rows = new T[Accounts.Count];
        if (rows.Length < ParallelRows)
        {
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = row(Accounts[i]);
            }
        }
        else
        {
            Parallel.For(0, rows.Length, i => rows[i] = row(Accounts[i]));
        }

        return rows;
    }

    private static string N(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A CSV cell: quoted when needed; a text starting like a formula gets a leading ' (a spreadsheet shows it as text).</summary>
    private static string Csv(string cell)
    {
        if (cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal) && !decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    /// <summary>Writes the follow-up table (大客戶客戶跟進表) of one account in Markdown.</summary>
    /// <param name="id">The account's id.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="texts">The language.</param>
    /// <returns>Whether the account is in the list.</returns>
    public bool WriteReport(string id, TextWriter writer, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(texts);
        var t = texts;
        id = RecordReader.NormalizeId(id) ?? id;
        if (Accounts.FirstOrDefault(a => a.Id == id) is not { } a)
        {
            return false;
        }

        var w = writer;
        w.WriteLine($"# {MessageText.Of("account.report.title", a.Name is null ? a.Id : $"{a.Name} ({a.Id})").Render(t)}");
        w.WriteLine();
        w.WriteLine(MessageText.Of("account.report.head", "**" + MessageText.Of("account.report.grade", a.Grade.ToString(), N(a.Score)).Render(t) + "**", TypeName(a, t), a.Owner ?? t.Get("account.list.noOwner"), Health(a, t)).Render(t));
        w.WriteLine();
        if (!a.HasRecord)
        {
            w.WriteLine(t.Get("account.report.noRecord"));
            w.WriteLine();
        }

        w.WriteLine($"## {t.Get("account.report.why")}");
        w.WriteLine();
        foreach (var c in a.Credits)
        {
            w.WriteLine($"- {c.Text.Render(t)}");
        }

        foreach (var k in a.KnockOuts)
        {
            w.WriteLine($"- **{k.Text.Render(t)}**");
        }

        w.WriteLine();
        w.WriteLine($"## {t.Get("account.report.opportunities")}");
        w.WriteLine();
        if (a.Deals.Count == 0)
        {
            w.WriteLine(t.Get("account.report.none"));
        }

        foreach (var deal in a.Deals)
        {
            w.WriteLine("- " + MessageText.Of("account.report.deal", deal.Id, deal.Name ?? deal.Id, MessageText.Word(deal.Stage), deal.Grade.ToString(), N(deal.Score), MessageText.Word(deal.Gate), Money(deal.Amount)).Render(t));
        }

        w.WriteLine();
        w.WriteLine($"## {t.Get("account.report.targets")}");
        w.WriteLine();
        w.WriteLine($"| {t.Get("account.report.target")} | {t.Get("account.report.actual")} | {t.Get("account.report.status")} |");
        w.WriteLine("| --- | --- | --- |");
        foreach (var item in AccountCodes.Targets)
        {
            var credit = a.Credits.FirstOrDefault(c => c.Item == item);
            var flag = a.RedFlags.FirstOrDefault(f => f.Target == item);
            var status = flag is not null ? t.Get("account.report.missed") : credit?.Figure is null ? t.Get("account.report.unknown") : t.Get("account.report.met");
            var actual = flag?.Text.Render(t) ?? credit?.Figure?.Render(t) ?? "—";
            w.WriteLine($"| {MessageText.Name("account.item.", item).Render(t)} | {actual} | {status} |");
        }

        w.WriteLine();
        w.WriteLine($"## {t.Get("account.report.relationship")}");
        w.WriteLine();
        var plan = a.Credits.FirstOrDefault(c => c.Item == AccountCodes.Item.SeniorPlan)?.Figure?.Render(t) ?? t.Get("account.status.unknown");
        var visit = a.Facts.MonthsSinceSeniorVisit is { } m ? MessageText.Of("account.monthsAgo", m).Render(t) : t.Get("account.status.unknown");
        w.WriteLine(MessageText.Of("account.report.plan", plan, visit, t.Get("account.status." + ContractWords.Of(a.Facts.Status))).Render(t));
        w.WriteLine();
        w.WriteLine($"## {t.Get("account.report.actions")}");
        w.WriteLine();
        foreach (var f in a.RedFlags)
        {
            w.WriteLine("- " + MessageText.Of("account.action.flag", f.Text).Render(t));
        }

        foreach (var c in a.TopImprovements)
        {
            w.WriteLine("- " + Improvement(c, t));
        }

        return true;
    }
}
