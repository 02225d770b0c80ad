using System.Collections.Concurrent;
using System.Data.Common;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The dictionaries of one ledger (<c>json_dictionaries</c>), read once and kept: the one a run compresses with (the
/// newest trained under its policy) and those that stored rows name. Rows whose <c>json_dictionary</c> is null are
/// Brotli (written before schema 4, or by a run too small to train on).
/// </summary>
internal sealed class JsonDictionaries(LedgerStore store) : IDisposable
{
    private readonly ConcurrentDictionary<long, JsonDictionary> _byId = new();

    /// <summary>The newest dictionary trained under a policy, or <see langword="null"/> when there is none yet.</summary>
    public JsonDictionary? ForPolicy(DbConnection connection, DbTransaction? transaction, string policySha256)
    {
        using var command = LedgerStore.Command(connection, transaction,
            "SELECT dictionary_id, content FROM json_dictionaries WHERE policy_sha256 = @policy AND format = @format ORDER BY dictionary_id DESC LIMIT 1");
        LedgerStore.Add(command, "policy", policySha256);
        LedgerStore.Add(command, "format", JsonDictionary.Zstd);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Kept(reader.GetInt64(0), (byte[])reader.GetValue(1)) : null;
    }

    /// <summary>
    /// Trains a dictionary on a run's first assessments' JSON (null: an item without JSON) and records it, in its own
    /// transaction, before any row names it; <see langword="null"/> when there are too few or zstd cannot train on them
    /// (the run then compresses with Brotli, as before, and a later run trains one).
    /// </summary>
    public JsonDictionary? Train(long runId, string policySha256, IReadOnlyList<byte[]?> json)
    {
        var samples = json.OfType<byte[]>().ToList();
        return samples.Count >= JsonDictionary.Samples / 2 && JsonDictionary.Train(samples) is { } content ? Add(runId, policySha256, samples.Count, content) : null;
    }

    private JsonDictionary Add(long runId, string policySha256, int samples, byte[] content)
    {
        using var connection = store.Open();
        using var transaction = store.BeginWrite(connection);
        using var command = LedgerStore.Command(connection, transaction,
            "INSERT INTO json_dictionaries (format, policy_sha256, run_id, samples, created_at, content) "
            + "VALUES (@format, @policy, @run, @samples, @at, @content) RETURNING dictionary_id");
        LedgerStore.Add(command, "format", JsonDictionary.Zstd);
        LedgerStore.Add(command, "policy", policySha256);
        LedgerStore.Add(command, "run", runId);
        LedgerStore.Add(command, "samples", samples);
        LedgerStore.Add(command, "at", store.Instant(DateTimeOffset.UtcNow));
        LedgerStore.Add(command, "content", content);
        var id = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        transaction.Commit();
        return Kept(id, content);
    }

    /// <summary>A dictionary a stored row names (read on a connection of its own the first time).</summary>
    public JsonDictionary Get(long id)
    {
        if (_byId.TryGetValue(id, out var kept))
        {
            return kept;
        }

        using var connection = store.Open();
        using var command = LedgerStore.Command(connection, null, "SELECT format, content FROM json_dictionaries WHERE dictionary_id = @id");
        LedgerStore.Add(command, "id", id);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new LedgerException($"The ledger at {store.Target} has assessments compressed with dictionary {id}, which is not in json_dictionaries: the ledger is damaged.");
        }

        var format = reader.GetString(0);
        if (format != JsonDictionary.Zstd)
        {
            throw new LedgerException($"The ledger at {store.Target} has assessments compressed in the format '{format}', which this version of OpportunityScoring cannot read: upgrade OpportunityScoring to read it.");
        }

        return Kept(id, (byte[])reader.GetValue(1));
    }

    public void Dispose()
    {
        foreach (var dictionary in _byId.Values)
        {
            dictionary.Dispose();
        }

        _byId.Clear();
    }

    private JsonDictionary Kept(long id, byte[] content)
    {
        var added = new JsonDictionary(id, content);
        var kept = _byId.GetOrAdd(id, added);
        if (!ReferenceEquals(kept, added))
        {
            added.Dispose();
        }

        return kept;
    }
}
