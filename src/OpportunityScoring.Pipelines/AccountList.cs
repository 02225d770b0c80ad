using System.Globalization;
using System.Text.Json;
using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// The key-account list (大客戶名單): every account graded, best grade first, with the 80/20 view, the accounts
/// without an owner and the owner load (客戶分配); written as a table, JSON or CSV in any shipped language, and per
/// account as the follow-up table (大客戶客戶跟進表, <see cref="WriteReport"/>).
/// </summary>
public sealed partial class AccountList
{
    internal AccountList(PolicyStamp policy, DateOnly asOf, List<AccountAssessment> accounts, IReadOnlyList<InputError> errors)
    {
        Policy = policy;
        AsOf = asOf;
        Errors = errors;
        accounts.Sort((a, b) => a.Grade != b.Grade ? a.Grade.CompareTo(b.Grade) : b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Id, b.Id));
        Accounts = accounts;
    }

    /// <summary>The policy the accounts were graded under.</summary>
    public PolicyStamp Policy { get; }

    /// <summary>The assessment day.</summary>
    public DateOnly AsOf { get; }

    /// <summary>How many accounts were graded.</summary>
    public int Count => Accounts.Count;

    /// <summary>The account records rejected (field named), and those whose dates are after the day.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    internal IReadOnlyList<AccountAssessment> Accounts { get; }

    /// <summary>How many accounts the top 20% are (at least one when there is any).</summary>
    internal int TopCount => Accounts.Count == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(Accounts.Count * 0.2));

    /// <summary>The share (0–1) of a figure the top 20% of accounts by that figure carry; 0 when the figure is 0 for all.</summary>
    internal decimal TopShare(Func<AccountAssessment, decimal> figure)
    {
        var total = Accounts.Sum(figure);
        return total == 0 ? 0 : Accounts.Select(figure).OrderByDescending(x => x).Take(TopCount).Sum() / total;
    }

    /// <summary>The accounts per owner: how many, and their open and weighted pipeline (accounts without owner under <see langword="null"/>, last).</summary>
    internal IEnumerable<(string? Owner, int Accounts, decimal Open, decimal Weighted)> OwnerLoad() =>
        Accounts.GroupBy(a => a.Owner)
            .Select(g => (g.Key, g.Count(), g.Sum(a => a.Facts.OpenPipeline), g.Sum(a => a.Facts.WeightedPipeline)))
            .OrderBy(g => g.Key is null).ThenByDescending(g => g.Item4).ThenBy(g => g.Key, StringComparer.Ordinal);

    /// <summary>Writes the list.</summary>
    /// <param name="format">table, json or csv.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="texts">The language.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not one of the formats.</exception>
    public void Write(string format, TextWriter writer, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(texts);
        switch (format)
        {
            case "table":
                WriteTable(writer, texts);
                break;
            case "json":
                WriteJson(writer, texts);
                break;
            case "csv":
                WriteCsv(writer, texts);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "table, json or csv");
        }
    }

    /// <summary>Fewer rows than this are rendered on the calling thread; more are spread over the cores.</summary>
    private const int ParallelRows = 256;

    private static readonly string[] TableColumns = ["grade", "account", "name", "type", "owner", "score", "openPipeline", "weightedPipeline", "wonRevenue", "health", "redFlags", "improvements"];

    private static string Money(decimal d) => Math.Round(d, 0).ToString("#,0", CultureInfo.InvariantCulture);

    private static string Pct(decimal share) => Math.Round(share * 100, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Health(AccountAssessment a, Texts t) => t.Get("account.health." + ContractWords.Of(a.Health));

    private static string TypeName(AccountAssessment a, Texts t) => t.Get("account.type." + ContractWords.Of(a.Type));

    private static string Improvement(AccountCredit c, Texts t) =>
        MessageText.Of(c.Figure is null ? "account.improve.unknown" : "account.improve", MessageText.Name("account.item.", c.Item), c.Max - c.Points).Render(t);

    private void WriteTable(TextWriter w, Texts t)
    {
        w.WriteLine(MessageText.Of("account.list.title", Count, Policy.Name + " " + Policy.Version).Render(t));
        var header = TableColumns.Select(c => t.Get("account.column." + c)).ToArray();
        var rows = new List<string[]> { header };
        rows.AddRange(Rendered(a => new[]
        {
            a.Grade.ToString(), a.Id, a.Name ?? string.Empty, TypeName(a, t), a.Owner ?? t.Get("account.list.noOwner"), a.Score.ToString("0.##", CultureInfo.InvariantCulture),
            Money(a.Facts.OpenPipeline), Money(a.Facts.WeightedPipeline), Money(a.Facts.Revenue), Health(a, t),
            a.RedFlags.Count.ToString(CultureInfo.InvariantCulture), string.Join(t.Get("word.separator"), a.TopImprovements.Select(c => Improvement(c, t))),
        }));

        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => Width(r[i]))).ToArray();
        foreach (var row in rows)
        {
            w.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell + new string(' ', widths[i] - Width(cell)))).TrimEnd());
        }

        w.WriteLine();
        foreach (var a in Accounts.Where(a => a.RedFlags.Count > 0))
        {
            foreach (var f in a.RedFlags)
            {
                w.WriteLine($"  {a.Id}: {f.Text.Render(t)}");
            }
        }

        w.WriteLine(MessageText.Of("account.list.concentration", TopCount, Count == 0 ? "0" : Pct((decimal)TopCount / Count), Pct(TopShare(a => a.Facts.Revenue)), Pct(TopShare(a => a.Facts.WeightedPipeline))).Render(t));
        var orphans = Accounts.Where(a => a.Owner is null).Select(a => a.Id).ToList();
        w.WriteLine(MessageText.Of("account.list.withoutOwner", orphans.Count == 0 ? t.Get("account.report.none") : string.Join(t.Get("word.separator"), orphans.Take(20)) + (orphans.Count > 20 ? $" (+{orphans.Count - 20})" : string.Empty)).Render(t));
        w.WriteLine(t.Get("account.list.owners"));
        foreach (var (owner, count, open, weighted) in OwnerLoad())
        {
            w.WriteLine("  " + MessageText.Of("account.list.owner", owner ?? t.Get("account.list.noOwner"), count, Money(open), Money(weighted)).Render(t));
        }

        foreach (var e in Errors)
        {
            w.WriteLine($"rejected account {e.Id ?? "#" + e.Index.ToString(CultureInfo.InvariantCulture)} (index {e.Index}), {e.Field}: {e.Message}");
        }
    }

    /// <summary>Display width: a CJK character takes two columns.</summary>
    private static int Width(string s) => s.Sum(c => c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60)) ? 2 : 1);

    /// <remarks>
    /// Written an account at a time: the JSON of the accounts so far is handed to <paramref name="w"/> after each one, so
    /// the list of twenty thousand accounts never stands whole in memory as bytes, then an array, then a string (three
    /// copies of ≈ 60 MB). Each piece ends after a whole value: its UTF-8 decodes on its own, and the text is the same.
    /// </remarks>
    private void WriteJson(TextWriter w, Texts t)
    {
        using var buffer = new PooledBufferWriter(1 << 16);
        using (var j = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("asOf", AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            j.WritePropertyName("policy");
            JsonSerializer.Serialize(j, Policy, ContractJson.Options);
            j.WriteStartArray("accounts");
            foreach (var a in Accounts)
            {
                WriteAccount(j, a, t);
                Drain(j, buffer, w);
            }

            j.WriteEndArray();
            j.WriteStartObject("concentration");
            j.WriteNumber("topAccounts", TopCount);
            j.WriteNumber("revenueShare", Math.Round(TopShare(a => a.Facts.Revenue), 4));
            j.WriteNumber("weightedPipelineShare", Math.Round(TopShare(a => a.Facts.WeightedPipeline), 4));
            j.WriteEndObject();
            j.WriteStartArray("withoutOwner");
            foreach (var a in Accounts.Where(a => a.Owner is null))
            {
                j.WriteStringValue(a.Id);
            }

            j.WriteEndArray();
            j.WriteStartArray("owners");
            foreach (var (owner, count, open, weighted) in OwnerLoad())
            {
                j.WriteStartObject();
                j.WriteString("owner", owner);
                j.WriteNumber("accounts", count);
                j.WriteNumber("openPipeline", open);
                j.WriteNumber("weightedPipeline", weighted);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartArray("errors");
            foreach (var e in Errors)
            {
                j.WriteStartObject();
                j.WriteString("id", e.Id);
                j.WriteNumber("index", e.Index);
                j.WriteString("field", e.Field);
                j.WriteString("message", e.Message);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
            Drain(j, buffer, w);
        }

        w.WriteLine();
    }

    /// <summary>Hands what the JSON writer has written so far to the text writer, and empties the buffer.</summary>
    private static void Drain(Utf8JsonWriter j, PooledBufferWriter buffer, TextWriter w)
    {
        j.Flush();
        w.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        buffer.Rewind(0);
    }
}
