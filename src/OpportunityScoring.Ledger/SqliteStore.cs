using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The embedded store: one SQLite file, nothing to install. Write-ahead logging lets readers go on while a run writes;
/// two writers queue on the file lock (<c>BEGIN IMMEDIATE</c>, waiting up to two minutes) instead of failing.
/// </summary>
internal sealed class SqliteStore : LedgerStore
{
    private readonly string _connectionString;
    private readonly string _path;

    public SqliteStore(string path)
    {
        _path = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(_path)!;
        if (!Directory.Exists(folder))
        {
            throw new LedgerException($"Cannot create the SQLite ledger {_path}: the folder {folder} does not exist. Create it, or give --store a path in an existing folder.");
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 120,
        }.ToString();
    }

    public override string Kind => "sqlite";

    public override string Target => "SQLite " + _path;

    protected override string MigrationLock => string.Empty; // BEGIN IMMEDIATE already holds the write lock

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // page_size takes effect only when the file is created (before its first table): 64 KB pages hold about twenty
            // 3 KB assessment rows each, where 4 KB pages held one and left a quarter of every page empty (a smaller file,
            // less to write to the log and to checkpoint). An existing ledger keeps its page size.
            Execute(connection, null, "PRAGMA page_size = 65536; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            return connection;
        }
        catch (Exception e) when (Explain(e) is { } explained)
        {
            connection.Dispose();
            throw explained;
        }
    }

    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override object Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override object Instant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public override DateOnly ReadDay(DbDataReader reader, int ordinal) => DateOnly.ParseExact(reader.GetString(ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override string InIds(string column) => $"{column} IN (SELECT value FROM json_each(@ids))";

    public override object Ids(IReadOnlyCollection<string> ids)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(ids.Count * 24);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var id in ids)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public override void Insert(DbConnection connection, DbTransaction transaction, long runId, IReadOnlyList<AssessmentRow> rows, bool fresh)
    {
        // fresh or not, the same statement: SQLite checks the key for ON CONFLICT as it would for the insert itself
        using var command = Command(connection, transaction, $"INSERT INTO assessments ({AssessmentRow.Columns}) VALUES ({AssessmentRow.Parameters}) ON CONFLICT (run_id, opportunity_id) DO NOTHING");
        var parameters = AssessmentRow.ColumnNames.Select(c =>
        {
            var p = command.CreateParameter();
            p.ParameterName = "@" + c;
            command.Parameters.Add(p);
            return p;
        }).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            var values = row.Values(runId);
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }

    public override LedgerException? Explain(Exception exception) => exception switch
    {
        LedgerException e => e,
        SqliteException { SqliteErrorCode: 14 } e => new LedgerException($"Cannot open the SQLite ledger {_path}: check that its folder exists and is writable, and that the path is a file.", e),
        SqliteException { SqliteErrorCode: 26 } e => new LedgerException($"{_path} is not an SQLite database: give --store a new file name or an existing ledger.", e),
        SqliteException { SqliteErrorCode: 8 } e => new LedgerException($"The SQLite ledger {_path} is read-only: make the file and its folder writable.", e),
        SqliteException { SqliteErrorCode: 5 or 6 } e => new LedgerException($"The SQLite ledger {_path} stayed locked by another writer for two minutes: wait for the other run, or use PostgreSQL for runs that write at once.", e),
        SqliteException { SqliteErrorCode: 13 } e => new LedgerException($"The disk holding the SQLite ledger {_path} is full.", e),
        SqliteException e => new LedgerException($"The SQLite ledger {_path} failed: {e.Message}", e),
        _ => null,
    };
}
