using System.Globalization;

namespace OpportunityScoring.Ledger;

/// <summary>Outcomes (<c>outcomes</c>): won, lost, noBid or withdrawn, with the day and what is known of the winner; the newest entry counts.</summary>
internal static class OutcomeBook
{
    public static int Record(SqlLedger ledger, IEnumerable<OutcomeDraft> outcomes, string recordedBy)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var who = LoopSql.Who(recordedBy);
        var store = ledger.Store;
        using var connection = store.Open();
        using var transaction = store.BeginWrite(connection);
        using var insert = LedgerStore.Command(connection, transaction,
            "INSERT INTO outcomes (opportunity_id, result, closed_on, competitor, final_price, source, note, recorded_by, recorded_at) "
            + "VALUES (@id, @result, @closed, @competitor, @price, @source, @note, @by, @at)");
        var names = new[] { "id", "result", "closed", "competitor", "price", "source", "note", "by", "at" };
        var parameters = names.Select(n =>
        {
            var p = insert.CreateParameter();
            p.ParameterName = n;
            insert.Parameters.Add(p);
            return p;
        }).ToArray();
        var at = store.Instant(DateTimeOffset.UtcNow);
        var count = 0;
        foreach (var o in outcomes)
        {
            var id = LoopSql.Required(o.OpportunityId, $"outcome {count + 1}", "opportunityId");
            if (!Enum.IsDefined(o.Result))
            {
                throw new LedgerException($"the outcome of {id}: result is not won, lost, noBid or withdrawn.");
            }

            if (o.FinalPrice is < 0)
            {
                throw new LedgerException($"the outcome of {id}: finalPrice {o.FinalPrice.Value.ToString(CultureInfo.InvariantCulture)} is negative.");
            }

            object?[] values =
            [
                id, LoopWords.Of(o.Result), store.Day(o.ClosedOn), string.IsNullOrWhiteSpace(o.Competitor) ? null : o.Competitor.Trim(), o.FinalPrice,
                LoopSql.Required(o.Source, $"the outcome of {id}", "source"), string.IsNullOrWhiteSpace(o.Note) ? null : o.Note.Trim(), who, at,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
            count++;
        }

        transaction.Commit();
        return count;
    }

    public static IReadOnlyList<RecordedOutcome> List(SqlLedger ledger, string? opportunityId)
    {
        var store = ledger.Store;
        using var connection = store.Open();
        using var command = LedgerStore.Command(connection, null,
            "SELECT o.outcome_id, o.opportunity_id, o.result, o.closed_on, o.competitor, o.final_price, o.source, o.note, o.recorded_by, o.recorded_at, "
            + "(SELECT max(n.outcome_id) FROM outcomes n WHERE n.opportunity_id = o.opportunity_id) "
            + "FROM outcomes o" + (opportunityId is null ? string.Empty : " WHERE o.opportunity_id = @id") + " ORDER BY o.outcome_id");
        if (opportunityId is not null)
        {
            LedgerStore.Add(command, "id", opportunityId);
        }

        using var reader = command.ExecuteReader();
        var list = new List<RecordedOutcome>();
        while (reader.Read())
        {
            LoopWords.TryRead<OutcomeResult>(reader.GetString(2), out var result);
            list.Add(new RecordedOutcome(reader.GetInt64(0), reader.GetString(1), result, store.ReadDay(reader, 3), LoopSql.Text(reader, 4),
                reader.IsDBNull(5) ? null : reader.GetDecimal(5), reader.GetString(6), LoopSql.Text(reader, 7), reader.GetString(8), store.ReadInstant(reader, 9),
                reader.GetInt64(0) == SqlLedger.Long(reader, 10)));
        }

        return list;
    }
}
