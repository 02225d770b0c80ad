using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The key accounts of a scored pipeline (大客戶名單), graded once by the library (<see cref="AccountBook"/>, as the
/// <c>accounts</c> verb and <c>POST /accounts</c> do) and read back from the list's own JSON — the document
/// <c>POST /accounts</c> answers with — once per language, so the pages show exactly what the API says. The pages
/// never grade an account themselves.
/// </summary>
internal sealed class GradedAccounts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, AccountSheet> _sheets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _opportunities;

    public GradedAccounts(AccountList list, IReadOnlyList<Opportunity> opportunities, string? problem)
    {
        List = list;
        Problem = problem;
        _opportunities = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < opportunities.Count; i++)
        {
            if (IdOf(opportunities[i].Account.Id) is { } id)
            {
                (_opportunities.TryGetValue(id, out var indexes) ? indexes : _opportunities[id] = []).Add(i);
            }
        }
    }

    /// <summary>The library's list.</summary>
    public AccountList List { get; }

    /// <summary>Why the accounts file could not be read, if it could not (the pipeline's own accounts are still graded).</summary>
    public string? Problem { get; }

    /// <summary>The list in a language: every account, best grade first, the 80/20 view, the owners, the rejected records.</summary>
    public AccountSheet In(PageText t) => _sheets.GetOrAdd(t.Language, _ =>
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        List.Write("json", text, t.Library);
        return JsonSerializer.Deserialize<AccountSheet>(text.ToString(), Json) ?? throw new InvalidOperationException("The key-account list wrote no JSON.");
    });

    /// <summary>The indexes (in the pipeline) of an account's opportunities, in file order.</summary>
    public IReadOnlyList<int> OpportunitiesOf(string id) => _opportunities.TryGetValue(id, out var list) ? list : [];

    /// <summary>An account id as the library compares it: trimmed, normalised (NFC); null when nothing is left.</summary>
    public static string? IdOf(string? id) => id?.Trim().Normalize(NormalizationForm.FormC) is { Length: > 0 } s ? s : null;
}

/// <summary>The key-account list as the library writes it in JSON (docs/accounts.md).</summary>
internal sealed record AccountSheet(string AsOf, IReadOnlyList<AccountLine> Accounts, AccountConcentration Concentration, IReadOnlyList<string> WithoutOwner, IReadOnlyList<OwnerLoad> Owners, IReadOnlyList<InputError> Errors)
{
    private Dictionary<string, AccountLine>? _byId;

    public AccountLine? Find(string id) => (_byId ??= Accounts.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)).GetValueOrDefault(id);
}

/// <summary>One account of the list: its grade and why, its figures, its service health, red flags and knock-outs.</summary>
internal sealed record AccountLine(
    string Id, string? Name, string Type, string? Owner, bool HasRecord, string Grade, decimal Score, IReadOnlyDictionary<string, decimal> Dimensions,
    int Opportunities, decimal OpenPipeline, decimal WeightedPipeline, decimal Revenue, string Health, IReadOnlyList<AccountReason> Reasons,
    IReadOnlyList<AccountRedFlag> RedFlags, IReadOnlyList<AccountKnockOut> KnockOuts, IReadOnlyList<string> Improvements);

/// <summary>A credit of the account grade: the item, its points of the most it can earn, whether its figure is unknown, the message.</summary>
internal sealed record AccountReason(string Rule, string Dimension, string Item, decimal Points, decimal Max, bool Unknown, string Message);

/// <summary>A missed service target: figure, target, gap.</summary>
internal sealed record AccountRedFlag(string Rule, string Target, int Year, string Figure, string Goal, string Gap, string Message);

/// <summary>A knock-out capping the grade.</summary>
internal sealed record AccountKnockOut(string Rule, string Code, string Cap, string Message);

/// <summary>The 80/20 view: how many accounts the top 20% are and the share of the revenue and weighted pipeline they carry.</summary>
internal sealed record AccountConcentration(int TopAccounts, decimal RevenueShare, decimal WeightedPipelineShare);

/// <summary>A key-account manager's load (客戶分配); <see cref="Owner"/> null for the accounts without one.</summary>
internal sealed record OwnerLoad(string? Owner, int Accounts, decimal OpenPipeline, decimal WeightedPipeline);

