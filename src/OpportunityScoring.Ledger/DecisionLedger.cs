namespace OpportunityScoring.Ledger;

/// <summary>Opens a decision ledger: an SQLite file (the embedded default) or a PostgreSQL database.</summary>
public static class DecisionLedger
{
    /// <summary>
    /// Opens (creating it if need be) the ledger a store names, and brings its schema up to date: the numbered
    /// migrations not yet applied run in one transaction. A value with <c>=</c> in it is a PostgreSQL connection string
    /// (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>); anything else is the path of an SQLite file
    /// (<c>sqlite:</c> in front forces a path).
    /// </summary>
    /// <param name="storeSpec">An SQLite path or a PostgreSQL connection string.</param>
    /// <returns>The ledger (dispose it).</returns>
    /// <exception cref="LedgerException">The store cannot be opened, reached or migrated: the message says what to fix, without secrets.</exception>
    public static IDecisionLedger Open(string storeSpec)
    {
        if (string.IsNullOrWhiteSpace(storeSpec))
        {
            throw new LedgerException("No store given: name an SQLite file (ledger.db) or give a PostgreSQL connection string (Host=…;Database=…;Username=…).");
        }

        LedgerStore store = storeSpec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? new SqliteStore(storeSpec["sqlite:".Length..])
            : storeSpec.Contains('=', StringComparison.Ordinal) ? new PostgresStore(storeSpec)
            : new SqliteStore(storeSpec);
        try
        {
            store.Migrate();
            return new SqlLedger(store);
        }
        catch (Exception e)
        {
            store.Dispose();
            throw store.Explain(e) is { } explained && !ReferenceEquals(explained, e) ? explained : e is LedgerException ? e : new LedgerException($"Cannot open the ledger at {store.Target}: {e.GetType().Name}.", e);
        }
    }

    /// <summary>Whether a value names a PostgreSQL store (a connection string), as <see cref="Open"/> reads it.</summary>
    /// <param name="storeSpec">The value.</param>
    /// <returns>Whether it is a connection string.</returns>
    public static bool IsPostgres(string storeSpec) =>
        storeSpec is not null && !storeSpec.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) && storeSpec.Contains('=', StringComparison.Ordinal);
}
