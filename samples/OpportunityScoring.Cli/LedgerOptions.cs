using System.CommandLine;
using OpportunityScoring.Ledger;

namespace OpportunityScoring.Cli;

/// <summary>What <c>score</c> was asked to do with the decision ledger (docs/ledger.md).</summary>
/// <param name="Store">An SQLite path or a PostgreSQL connection string.</param>
/// <param name="ChangedOnly">Re-score only what changed since its last stored assessment; carry the rest forward.</param>
/// <param name="Shard">The shard of the run this process fills.</param>
internal sealed record StoreRequest(string Store, bool ChangedOnly, ShardSpec Shard);

/// <summary>The ledger's options: <c>--store</c> (every verb that reads or writes it), and <c>score</c>'s <c>--changed-only</c> and <c>--shard</c>.</summary>
internal sealed class LedgerOptions
{
    private LedgerOptions(bool forScore)
    {
        Store = StoreOption(required: !forScore);
        ChangedOnly = new Option<bool>("--changed-only") { Description = "With --store: re-score only the opportunities whose input or policy changed since their last stored assessment; record the others as carried forward." };
        Shard = new Option<string?>("--shard") { Description = "With --store: score only shard i of n (i/n, from 0/n to (n-1)/n), cut by a stable hash of the account id; n processes fill one ledger." };
        Shard.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && !ShardSpec.TryParse(text, out _))
            {
                r.AddError($"--shard {text} is not i/n with 0 ≤ i < n (e.g. 0/4 … 3/4)");
            }
        });
    }

    public Option<string?> Store { get; }

    public Option<bool> ChangedOnly { get; }

    public Option<string?> Shard { get; }

    /// <summary>The options of <c>score</c>, added to its command.</summary>
    public static LedgerOptions AddTo(Command score)
    {
        var options = new LedgerOptions(forScore: true);
        score.Options.Add(options.Store);
        score.Options.Add(options.ChangedOnly);
        score.Options.Add(options.Shard);
        score.Validators.Add(r =>
        {
            if (r.GetValue(options.Store) is null && (r.GetValue(options.ChangedOnly) || r.GetValue(options.Shard) is not null))
            {
                r.AddError("--changed-only and --shard need --store: they read and fill the ledger");
            }
        });
        return options;
    }

    /// <summary>The request, or <see langword="null"/> without <c>--store</c>.</summary>
    public StoreRequest? Read(ParseResult parse) =>
        parse.GetValue(Store) is { } store
            ? new StoreRequest(store, parse.GetValue(ChangedOnly), ShardSpec.TryParse(parse.GetValue(Shard), out var shard) ? shard : ShardSpec.Whole)
            : null;

    public static Option<string?> StoreOption(bool required) => new("--store")
    {
        Description = "The decision ledger: an SQLite file (created if absent, nothing to install) or a PostgreSQL connection string (Host=…;Port=…;Database=…;Username=…;Password=…).",
        Required = required,
    };

    /// <summary>Opens the ledger, or says on standard error what to fix.</summary>
    public static IDecisionLedger? Open(string store, TextWriter stderr)
    {
        try
        {
            return DecisionLedger.Open(store);
        }
        catch (LedgerException e)
        {
            stderr.WriteLine(e.Message);
            return null;
        }
    }
}
