namespace OpportunityScoring.Ledger;

/// <summary>
/// People's overrides of the engine's decisions (<c>overrides</c>): recorded beside the assessment they are about,
/// never replacing it; each read back against the last complete assessment — lapsed past its expiry, re-raised when
/// the engine's decision has changed since (a new policy, new evidence), withdrawn or superseded by a later entry.
/// </summary>
internal static class OverrideBook
{
    public static long Add(SqlLedger ledger, OverrideDraft draft, string recordedBy)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var who = LoopSql.Who(recordedBy);
        var id = LoopSql.Required(draft.OpportunityId, "the override", "opportunityId");
        var record = $"the override of {id}";
        var value = LoopSql.Required(draft.Value, record, "value");
        var allowed = LoopWords.ValuesOf(draft.Kind);
        var word = allowed.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new LedgerException($"{record}: value '{value}' is not a {LoopWords.Of(draft.Kind)} decision; use {string.Join(", ", allowed)}.");
        var reason = LoopSql.Required(draft.Reason, record, "reason");
        var approver = LoopSql.Required(draft.ApprovedBy, record, "approvedBy");
        if (draft.ExpiresOn is null && draft.ExpiresAtStage is null)
        {
            throw new LedgerException($"{record}: an expiry is required: expiresOn (a day) or expiresAtStage (a stage).");
        }

        string? stage = null;
        if (draft.ExpiresAtStage is { } s)
        {
            var order = LoopWords.StageOrder(s.Trim());
            stage = order < 0 ? throw new LedgerException($"{record}: expiresAtStage '{s}' is not a stage; use {string.Join(", ", LoopWords.Stages)}.") : LoopWords.Stages[order];
        }

        var store = ledger.Store;
        using var connection = store.Open();
        var latest = LoopSql.Latest(store, connection, id)
            ?? throw new LedgerException($"{record}: {id} has no assessment in a complete run of the ledger to override; score it with --store first.");
        using var transaction = store.BeginWrite(connection);
        var overrideId = LoopSql.Insert(connection, transaction, "overrides", "override_id",
        [
            ("opportunity_id", id), ("kind", LoopWords.Of(draft.Kind)), ("value", word), ("engine_value", latest.Decision(draft.Kind)), ("run_id", latest.RunId),
            ("reason", reason), ("approved_by", approver), ("expires_on", draft.ExpiresOn is { } d ? store.Day(d) : null), ("expires_at_stage", stage),
            ("recorded_by", who), ("recorded_at", store.Instant(DateTimeOffset.UtcNow)),
        ]);
        transaction.Commit();
        return overrideId;
    }

    public static void Withdraw(SqlLedger ledger, long overrideId, string reason, string recordedBy)
    {
        var who = LoopSql.Who(recordedBy);
        var why = LoopSql.Required(reason, $"the withdrawal of override {overrideId}", "reason");
        var store = ledger.Store;
        using var connection = store.Open();
        using var transaction = store.BeginWrite(connection);
        var opportunity = LoopSql.OpportunityOf(connection, transaction, "SELECT opportunity_id FROM overrides WHERE override_id = @id AND kind <> 'withdrawal'", overrideId, $"No override {overrideId} in the ledger: override list --store … shows them and their ids.");

        LoopSql.Insert(connection, transaction, "overrides", "override_id",
        [
            ("opportunity_id", opportunity), ("kind", "withdrawal"), ("reason", why), ("withdraws", overrideId),
            ("recorded_by", who), ("recorded_at", store.Instant(DateTimeOffset.UtcNow)),
        ]);
        transaction.Commit();
    }

    public static IReadOnlyList<OverrideStatus> List(SqlLedger ledger, string? opportunityId, DateOnly? asOf)
    {
        var store = ledger.Store;
        using var connection = store.Open();
        var rows = Read(ledger, connection, opportunityId);
        var latest = new Dictionary<string, StoredAssessment?>(StringComparer.Ordinal);
        return [.. rows.All.Select(o =>
        {
            if (!latest.TryGetValue(o.OpportunityId, out var now))
            {
                now = latest[o.OpportunityId] = LoopSql.Latest(store, connection, o.OpportunityId);
            }

            return Judge(o, rows, now, asOf ?? now?.AsOf ?? LoopSql.Today);
        })];
    }

    /// <summary>An override against the last complete assessment: withdrawn, superseded, lapsed, re-raised or active (in that order).</summary>
    internal static OverrideStatus Judge(OverrideStatus o, Entries rows, StoredAssessment? now, DateOnly asOf)
    {
        var engineNow = now?.Decision(o.Kind);
        var state = rows.Withdrawn.ContainsKey(o.OverrideId) ? OverrideState.Withdrawn
            : rows.All.Any(n => n.OpportunityId == o.OpportunityId && n.Kind == o.Kind && n.OverrideId > o.OverrideId && !rows.Withdrawn.ContainsKey(n.OverrideId)) ? OverrideState.Superseded
            : Lapsed(o, now?.Stage, asOf) ? OverrideState.Lapsed
            : now is not null && now.RunId != o.RunId && engineNow != o.EngineThen ? OverrideState.ReRaised
            : OverrideState.Active;
        return o with { State = state, EngineNow = engineNow, StageNow = now?.Stage, WithdrawnBecause = rows.Withdrawn.GetValueOrDefault(o.OverrideId) };
    }

    /// <summary>Whether an override has lapsed on a day at a stage: past its last day, or at (or past) its expiry stage.</summary>
    internal static bool Lapsed(OverrideStatus o, string? stage, DateOnly asOf) =>
        (o.ExpiresOn is { } last && asOf > last)
        || (o.ExpiresAtStage is { } at && stage is not null && LoopWords.StageOrder(stage) >= LoopWords.StageOrder(at));

    /// <summary>Every override (withdrawals apart) and the withdrawals' reasons by the override they withdraw.</summary>
    internal static Entries Read(SqlLedger ledger, System.Data.Common.DbConnection connection, string? opportunityId)
    {
        var store = ledger.Store;
        var entries = new List<OverrideStatus>();
        var withdrawn = new Dictionary<long, string>();
        using var command = LedgerStore.Command(connection, null,
            "SELECT override_id, opportunity_id, kind, value, engine_value, run_id, reason, approved_by, expires_on, expires_at_stage, withdraws, recorded_by, recorded_at "
            + "FROM overrides" + (opportunityId is null ? string.Empty : " WHERE opportunity_id = @id") + " ORDER BY override_id");
        if (opportunityId is not null)
        {
            LedgerStore.Add(command, "id", opportunityId);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(10))
            {
                withdrawn[reader.GetInt64(10)] = reader.GetString(6);
                continue;
            }

            LoopWords.TryRead<OverrideKind>(reader.GetString(2), out var kind);
            entries.Add(new OverrideStatus(reader.GetInt64(0), reader.GetString(1), kind, reader.GetString(3), LoopSql.Text(reader, 4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetString(6), reader.GetString(7), reader.IsDBNull(8) ? null : store.ReadDay(reader, 8),
                LoopSql.Text(reader, 9), reader.GetString(11), store.ReadInstant(reader, 12), OverrideState.Active, null, null, null));
        }

        return new Entries(entries, withdrawn);
    }

    internal sealed record Entries(List<OverrideStatus> All, Dictionary<long, string> Withdrawn);
}
