using System.Runtime.CompilerServices;
using NRules.RuleModel;
using OpportunityScoring.BidDecision;
using OpportunityScoring.Engine.Flat;
using OpportunityScoring.Grading;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Rules;

/// <summary>
/// The rule sets' small language (NRules' DSL extensions, as its ClaimsAdjudication sample writes <c>ctx.Warning(…)</c>):
/// each action a rule takes, written <c>ctx.Credit(…)</c>, <c>ctx.Flag(…)</c>, <c>ctx.KnockOut(…)</c>,
/// <c>ctx.GateMissing(…)</c>, <c>ctx.Fatal(…)</c>, goes to its slice's ledger under the rule's own name. A rule declares
/// only the facts it matches; the ledgers come from the session (<see cref="IContext.Resolve"/>).
/// </summary>
internal static class RuleActions
{
    // The fused engine's context is asked directly (a class check, then calls the JIT can inline) rather than through
    // IContext's interface calls: every action of every rule names its rule and resolves its ledger.
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // a call per action otherwise: the fused methods are small enough to take it
    private static GradeLedger Grading(IContext ctx) => (GradeLedger)(ctx is FusedRun run ? run.Resolve(typeof(GradeLedger)) : ctx.Resolve(typeof(GradeLedger)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static GateLedger Gate(IContext ctx) => (GateLedger)(ctx is FusedRun run ? run.Resolve(typeof(GateLedger)) : ctx.Resolve(typeof(GateLedger)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static BidLedger Bid(IContext ctx) => (BidLedger)(ctx is FusedRun run ? run.Resolve(typeof(BidLedger)) : ctx.Resolve(typeof(BidLedger)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static AssessmentLog Log(IContext ctx) => (AssessmentLog)(ctx is FusedRun run ? run.Resolve(typeof(AssessmentLog)) : ctx.Resolve(typeof(AssessmentLog)));

    /// <summary>The name of the rule firing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static string Name(IContext ctx) => ctx is FusedRun run ? run.RuleName : ctx.Rule.Name;

    // ---- grading ----------------------------------------------------------------------------------------------------

    /// <summary>Credits an evidence item: the answer found (in the contract's words), the credit the policy gives it, whether it is unknown.</summary>
    public static void Credit(this IContext ctx, Criterion criterion, string item, string answer, decimal credit, bool unknown) =>
        Grading(ctx).Credit(Name(ctx), criterion, item, answer, credit, unknown);

    /// <summary>Credits an evidence item whose answer is described by a catalogue message (e.g. "3 stakeholders mapped").</summary>
    [ExplanationSink]
    public static void Credit(this IContext ctx, Criterion criterion, string item, MessageText answer, decimal credit, bool unknown) =>
        Grading(ctx).Credit(Name(ctx), criterion, item, answer, credit, unknown);

    /// <summary>Credits an answer on its scale: its word, the policy's credit for it, unknown when it is unknown.</summary>
    public static void Credit(this IContext ctx, Criterion criterion, string item, Evidence answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <inheritdoc cref="Credit(IContext, Criterion, string, Evidence)"/>
    public static void Credit(this IContext ctx, Criterion criterion, string item, NeedLevel answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <inheritdoc cref="Credit(IContext, Criterion, string, Evidence)"/>
    public static void Credit(this IContext ctx, Criterion criterion, string item, BudgetStatus answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <inheritdoc cref="Credit(IContext, Criterion, string, Evidence)"/>
    public static void Credit(this IContext ctx, Criterion criterion, string item, PurchaseTimeframe answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <inheritdoc cref="Credit(IContext, Criterion, string, Evidence)"/>
    public static void Credit(this IContext ctx, Criterion criterion, string item, CompetitivePosition answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <inheritdoc cref="Credit(IContext, Criterion, string, Evidence)"/>
    public static void Credit(this IContext ctx, Criterion criterion, string item, BuyingCriteriaFavor answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <inheritdoc cref="Credit(IContext, Criterion, string, Evidence)"/>
    public static void Credit(this IContext ctx, Criterion criterion, string item, Incumbent answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <inheritdoc cref="Credit(IContext, Criterion, string, Evidence)"/>
    public static void Credit(this IContext ctx, Criterion criterion, string item, FutureInfluence answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <inheritdoc cref="Credit(IContext, Criterion, string, Evidence)"/>
    public static void Credit(this IContext ctx, Criterion criterion, string item, Stance answer) => Grading(ctx).Credit(Name(ctx), criterion, item, answer);

    /// <summary>Applies a knock-out with the catalogue's text for its code.</summary>
    public static void KnockOut(this IContext ctx, Criterion criterion, string code) => Grading(ctx).KnockOut(Name(ctx), criterion, code);

    /// <summary>Closes the score and inserts it for the band rules.</summary>
    public static void Total(this IContext ctx)
    {
        var grading = Grading(ctx);
        grading.Total(Name(ctx));
        ctx.Insert(new TotalScore(grading.Score));
    }

    /// <summary>Assigns the band's grade (capped by the knock-outs) and inserts it for the rules that need the grade.</summary>
    public static void AssignGrade(this IContext ctx, Grade band)
    {
        var grading = Grading(ctx);
        grading.AssignGrade(Name(ctx), band);
        ctx.Insert(new GradeAssigned(grading.Grade!.Value, grading.KnockOutCodes()));
    }

    /// <summary>Estimates the win probability with the policy's model, or states it once the tender's outcome is known (won 1, lost 0).</summary>
    public static void EstimateWinProbability(this IContext ctx, Opportunity opportunity) => Grading(ctx).EstimateWinProbability(Name(ctx), opportunity);

    // ---- the log: red flags, notes, missing evidence ---------------------------------------------------------------

    /// <summary>Raises a red flag with the catalogue's text for its code (<c>redFlag.{code}</c>).</summary>
    public static void Flag(this IContext ctx, Criterion? criterion, string code)
    {
        var log = Log(ctx);
        log.Flag(Name(ctx), criterion, code, log.Text("redFlag.", code));
    }

    /// <summary>Raises a red flag with its own message.</summary>
    [ExplanationSink]
    public static void Flag(this IContext ctx, Criterion? criterion, string code, MessageText message) => Log(ctx).Flag(Name(ctx), criterion, code, message);

    // ---- stage gates ------------------------------------------------------------------------------------------------

    /// <summary>Records evidence the stage's gate still needs, with the catalogue's text for its code.</summary>
    public static void GateMissing(this IContext ctx, string code) => Gate(ctx).Missing(Name(ctx), code);

    /// <summary>Records evidence the stage's gate still needs, with its own message.</summary>
    [ExplanationSink]
    public static void GateMissing(this IContext ctx, string code, MessageText message) => Gate(ctx).Missing(Name(ctx), code, message);

    /// <summary>
    /// Records evidence a stage's gate still needs on behalf of one of the requirements a stage's rule checks: the
    /// reason carries the requirement's own name, so each requirement is explained as itself.
    /// </summary>
    public static void GateMissing(this IContext ctx, string requirement, string code, MessageText message) => Gate(ctx).Missing(requirement, code, message);

    /// <summary>Records a reason the pursuit ends, with the catalogue's text for its code.</summary>
    public static void EndPursuit(this IContext ctx, string code) => Gate(ctx).End(Name(ctx), code);

    /// <summary>Records a reason the pursuit ends, with its own message.</summary>
    [ExplanationSink]
    public static void EndPursuit(this IContext ctx, string code, MessageText message) => Gate(ctx).End(Name(ctx), code, message);

    /// <summary>Decides the gate of the current stage.</summary>
    public static void DecideGate(this IContext ctx) => Gate(ctx).Decide(Name(ctx));

    // ---- the bid ------------------------------------------------------------------------------------------------------

    /// <summary>Records a fatal factor with the catalogue's text for its code.</summary>
    [ExplanationSink]
    public static void Fatal(this IContext ctx, string code, FactorValue threshold, FactorValue actual) => Bid(ctx).Fatal(Name(ctx), code, threshold, actual);

    /// <summary>Records a fatal factor with its own message.</summary>
    [ExplanationSink]
    public static void Fatal(this IContext ctx, string code, MessageText message, FactorValue threshold, FactorValue actual) =>
        Bid(ctx).Fatal(Name(ctx), code, message, threshold, actual);

    /// <summary>Records a reason to review the bid, with the catalogue's text for its code.</summary>
    public static void ReviewBid(this IContext ctx, string code) => Bid(ctx).Review(Name(ctx), code);

    /// <summary>Records a reason to review the bid, with its own message.</summary>
    [ExplanationSink]
    public static void ReviewBid(this IContext ctx, string code, MessageText message) => Bid(ctx).Review(Name(ctx), code, message);

    /// <summary>Records the cost risk and inserts it for the rules that weigh it.</summary>
    public static void SetCostRisk(this IContext ctx, CostRisk risk)
    {
        Bid(ctx).SetCostRisk(Name(ctx), risk);
        ctx.Insert(risk);
    }

    /// <summary>Computes and records the bid economics with the win probability estimated.</summary>
    public static void SetEconomics(this IContext ctx, Opportunity opportunity) =>
        Bid(ctx).SetEconomics(Name(ctx), Figures.Economics(opportunity, Grading(ctx).WinProbability!.Value));

    /// <summary>Records that a relationship bid's conditions hold (it replaces a no-bid whose only fatal factor is the buying criteria against us).</summary>
    public static void OpenRelationshipBid(this IContext ctx) => Bid(ctx).OpenRelationshipBid(Name(ctx));

    /// <summary>Decides the bid and inserts the decision for the rules that follow it (the gates: a no-bid defers or ends them).</summary>
    public static void DecideBid(this IContext ctx, Opportunity opportunity) =>
        ctx.Insert(Bid(ctx).Decide(Name(ctx), opportunity.GrossMargin, Figures.NetMargin(opportunity)));
}
