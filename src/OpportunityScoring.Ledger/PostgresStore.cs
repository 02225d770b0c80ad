using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The team store: a PostgreSQL database. Assessments go in by binary COPY into a per-connection staging table, then
/// one <c>INSERT … ON CONFLICT DO NOTHING</c>, so a resumed or repeated run never duplicates a row.
/// </summary>
internal sealed class PostgresStore : LedgerStore
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresStore(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            // The provider's message names the keyword at fault; values (a password) are never repeated.
            throw new LedgerException($"The --store value is not a PostgreSQL connection string it can read ({KeywordsOf(connectionString)}): write it as Host=…;Port=…;Database=…;Username=…;Password=….", e);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new LedgerException("The PostgreSQL connection string has no Host: add Host=<server> (and Port, Database, Username, Password).");
        }

        if (builder.Timeout == 15)
        {
            builder.Timeout = 10;
        }

        Target = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default)"}";
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override string Kind => "postgresql";

    public override string Target { get; }

    protected override string MigrationLock => "SELECT pg_advisory_xact_lock(7042502619)"; // one migrator at a time per database

    public override DbConnection Open()
    {
        try
        {
            return _dataSource.OpenConnection();
        }
        catch (Exception e) when (Explain(e) is { } explained)
        {
            throw explained;
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection) => ((NpgsqlConnection)connection).BeginTransaction();

    public override object Day(DateOnly day) => day;

    public override object Instant(DateTimeOffset instant) => instant.ToUniversalTime();

    public override DateOnly ReadDay(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override string InIds(string column) => $"{column} = ANY(@ids)";

    public override object Ids(IReadOnlyCollection<string> ids) => ids.ToArray();

    public override void Insert(DbConnection connection, DbTransaction transaction, long runId, IReadOnlyList<AssessmentRow> rows, bool fresh)
    {
        // A fresh shard's rows are copied straight into assessments (a duplicate fails the COPY: LedgerStore.Write writes
        // the batch again); otherwise through a staging table, then INSERT … ON CONFLICT DO NOTHING (a resumed run), which
        // cost the server half as much again (docs/benchmarks.md).
        var npgsql = (NpgsqlConnection)connection;
        if (!fresh)
        {
            Execute(connection, transaction, "CREATE TEMP TABLE IF NOT EXISTS ledger_staging (LIKE assessments) ON COMMIT DELETE ROWS");
        }

        using (var importer = npgsql.BeginBinaryImport($"COPY {(fresh ? "assessments" : "ledger_staging")} ({AssessmentRow.Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                importer.StartRow();
                var values = row.Values(runId);
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(values[i], Types[i]);
                    }
                }
            }

            importer.Complete();
        }

        if (fresh)
        {
            return;
        }

        Execute(connection, transaction, $"INSERT INTO assessments ({AssessmentRow.Columns}) SELECT {AssessmentRow.Columns} FROM ledger_staging ON CONFLICT (run_id, opportunity_id) DO NOTHING");
    }

    /// <summary>The PostgreSQL type of each column of <see cref="AssessmentRow.ColumnNames"/>, in order.</summary>
    private static readonly NpgsqlDbType[] Types =
    [
        NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Numeric,
        NpgsqlDbType.Double, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Bytea, NpgsqlDbType.Bigint,
    ];

    public override bool IsDuplicate(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override LedgerException? Explain(Exception exception) => exception switch
    {
        LedgerException e => e,
        PostgresException { SqlState: "28P01" or "28000" } e => new LedgerException($"{Target} refused the login: check Username and Password in the --store connection string.", e),
        PostgresException { SqlState: "3D000" } e => new LedgerException($"{Target}: the database does not exist: create it (createdb) or fix Database= in the --store connection string.", e),
        PostgresException { SqlState: "42501" } e => new LedgerException($"{Target}: the user may not create or write the ledger's tables: grant it CREATE and INSERT on the database, or use another Username.", e),
        PostgresException e => new LedgerException($"{Target} failed: {e.MessageText} (SQLSTATE {e.SqlState}).", e),
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } e => Unreachable(e),
        NpgsqlException e when e.IsTransient => Unreachable(e),
        NpgsqlException e => new LedgerException($"{Target} failed: {e.Message}", e),
        TimeoutException e => Unreachable(e),
        _ => null,
    };

    public override void Dispose()
    {
        _dataSource.Dispose();
        base.Dispose();
    }

    private LedgerException Unreachable(Exception e) =>
        new($"Cannot reach {Target}: check Host and Port in the --store connection string, and that the server is running and accepts connections.", e);

    /// <summary>The keywords Npgsql does not know, by name only: a value (a password) is never repeated.</summary>
    private static string KeywordsOf(string connectionString)
    {
        var known = new NpgsqlConnectionStringBuilder();
        var unknown = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Trim())
            .Where(key => key.Length > 0 && !known.ContainsKey(key))
            .ToList();
        return unknown.Count > 0 ? "unknown keyword " + string.Join(", ", unknown.Select(k => $"'{k}'")) : "a value it cannot read";
    }
}
