using System.Data.Common;
using System.Globalization;

namespace OpportunityScoring.Ledger;

/// <summary>An opportunity's assessment in a complete run, as the review loop reads it.</summary>
internal sealed record StoredAssessment(long RunId, DateOnly AsOf, string Stage, string Grade, decimal Score, string GateOutcome, string? Bid, string PolicySha256, string? Json)
{
    /// <summary>The engine's decision of a kind.</summary>
    public string? Decision(OverrideKind kind) => kind switch
    {
        OverrideKind.Bid => Bid,
        OverrideKind.Gate => GateOutcome,
        _ => Grade,
    };
}

/// <summary>What the review loop's writers and readers share: who, the latest assessment, inserting an entry.</summary>
internal static class LoopSql
{
    private const string Select =
        "SELECT a.run_id, r.as_of, a.stage, a.grade, a.score, a.gate_outcome, a.bid, a.policy_sha256, " + SqlLedger.JsonOf + " "
        + "FROM assessments a JOIN runs r ON r.run_id = a.run_id " + SqlLedger.JoinOrigin + " WHERE a.opportunity_id = @id AND " + SqlLedger.RunComplete;

    /// <summary>Who recorded an entry: required, trimmed.</summary>
    public static string Who(string? recordedBy, string what = "recordedBy") =>
        string.IsNullOrWhiteSpace(recordedBy) ? throw new LedgerException($"Cannot record without {what}: every entry of the ledger says who made it.") : recordedBy.Trim();

    /// <summary>A required text of a draft, trimmed.</summary>
    public static string Required(string? value, string record, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new LedgerException($"{record}: {field} is required.") : value.Trim();

    /// <summary>The last complete assessment of an opportunity (on or before a day when given), or null.</summary>
    public static StoredAssessment? Latest(LedgerStore store, DbConnection connection, string opportunityId, DateOnly? before = null)
    {
        using var command = LedgerStore.Command(connection, null,
            Select + (before is null ? string.Empty : " AND r.as_of < @before") + " ORDER BY r.as_of DESC, a.run_id DESC LIMIT 1");
        LedgerStore.Add(command, "id", opportunityId);
        if (before is { } day)
        {
            LedgerStore.Add(command, "before", store.Day(day));
        }

        return ReadOne(store, command);
    }

    /// <summary>The assessment of an opportunity in one complete run, or null.</summary>
    public static StoredAssessment? In(LedgerStore store, DbConnection connection, string opportunityId, long runId)
    {
        using var command = LedgerStore.Command(connection, null, Select + " AND a.run_id = @run");
        LedgerStore.Add(command, "id", opportunityId);
        LedgerStore.Add(command, "run", runId);
        return ReadOne(store, command);
    }

    private static StoredAssessment? ReadOne(LedgerStore store, DbCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredAssessment(reader.GetInt64(0), store.ReadDay(reader, 1), reader.GetString(2), reader.GetString(3), reader.GetDecimal(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7), AssessmentJson.Text(store, reader, 8))
            : null;
    }

    /// <summary>The opportunity an entry (an action, an override) belongs to, read inside the write; a clear error when there is no such entry.</summary>
    public static string OpportunityOf(DbConnection connection, DbTransaction transaction, string sql, long id, string missing)
    {
        using var find = LedgerStore.Command(connection, transaction, sql);
        LedgerStore.Add(find, "id", id);
        return find.ExecuteScalar() as string ?? throw new LedgerException(missing);
    }

    /// <summary>Inserts one entry and returns its id (one statement; the caller's transaction).</summary>
    public static long Insert(DbConnection connection, DbTransaction transaction, string table, string idColumn, IReadOnlyList<(string Column, object? Value)> values)
    {
        using var command = LedgerStore.Command(connection, transaction,
            $"INSERT INTO {table} ({string.Join(", ", values.Select(v => v.Column))}) VALUES ({string.Join(", ", values.Select(v => "@" + v.Column))}) RETURNING {idColumn}");
        foreach (var (column, value) in values)
        {
            LedgerStore.Add(command, column, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
