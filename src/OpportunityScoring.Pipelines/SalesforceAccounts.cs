using System.Text.Json;
using System.Text.Json.Nodes;
using OpportunityScoring.Accounts;

namespace OpportunityScoring.Pipelines;

/// <summary>
/// The accounts a Salesforce Opportunity export names in its <c>Account.*</c> columns (docs/salesforce-mapping.md), as
/// its rows stream past: per account id its name, owner and standing. <see cref="AccountBook"/> turns them into account
/// records when it grades, for the accounts that have no record of their own (an accounts file's record wins). Rows that
/// disagree about an account give the same result in any order: the smallest name and owner in ordinal order, the
/// furthest standing (new, current, former).
/// </summary>
internal sealed class SalesforceAccounts
{
    private readonly Dictionary<string, Facts> _byId = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many accounts the export named.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>Adds what one row says about its account (nothing when it says nothing beyond the id).</summary>
    /// <param name="id">The account's id (normalised).</param>
    /// <param name="name">Account.Name.</param>
    /// <param name="owner">Account.Owner.Name (else Account.OwnerId).</param>
    /// <param name="standing">Account.Type as mapped.</param>
    public void Add(string id, string? name, string? owner, Relationship standing)
    {
        if (name is null && owner is null && standing == Relationship.Unknown)
        {
            return;
        }

        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var facts))
            {
                if (_byId.Count >= AccountBook.MaxAccounts)
                {
                    return;
                }

                _byId[id] = new Facts(name, owner, standing);
                return;
            }

            _byId[id] = new Facts(Smaller(facts.Name, name), Smaller(facts.Owner, owner), (Relationship)Math.Max((int)facts.Standing, (int)standing));
        }
    }

    /// <summary>The accounts as the contract's JSON records, by id.</summary>
    public IReadOnlyList<(string Id, JsonElement Record)> Records()
    {
        lock (_gate)
        {
            return [.. _byId.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Record(p.Key, p.Value)))];
        }
    }

    private static JsonElement Record(string id, Facts facts)
    {
        var record = new JsonObject { ["id"] = id };
        if (facts.Name is not null)
        {
            record["name"] = facts.Name;
        }

        if (facts.Owner is not null)
        {
            record["owner"] = facts.Owner;
        }

        if (facts.Standing != Relationship.Unknown)
        {
            record["standing"] = ContractWords.Of(facts.Standing);
        }

        return JsonSerializer.SerializeToElement(record, ContractJson.Options);
    }

    private static string? Smaller(string? a, string? b) => a is null ? b : b is null ? a : string.CompareOrdinal(a, b) <= 0 ? a : b;

    private sealed record Facts(string? Name, string? Owner, Relationship Standing);
}
