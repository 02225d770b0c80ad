using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>
/// Where an opportunity's score is heading, from its stored scores under the same policy (docs/ledger.md): a
/// policy change is not a trend.
/// </summary>
public enum Trend
{
    /// <summary>No earlier assessment under the same policy to compare with.</summary>
    NotEnoughInfo = 0,

    /// <summary>The score rose by at least <see cref="TrendRule.Threshold"/> points since the last assessment under the same policy.</summary>
    Improving,

    /// <summary>The score moved by less than the threshold either way.</summary>
    Steady,

    /// <summary>The score fell by at least the threshold.</summary>
    Declining,
}

/// <summary>The trend rule (docs/ledger.md).</summary>
public static class TrendRule
{
    /// <summary>Score points (of 100) a move must reach to count as improving or declining: 2.</summary>
    public const decimal Threshold = 2m;

    /// <summary>The trend from the previous score under the same policy (none: not enough info) to this one.</summary>
    /// <param name="previous">The previous score under the same policy, if any.</param>
    /// <param name="current">The score now.</param>
    /// <returns>The trend.</returns>
    public static Trend Of(decimal? previous, decimal current) => previous switch
    {
        null => Trend.NotEnoughInfo,
        { } p when current - p >= Threshold => Trend.Improving,
        { } p when p - current >= Threshold => Trend.Declining,
        _ => Trend.Steady,
    };

    /// <summary>The contract's word: <c>improving</c>, <c>steady</c>, <c>declining</c> or <c>notEnoughInfo</c>.</summary>
    /// <param name="trend">The trend.</param>
    /// <returns>The word.</returns>
    public static string Word(Trend trend) => trend switch
    {
        Trend.Improving => "improving",
        Trend.Steady => "steady",
        Trend.Declining => "declining",
        _ => "notEnoughInfo",
    };
}

/// <summary>One run (all its shards) as the ledger holds it.</summary>
/// <param name="RunId">The run's number.</param>
/// <param name="StartedAt">When its first shard started (UTC).</param>
/// <param name="FinishedAt">When its last shard finished; <see langword="null"/> while incomplete.</param>
/// <param name="AsOf">The day of the assessment.</param>
/// <param name="Policy">The policy it scored under.</param>
/// <param name="Engine">The engine.</param>
/// <param name="InputName">The input's name.</param>
/// <param name="InputSha256">The input's SHA-256.</param>
/// <param name="ShardCount">How many shards it is cut into.</param>
/// <param name="ShardsFinished">How many of them have finished.</param>
/// <param name="Assessed">Opportunities scored (finished shards).</param>
/// <param name="Rejected">Records rejected (finished shards).</param>
/// <param name="Carried">Opportunities carried forward unchanged (finished shards).</param>
/// <param name="Stored">Assessment rows in the store for this run (what a killed run got to write).</param>
public sealed record RunSummary(
    long RunId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, DateOnly AsOf, PolicyStamp Policy, string Engine, string InputName,
    string InputSha256, int ShardCount, int ShardsFinished, long Assessed, long Rejected, long Carried, long Stored)
{
    /// <summary>Whether every shard has finished: only complete runs are read as history.</summary>
    public bool Complete => ShardsFinished == ShardCount;
}

/// <summary>One line of an opportunity's tracking table: its assessment in one complete run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AsOf">The day of the run.</param>
/// <param name="Stage">The stage (the contract's word).</param>
/// <param name="Grade">The grade.</param>
/// <param name="Score">The score.</param>
/// <param name="WinProbability">The win probability.</param>
/// <param name="GateOutcome">The gate's outcome.</param>
/// <param name="NextStage">The stage after the gate.</param>
/// <param name="Bid">The bid decision, when there is one.</param>
/// <param name="RedFlags">The red flags' codes.</param>
/// <param name="KnockOuts">The knock-outs' codes.</param>
/// <param name="PolicyVersion">The policy's version.</param>
/// <param name="PolicySha256">The policy's SHA-256.</param>
/// <param name="CarriedFrom">The run whose assessment was carried forward (its input and policy had not changed); <see langword="null"/> when scored in this run.</param>
/// <param name="Trend">The trend against the previous entry under the same policy.</param>
/// <param name="DaysInStage">Days since the ledger first saw it in this stage, without a break.</param>
/// <param name="PolicyChanged">Whether the previous entry was under another policy (its changes may be the policy's).</param>
/// <param name="Changes">The decisions that changed since the previous entry (every decision for the first).</param>
/// <param name="Why">The rules whose points moved since the previous entry.</param>
public sealed record HistoryEntry(
    long RunId, DateOnly AsOf, string Stage, string Grade, decimal Score, double WinProbability, string GateOutcome, string NextStage,
    string? Bid, IReadOnlyList<string> RedFlags, IReadOnlyList<string> KnockOuts, string PolicyVersion, string PolicySha256,
    long? CarriedFrom, Trend Trend, int DaysInStage, bool PolicyChanged, IReadOnlyList<FieldChange> Changes, IReadOnlyList<ReasonChange> Why);

/// <summary>An opportunity's tracking table.</summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="Entries">Its assessments in complete runs, oldest first.</param>
/// <param name="InIncompleteRuns">How many of its assessments sit in incomplete runs (killed midway), not shown.</param>
public sealed record OpportunityHistory(string OpportunityId, IReadOnlyList<HistoryEntry> Entries, int InIncompleteRuns);

/// <summary>A complete run compared with the last complete run of the same input before it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="PreviousRunId">The run compared with.</param>
/// <param name="PreviousAsOf">Its day.</param>
/// <param name="PreviousPolicy">Its policy (another SHA-256 than this run's: the changes include the policy's).</param>
/// <param name="Counts">Unchanged, changed, new and removed opportunities.</param>
/// <param name="Changes">The first changes, with the rules whose points moved.</param>
public sealed record LedgerDiff(long RunId, long PreviousRunId, DateOnly PreviousAsOf, PolicyStamp PreviousPolicy, DiffCounts Counts, IReadOnlyList<OpportunityChange> Changes);

/// <summary>The latest assessment of an opportunity in the ledger's complete runs, for exports.</summary>
/// <param name="OpportunityId">The opportunity.</param>
/// <param name="RunId">The run it comes from.</param>
/// <param name="AsOf">The day of that run.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Grade">The grade.</param>
/// <param name="Score">The score.</param>
/// <param name="WinProbability">The win probability.</param>
/// <param name="GateOutcome">The gate's outcome.</param>
/// <param name="Bid">The bid decision, when there is one.</param>
/// <param name="Trend">The trend against the previous assessment under the same policy.</param>
/// <param name="Policy">The policy's version.</param>
/// <param name="TopReasons">The reasons with the most points, strongest first (at most five).</param>
public sealed record LatestAssessment(
    string OpportunityId, long RunId, DateOnly AsOf, string Stage, string Grade, decimal Score, double WinProbability, string GateOutcome,
    string? Bid, Trend Trend, string Policy, IReadOnlyList<Reason> TopReasons);
