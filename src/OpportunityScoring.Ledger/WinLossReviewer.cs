using MathNet.Numerics.Distributions;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The win/loss review: each closed opportunity (its newest outcome) judged by its last complete assessment before
/// the close — never one made on or after it (no leakage) — in one pass over the store's columns (no JSON read).
/// </summary>
internal static class WinLossReviewer
{
    /// <summary>The two-sided 95% normal quantile of the Wilson intervals.</summary>
    private static readonly double Z = Normal.InvCDF(0, 1, 0.975);

    public static WinLossReview Review(SqlLedger ledger, DateOnly? since)
    {
        var store = ledger.Store;
        using var connection = store.Open();
        var complete = new Dictionary<long, DateOnly>();
        using (var command = LedgerStore.Command(connection, null, $"SELECT r.run_id, r.as_of FROM runs r WHERE {SqlLedger.RunComplete}"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                complete[reader.GetInt64(0)] = store.ReadDay(reader, 1);
            }
        }

        var closed = new Dictionary<string, Closed>(StringComparer.Ordinal);
        using (var command = LedgerStore.Command(connection, null, "SELECT opportunity_id, result, closed_on FROM outcomes ORDER BY outcome_id"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                LoopWords.TryRead<OutcomeResult>(reader.GetString(1), out var result);
                closed[reader.GetString(0)] = new Closed(result, store.ReadDay(reader, 2));
            }
        }

        if (since is { } first)
        {
            foreach (var id in closed.Where(c => c.Value.On < first).Select(c => c.Key).ToList())
            {
                closed.Remove(id);
            }
        }

        using (var command = LedgerStore.Command(connection, null,
            "SELECT a.opportunity_id, a.run_id, a.stage, a.grade, a.win_probability, a.bid, a.gate_outcome FROM assessments a "
            + "WHERE a.opportunity_id IN (SELECT opportunity_id FROM outcomes)"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!closed.TryGetValue(reader.GetString(0), out var c) || !complete.TryGetValue(reader.GetInt64(1), out var asOf) || asOf >= c.On)
                {
                    continue;
                }

                var stage = LoopWords.StageOrder(reader.GetString(2));
                c.StageReached = Math.Max(c.StageReached, stage);
                var run = reader.GetInt64(1);
                if (c.Last is null || asOf > c.LastAsOf || (asOf == c.LastAsOf && run > c.Last.Run))
                {
                    c.LastAsOf = asOf;
                    c.Last = new Last(run, reader.GetString(2), reader.GetString(3), reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6));
                }
            }
        }

        var judged = closed.Where(c => c.Value.Last is not null).ToList();
        var byGrade = judged.GroupBy(c => c.Value.Last!.Grade).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Rate(g.Key, g.Select(c => c.Value.Result))).ToList();
        var byStage = judged.GroupBy(c => c.Value.StageReached).OrderBy(g => g.Key).Select(g => Rate(LoopWords.Stages[g.Key], g.Select(c => c.Value.Result))).ToList();
        var bids = judged.GroupBy(c => c.Value.Last!.Bid ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BidResultRow(g.Key, Count(g, OutcomeResult.Won), Count(g, OutcomeResult.Lost), Count(g, OutcomeResult.NoBid), Count(g, OutcomeResult.Withdrawn))).ToList();
        return new WinLossReview(since, closed.Count, closed.Count - judged.Count, byGrade, byStage, bids, Verdicts(ledger, connection, closed), Reliability(judged.Select(c => c.Value)));
    }

    private static int Count(IEnumerable<KeyValuePair<string, Closed>> group, OutcomeResult result) => group.Count(c => c.Value.Result == result);

    /// <summary>Each override in force at a close (the newest of its kind, not withdrawn, recorded by the close, not lapsed then), judged by the outcome.</summary>
    private static List<OverrideVerdict> Verdicts(SqlLedger ledger, System.Data.Common.DbConnection connection, Dictionary<string, Closed> closed)
    {
        var entries = OverrideBook.Read(ledger, connection, null);
        var verdicts = new List<OverrideVerdict>();
        foreach (var group in entries.All.Where(o => closed.ContainsKey(o.OpportunityId)).GroupBy(o => (o.OpportunityId, o.Kind)))
        {
            var c = closed[group.Key.OpportunityId];
            var o = group.Where(o => !entries.Withdrawn.ContainsKey(o.OverrideId) && DateOnly.FromDateTime(o.RecordedAt.UtcDateTime) <= c.On).MaxBy(o => o.OverrideId);
            if (o is null || c.Last is null || OverrideBook.Lapsed(o, c.Last.Stage, c.On))
            {
                continue;
            }

            var engine = o.Kind switch { OverrideKind.Bid => c.Last.Bid ?? "none", OverrideKind.Gate => c.Last.Gate, _ => c.Last.Grade };
            verdicts.Add(new OverrideVerdict(o.OpportunityId, o.Kind, engine, o.Value, o.ApprovedBy, o.Reason, c.Result, Right(o.Kind, engine, o.Value, c.Result)));
        }

        return [.. verdicts.OrderBy(v => v.OpportunityId, StringComparer.Ordinal).ThenBy(v => v.Kind)];
    }

    /// <summary>
    /// Who the outcome proved right. Going on (bid, relationshipBid; advance; a better grade) against the other's
    /// stopping: won proves the one who went on right, lost the other. When the path the outcome would judge was not
    /// taken (a no-bid, a withdrawal) or both went on, it is unknown.
    /// </summary>
    internal static string Right(OverrideKind kind, string engine, string people, OutcomeResult result)
    {
        if (result is not (OutcomeResult.Won or OutcomeResult.Lost))
        {
            return "unknown";
        }

        int Optimism(string value) => kind switch
        {
            OverrideKind.Bid => value is "bid" or "relationshipBid" ? 1 : 0,
            OverrideKind.Gate => value == "advance" ? 1 : 0,
            _ => 'D' - (value.Length > 0 ? value[0] : 'D'),
        };

        var (e, p) = (Optimism(engine), Optimism(people));
        if (e == p)
        {
            return "unknown";
        }

        var peopleMoreHopeful = p > e;
        return (result == OutcomeResult.Won) == peopleMoreHopeful ? "people" : "engine";
    }

    private static RateRow Rate(string group, IEnumerable<OutcomeResult> results)
    {
        var list = results.ToList();
        var won = list.Count(r => r == OutcomeResult.Won);
        var lost = list.Count(r => r == OutcomeResult.Lost);
        var (rate, low, high) = Wilson(won, won + lost);
        return new RateRow(group, list.Count, won, lost, list.Count(r => r == OutcomeResult.NoBid), list.Count(r => r == OutcomeResult.Withdrawn), rate, low, high);
    }

    private static List<ReliabilityBin> Reliability(IEnumerable<Closed> closed)
    {
        var bins = Enumerable.Range(0, 10).Select(_ => (Count: 0, Won: 0, Sum: 0d)).ToArray();
        foreach (var c in closed.Where(c => c.Result is OutcomeResult.Won or OutcomeResult.Lost))
        {
            var p = c.Last!.WinProbability;
            var b = Math.Clamp((int)Math.Floor(p * 10), 0, 9);
            bins[b] = (bins[b].Count + 1, bins[b].Won + (c.Result == OutcomeResult.Won ? 1 : 0), bins[b].Sum + p);
        }

        return [.. bins.Select((b, i) =>
        {
            var (rate, low, high) = Wilson(b.Won, b.Count);
            return new ReliabilityBin(i / 10d, (i + 1) / 10d, b.Count, b.Won, b.Count == 0 ? null : b.Sum / b.Count, rate, low, high);
        })];
    }

    /// <summary>The rate and its 95% Wilson score interval; nulls for no trials.</summary>
    internal static (double? Rate, double? Low, double? High) Wilson(int successes, int trials)
    {
        if (trials == 0)
        {
            return (null, null, null);
        }

        var p = (double)successes / trials;
        var z2 = Z * Z;
        var centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
        var half = Z * Math.Sqrt(p * (1 - p) / trials + z2 / (4d * trials * trials)) / (1 + z2 / trials);
        return (p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private sealed record Last(long Run, string Stage, string Grade, double WinProbability, string? Bid, string Gate);

    private sealed class Closed(OutcomeResult result, DateOnly on)
    {
        public OutcomeResult Result { get; } = result;

        public DateOnly On { get; } = on;

        public int StageReached { get; set; } = -1;

        public DateOnly LastAsOf { get; set; }

        public Last? Last { get; set; }
    }
}
