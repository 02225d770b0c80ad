using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Ledger;

/// <summary>
/// The pipeline's memory: every run and every assessment, kept in SQLite or PostgreSQL
/// (<see cref="DecisionLedger.Open"/>). Thread safe: each call takes its own connection from the store's pool.
/// Nothing is ever deleted; an incomplete run (killed midway) is kept but never read as if it were complete.
/// </summary>
public partial interface IDecisionLedger : IDisposable
{
    /// <summary>Where the ledger is, for messages: the SQLite file, or the PostgreSQL host, port and database (never a password).</summary>
    string Target { get; }

    /// <summary>
    /// Starts recording a run (or one shard of it): hand it the batch's items as they come, then
    /// <see cref="LedgerRun.Complete"/>. The same input under the same policy on the same day is the same run: a run
    /// already complete records nothing again, and one killed midway is resumed.
    /// </summary>
    /// <param name="start">The input, policy, day, engine and shard.</param>
    /// <returns>The run being recorded (dispose it).</returns>
    /// <exception cref="LedgerException">The store cannot be written.</exception>
    LedgerRun StartRun(RunStart start);

    /// <summary>The runs, newest first.</summary>
    /// <param name="last">How many.</param>
    /// <returns>The runs, complete or not.</returns>
    IReadOnlyList<RunSummary> Runs(int last = 50);

    /// <summary>
    /// The tracking table (專案跟蹤表) of one opportunity: its assessment in every complete run, oldest first, each
    /// with its trend, the days in its stage, and what changed since the one before and why.
    /// </summary>
    /// <param name="opportunityId">The opportunity's id.</param>
    /// <returns>The history (no entry when the ledger has never assessed it in a complete run).</returns>
    OpportunityHistory History(string opportunityId);

    /// <summary>
    /// Compares a complete run with the last complete run of the same input before it, decision by decision (the
    /// same comparison as <see cref="PipelineDiffer"/>), reading both from the store in bounded memory.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="changesKept">How many changes to keep in the result (with the rules whose points moved).</param>
    /// <param name="onChange">Receives every change (with its rules) when given, e.g. to write them all.</param>
    /// <returns>The comparison, or <see langword="null"/> when there is no earlier complete run of the same input.</returns>
    LedgerDiff? CompareWithPrevious(long runId, int changesKept = 20, Action<OpportunityChange>? onChange = null);

    /// <summary>
    /// The latest assessment of every opportunity in the complete runs, with its trend and its strongest reasons, in
    /// the order of the opportunities' ids; read as they are enumerated (for exports).
    /// </summary>
    /// <returns>The latest assessments.</returns>
    IEnumerable<LatestAssessment> Latest();
}
