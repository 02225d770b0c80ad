using System.Data.Common;
using System.Text.Json;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The action plan (銷售行動計畫): actions planned against an opportunity, then done, dropped or reopened — each an
/// entry of <c>action_entries</c> — and each reviewed against the last complete assessment (成果 / 得失, 補救).
/// </summary>
internal static class ActionPlans
{
    public static long Plan(SqlLedger ledger, ActionDraft draft, string recordedBy)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var who = LoopSql.Who(recordedBy);
        var id = LoopSql.Required(draft.OpportunityId, "the action", "opportunityId");
        var record = $"the action for {id}";
        var owner = LoopSql.Required(draft.Owner, record, "owner");
        var store = ledger.Store;
        using var connection = store.Open();
        var baseline = LoopSql.Latest(store, connection, id);
        var what = draft.What?.Trim();
        var field = draft.EvidenceField?.Trim();
        if (draft.FromImprovement is { } n)
        {
            var improvements = Improvements(baseline?.Json);
            if (baseline is null)
            {
                throw new LedgerException($"{record}: fromImprovement {n}: {id} has no assessment in a complete run of the ledger; score it with --store (and --explain) first.");
            }

            if (improvements.Count == 0)
            {
                throw new LedgerException($"{record}: fromImprovement {n}: the last stored assessment of {id} (run {baseline.RunId}) has no improvements; score with --explain --store to store them.");
            }

            if (n < 1 || n > improvements.Count)
            {
                throw new LedgerException($"{record}: fromImprovement {n}: the last stored assessment of {id} has improvements 1 to {improvements.Count}.");
            }

            what = string.IsNullOrWhiteSpace(what) ? improvements[n - 1].Message : what;
            field = string.IsNullOrWhiteSpace(field) ? improvements[n - 1].Code : field;
        }

        what = LoopSql.Required(what, record, "what");
        using var transaction = store.BeginWrite(connection);
        var actionId = LoopSql.Insert(connection, transaction, "action_entries", "entry_id",
        [
            ("opportunity_id", id), ("event", "planned"), ("what", what), ("owner", owner), ("due_on", store.Day(draft.Due)),
            ("evidence_field", string.IsNullOrWhiteSpace(field) ? null : field), ("baseline_run_id", baseline?.RunId),
            ("event_on", store.Day(draft.PlannedOn ?? LoopSql.Today)), ("recorded_by", who), ("recorded_at", store.Instant(DateTimeOffset.UtcNow)),
        ]);
        transaction.Commit();
        return actionId;
    }

    public static void Mark(SqlLedger ledger, long actionId, ActionState state, DateOnly on, string? note, string recordedBy)
    {
        var who = LoopSql.Who(recordedBy);
        var store = ledger.Store;
        using var connection = store.Open();
        using var transaction = store.BeginWrite(connection);
        var opportunity = LoopSql.OpportunityOf(connection, transaction, "SELECT opportunity_id FROM action_entries WHERE entry_id = @id AND event = 'planned'", actionId, $"No action {actionId} in the ledger: plan list --store … shows the actions and their ids.");

        LoopSql.Insert(connection, transaction, "action_entries", "entry_id",
        [
            ("action_id", actionId), ("opportunity_id", opportunity), ("event", state switch { ActionState.Done => "done", ActionState.Dropped => "dropped", _ => "reopened" }),
            ("note", string.IsNullOrWhiteSpace(note) ? null : note.Trim()), ("event_on", store.Day(on)), ("recorded_by", who), ("recorded_at", store.Instant(DateTimeOffset.UtcNow)),
        ]);
        transaction.Commit();
    }

    public static IReadOnlyList<ActionReview> List(SqlLedger ledger, string? opportunityId, DateOnly? asOf)
    {
        var store = ledger.Store;
        using var connection = store.Open();
        var actions = new List<Draft>();
        var byId = new Dictionary<long, Draft>();
        using (var command = LedgerStore.Command(connection, null,
            "SELECT entry_id, action_id, opportunity_id, event, what, owner, due_on, evidence_field, baseline_run_id, note, event_on, recorded_by "
            + "FROM action_entries" + (opportunityId is null ? string.Empty : " WHERE opportunity_id = @id") + " ORDER BY entry_id"))
        {
            if (opportunityId is not null)
            {
                LedgerStore.Add(command, "id", opportunityId);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var on = store.ReadDay(reader, 10);
                var by = reader.GetString(11);
                var note = LoopSql.Text(reader, 9);
                if (reader.IsDBNull(1))
                {
                    var draft = new Draft(reader.GetInt64(0), reader.GetString(2), reader.GetString(4), reader.GetString(5), store.ReadDay(reader, 6),
                        LoopSql.Text(reader, 7), reader.IsDBNull(8) ? null : reader.GetInt64(8), on, by) { StateOn = on, StateBy = by, Note = note };
                    actions.Add(draft);
                    byId[draft.Id] = draft;
                }
                else if (byId.TryGetValue(reader.GetInt64(1), out var action))
                {
                    action.State = reader.GetString(3) switch { "done" => ActionState.Done, "dropped" => ActionState.Dropped, _ => ActionState.Open };
                    (action.StateOn, action.StateBy, action.Note) = (on, by, note);
                }
            }
        }

        var latest = new Dictionary<string, StoredAssessment?>(StringComparer.Ordinal);
        return [.. actions.Select(a =>
        {
            if (!latest.TryGetValue(a.OpportunityId, out var now))
            {
                now = latest[a.OpportunityId] = LoopSql.Latest(store, connection, a.OpportunityId);
            }

            var before = a.BaselineRunId is { } b ? LoopSql.In(store, connection, a.OpportunityId, b) : null;
            return Review(a, before, now, asOf ?? now?.AsOf ?? LoopSql.Today);
        })];
    }

    /// <summary>An action judged at the last complete assessment: done or overdue, whether its evidence and the score moved.</summary>
    private static ActionReview Review(Draft a, StoredAssessment? before, StoredAssessment? now, DateOnly asOf)
    {
        var reviewed = now is not null && (before is null || now.RunId != before.RunId) ? now : null;
        bool? moved = reviewed is null || before is null || a.EvidenceField is null ? null : EvidenceMoved(a.EvidenceField, before.Json, reviewed.Json);
        var succeeded = moved ?? (reviewed is not null && before is not null && reviewed.Score > before.Score);
        var due = asOf > a.Due;
        var result = a.State switch
        {
            ActionState.Dropped => ActionResult.Dropped,
            _ when reviewed is null => due && a.State == ActionState.Open ? ActionResult.Overdue : ActionResult.NotYetReviewed,
            _ when succeeded => ActionResult.Succeeded,
            ActionState.Done => ActionResult.NotSucceeded,
            _ => due ? ActionResult.Overdue : ActionResult.Open,
        };
        var remedy = result is ActionResult.Overdue or ActionResult.NotSucceeded;
        return new ActionReview(a.Id, a.OpportunityId, a.What, a.Owner, a.Due, a.EvidenceField, a.PlannedOn, a.PlannedBy, a.State, a.StateOn, a.StateBy, a.Note,
            a.BaselineRunId, reviewed?.RunId, before?.Score, reviewed?.Score, moved, result, remedy);
    }

    /// <summary>
    /// Whether an evidence field moved between two assessments: its criterion's sub-score rose (the field's first
    /// segment: <c>budget</c>, <c>decisionChain</c>, …), or it was missing evidence (or a gate's missing item) and is no longer.
    /// </summary>
    internal static bool EvidenceMoved(string field, string? beforeJson, string? afterJson)
    {
        if (beforeJson is null || afterJson is null)
        {
            return false;
        }

        using var before = JsonDocument.Parse(beforeJson);
        using var after = JsonDocument.Parse(afterJson);
        var criterion = field.Split('.', '[')[0];
        if (Criterion(before.RootElement, criterion) is { } b && Criterion(after.RootElement, criterion) is { } a && a > b)
        {
            return true;
        }

        var item = field.Split('.')[^1];
        return (Missing(before.RootElement, field, item) && !Missing(after.RootElement, field, item));
    }

    private static decimal? Criterion(JsonElement assessment, string name) =>
        assessment.TryGetProperty("criteria", out var criteria) && criteria.ValueKind == JsonValueKind.Object && criteria.TryGetProperty(name, out var value) && value.TryGetDecimal(out var d) ? d : null;

    private static bool Missing(JsonElement assessment, string field, string item)
    {
        if (assessment.TryGetProperty("missingEvidence", out var missing) && missing.ValueKind == JsonValueKind.Array
            && missing.EnumerateArray().Any(m => m.TryGetProperty("field", out var f) && f.GetString() == field))
        {
            return true;
        }

        return assessment.TryGetProperty("gate", out var gate) && gate.TryGetProperty("missing", out var items) && items.ValueKind == JsonValueKind.Array
            && items.EnumerateArray().Any(m => m.TryGetProperty("code", out var c) && (c.GetString() == item || c.GetString() == field));
    }

    /// <summary>The improvements (code, message) of a stored assessment's JSON, in their rank.</summary>
    internal static List<(string Code, string Message)> Improvements(string? json)
    {
        var list = new List<(string, string)>();
        if (json is null)
        {
            return list;
        }

        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("improvements", out var improvements) && improvements.ValueKind == JsonValueKind.Array)
        {
            foreach (var i in improvements.EnumerateArray())
            {
                list.Add((i.GetProperty("code").GetString() ?? string.Empty, i.GetProperty("message").GetString() ?? string.Empty));
            }
        }

        return list;
    }

    private sealed record Draft(long Id, string OpportunityId, string What, string Owner, DateOnly Due, string? EvidenceField, long? BaselineRunId, DateOnly PlannedOn, string PlannedBy)
    {
        public ActionState State { get; set; }

        public DateOnly StateOn { get; set; }

        public string StateBy { get; set; } = PlannedBy;

        public string? Note { get; set; }
    }
}
