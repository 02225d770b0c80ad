using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace OpportunityScoring.Ledger;

/// <summary>
/// One kind of store behind the ledger (SQLite or PostgreSQL): how to connect, the dialect's few differences (dates,
/// the bulk write, the migration lock), and the migrations. Everything else is the same SQL on both.
/// </summary>
internal abstract class LedgerStore : IDisposable
{
    protected LedgerStore() => Dictionaries = new JsonDictionaries(this);

    /// <summary>Assessments written per transaction: a kill loses at most this many, and memory stays bounded.</summary>
    public const int BatchSize = 5_000;

    /// <summary><c>sqlite</c> or <c>postgresql</c>: the folder of its migrations.</summary>
    public abstract string Kind { get; }

    /// <summary>Where the ledger is, for messages: a file, or host, port and database (never a password).</summary>
    public abstract string Target { get; }

    /// <summary>The ledger's compression dictionaries (<c>json_dictionaries</c>), read once.</summary>
    public JsonDictionaries Dictionaries { get; }

    /// <summary>An open connection; a failure is a <see cref="LedgerException"/> saying what to fix.</summary>
    public abstract DbConnection Open();

    /// <summary>Begins a write transaction (SQLite: <c>BEGIN IMMEDIATE</c>, so that two writers queue instead of failing).</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>The statement that serialises migrations between processes, run first in the migration transaction.</summary>
    protected abstract string MigrationLock { get; }

    /// <summary>A day as the store takes it.</summary>
    public abstract object Day(DateOnly day);

    /// <summary>An instant as the store takes it.</summary>
    public abstract object Instant(DateTimeOffset instant);

    /// <summary>A day as the store gives it.</summary>
    public abstract DateOnly ReadDay(DbDataReader reader, int ordinal);

    /// <summary>An instant as the store gives it.</summary>
    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    /// <summary>
    /// The condition that a column is one of the ids in parameter <c>@ids</c> (<see cref="Ids"/>): one parameter for the
    /// whole list (SQLite looks a parameter up by name along a list, so 500 parameters cost 125,000 name comparisons a
    /// statement; that was a seventh of an incremental run).
    /// </summary>
    public abstract string InIds(string column);

    /// <summary>The value of the <c>@ids</c> parameter of <see cref="InIds"/>.</summary>
    public abstract object Ids(IReadOnlyCollection<string> ids);

    /// <summary>
    /// Inserts assessment rows in the transaction; a row already there (same run and opportunity) is left as it is. When
    /// <paramref name="fresh"/> (the writing process started the shard: none of its rows can be there) a store may put them
    /// straight in, failing on a row already there with <see cref="IsDuplicate"/> (another process writing the same shard).
    /// </summary>
    public abstract void Insert(DbConnection connection, DbTransaction transaction, long runId, IReadOnlyList<AssessmentRow> rows, bool fresh);

    /// <summary>Whether a failure is a row that was already there (a fresh <see cref="Insert"/> that was not fresh).</summary>
    public virtual bool IsDuplicate(Exception exception) => false;

    /// <summary>
    /// Writes a batch of a run in one transaction: its scored rows and its carried ones. Returns whether the next batch
    /// may still be written as fresh: when a fresh write finds a row already there (another process writes the same
    /// shard, e.g. the same command started twice), the transaction is rolled back and written again the careful way
    /// (<c>ON CONFLICT DO NOTHING</c>), and so is every batch after it.
    /// </summary>
    public bool Write(DbConnection connection, long runId, IReadOnlyList<AssessmentRow> rows, IReadOnlyList<(long From, string Id)> carried, bool fresh)
    {
        try
        {
            WriteOnce(fresh);
            return fresh;
        }
        catch (Exception e) when (fresh && IsDuplicate(e))
        {
            WriteOnce(false);
            return false;
        }

        void WriteOnce(bool straight)
        {
            using var transaction = BeginWrite(connection);
            Insert(connection, transaction, runId, rows, straight);
            Carry(connection, transaction, runId, carried);
            transaction.Commit();
        }
    }

    /// <summary>
    /// Carries assessments forward into run <paramref name="runId"/>: each opportunity's row in the run it was last stored
    /// in is copied inside the store (one <c>INSERT … SELECT</c> per source run and transaction), its decisions and
    /// hashes as they were, <c>carried_from</c> naming the run that scored it, and no JSON (read from that run). A row
    /// already there is left as it is.
    /// </summary>
    public void Carry(DbConnection connection, DbTransaction transaction, long runId, IReadOnlyList<(long From, string Id)> carried)
    {
        var columns = string.Join(", ", AssessmentRow.ColumnNames.Select(c => c switch
        {
            "run_id" => "@run",
            "carried_from" => "COALESCE(a.carried_from, a.run_id)",
            "assessment_json_br" or "json_dictionary" => "NULL",
            _ => "a." + c,
        }));
        foreach (var from in carried.GroupBy(c => c.From))
        {
            using var command = Command(connection, transaction,
                $"INSERT INTO assessments ({AssessmentRow.Columns}) SELECT {columns} FROM assessments a WHERE a.run_id = @from AND {InIds("a.opportunity_id")} "
                + "ON CONFLICT (run_id, opportunity_id) DO NOTHING");
            Add(command, "run", runId);
            Add(command, "from", from.Key);
            Add(command, "ids", Ids([.. from.Select(c => c.Id)]));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Translates a provider's failure into what to fix (no secrets), or returns <see langword="null"/> to rethrow.</summary>
    public abstract LedgerException? Explain(Exception exception);

    /// <inheritdoc />
    public virtual void Dispose() => Dictionaries.Dispose();

    /// <summary>Applies, in one transaction, every numbered script not applied yet, and records each in <c>ledger_schema</c>.</summary>
    public void Migrate()
    {
        var scripts = Scripts(Kind);
        if (scripts.Count == 0)
        {
            throw new InvalidOperationException($"No {Kind} migrations are embedded in {typeof(LedgerStore).Assembly.GetName().Name}.");
        }

        using var connection = Open();
        using var transaction = BeginWrite(connection);
        Execute(connection, transaction, MigrationLock);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS ledger_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = new HashSet<int>();
        using (var command = Command(connection, transaction, "SELECT version FROM ledger_schema"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        if (applied.Count > 0 && applied.Max() > scripts[^1].Version)
        {
            throw new LedgerException($"The ledger at {Target} has schema version {applied.Max()}, newer than this version of OpportunityScoring knows ({scripts[^1].Version}): upgrade OpportunityScoring to use it.");
        }

        foreach (var (version, name, sql) in scripts.Where(s => !applied.Contains(s.Version)))
        {
            Execute(connection, transaction, sql);
            using var record = Command(connection, transaction, "INSERT INTO ledger_schema (version, name, applied_at) VALUES (@version, @name, @at)");
            Add(record, "version", version);
            Add(record, "name", name);
            Add(record, "at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The numbered scripts of a store, in order: <c>Migrations/&lt;kind&gt;/NNNN_name.sql</c>.</summary>
    internal static IReadOnlyList<(int Version, string Name, string Sql)> Scripts(string kind)
    {
        var assembly = typeof(LedgerStore).Assembly;
        var prefix = $"OpportunityScoring.Ledger.Migrations.{kind}.";
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[prefix.Length..^4];
                return (Version: int.Parse(name[..4], CultureInfo.InvariantCulture), Name: name, Sql: Read(assembly, n));
            })
            .OrderBy(s => s.Version)];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // the ledger's own SQL text; every value goes in as a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        if (sql.Length == 0)
        {
            return;
        }

        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }
}
