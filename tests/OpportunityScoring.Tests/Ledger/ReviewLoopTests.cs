using OpportunityScoring.Ledger;
using OpportunityScoring.Tests.Batch;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>The review loop's promises (plans, overrides, outcomes, the review), each proved on SQLite and on a real PostgreSQL server.</summary>
[Collection(LedgerStoresGroup.Name)]
public sealed class ReviewLoopTests(LedgerStores stores)
{
    public static TheoryData<string> Kinds => LedgerStoreTests.Kinds;

    private static readonly DateOnly Day = Build.AsOf;

    private static Opportunity NoBudget(string id) => Build.Strong(id) with { Budget = new BudgetEvidence { Status = BudgetStatus.Unknown } };

    private static void Run(IDecisionLedger ledger, string sha, DateOnly day, params Opportunity[] opportunities) =>
        LedgerStoreTests.Record(ledger, LedgerStoreTests.Start(sha, day), opportunities);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_write_is_a_new_entry_with_who_and_when_and_a_correction_never_deletes_the_entry_it_corrects(string kind)
    {
        var store = stores.New(kind);
        using var ledger = DecisionLedger.Open(store);
        Run(ledger, "r1", Day, NoBudget("OPP-1"));

        var action = ledger.PlanAction(new ActionDraft("OPP-1", "Ms Wang", Day.AddDays(7)) { What = "confirm the budget", EvidenceField = "budget.status", PlannedOn = Day }, "alice");
        ledger.MarkAction(action, ActionState.Done, Day.AddDays(3), "budget approved", "bob");
        var first = ledger.Override(new OverrideDraft("OPP-1", OverrideKind.Grade, "a", "board sponsor", "director Li") { ExpiresOn = Day.AddDays(30) }, "alice");
        ledger.WithdrawOverride(first, "sponsor left", "carol");
        ledger.RecordOutcomes([new OutcomeDraft("OPP-1", OutcomeResult.Won, Day.AddDays(40))], "dave");
        ledger.RecordOutcomes([new OutcomeDraft("OPP-1", OutcomeResult.Lost, Day.AddDays(41)) { Competitor = "Rival", FinalPrice = 9_000_000m }], "erin");

        Assert.Equal(2, LedgerStoreTests.Count(store, "SELECT count(*) FROM action_entries"));
        Assert.Equal(2, LedgerStoreTests.Count(store, "SELECT count(*) FROM overrides"));
        Assert.Equal(2, LedgerStoreTests.Count(store, "SELECT count(*) FROM outcomes"));
        Assert.Equal(0, LedgerStoreTests.Count(store, "SELECT count(*) FROM action_entries WHERE recorded_by = '' OR recorded_at IS NULL"));
        var reviewed = Assert.Single(ledger.Actions("OPP-1"));
        Assert.Equal((ActionState.Done, "bob", "budget approved", "alice"), (reviewed.State, reviewed.StateBy, reviewed.Note, reviewed.PlannedBy));
        var overridden = Assert.Single(ledger.OverridesOf("OPP-1"));
        Assert.Equal((OverrideState.Withdrawn, "A", "sponsor left", "alice"), (overridden.State, overridden.Value, overridden.WithdrawnBecause, overridden.RecordedBy));
        var outcomes = ledger.Outcomes("OPP-1");
        Assert.Equal([(OutcomeResult.Won, false, "dave"), (OutcomeResult.Lost, true, "erin")], outcomes.Select(o => (o.Result, o.Current, o.RecordedBy)));
        Assert.Equal(("Rival", 9_000_000m), (outcomes[1].Competitor, outcomes[1].FinalPrice));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void At_the_next_stored_run_an_action_is_judged_by_whether_its_evidence_moved_and_one_due_without_success_needs_a_remedy(string kind)
    {
        using var ledger = DecisionLedger.Open(stores.New(kind));
        Run(ledger, "r1", Day, NoBudget("OPP-1"));
        var budget = ledger.PlanAction(new ActionDraft("OPP-1", "Ms Wang", Day.AddDays(7)) { What = "confirm the budget", EvidenceField = "budget.status", PlannedOn = Day }, "alice");
        var chain = ledger.PlanAction(new ActionDraft("OPP-1", "Mr Zhao", Day.AddDays(5)) { What = "meet the procurement lead", EvidenceField = "decisionChain.stakeholders[2].coverage", PlannedOn = Day }, "alice");
        var visit = ledger.PlanAction(new ActionDraft("OPP-1", "Mr Zhao", Day.AddDays(30)) { What = "reference visit", EvidenceField = "competition.position", PlannedOn = Day }, "alice");

        Assert.All(ledger.Actions("OPP-1"), a => Assert.Equal(ActionResult.NotYetReviewed, a.Result));

        ledger.MarkAction(budget, ActionState.Done, Day.AddDays(6), null, "alice");
        ledger.MarkAction(visit, ActionState.Done, Day.AddDays(8), null, "alice");
        Run(ledger, "r2", Day.AddDays(10), Build.Strong("OPP-1"));
        var actions = ledger.Actions("OPP-1").ToDictionary(a => a.ActionId);

        Assert.Equal((ActionResult.Succeeded, true, false), (actions[budget].Result, actions[budget].EvidenceMoved, actions[budget].NeedsRemedy));
        Assert.True(actions[budget].ScoreAfter > actions[budget].ScoreBefore);
        Assert.Equal((ActionResult.Overdue, true), (actions[chain].Result, actions[chain].NeedsRemedy));
        Assert.Equal((ActionResult.NotSucceeded, false, true), (actions[visit].Result, actions[visit].EvidenceMoved, actions[visit].NeedsRemedy));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_action_taken_from_an_improvement_names_its_evidence_field_and_a_missing_improvement_is_refused_naming_it(string kind)
    {
        using var ledger = DecisionLedger.Open(stores.New(kind));
        var stored = ledger.StartRun(LedgerStoreTests.Start("r1", Day));
        var explainer = OpportunityScoring.Insights.Explainer.Scorer(OpportunityScoring.Rules.OpportunityRules.CreateScorer(), Texts.English);
        foreach (var item in new OpportunityScoring.Pipelines.BatchScorer(explainer).Score([new PipelineRecord(0, NoBudget("OPP-1"), [])], Day))
        {
            stored.Write(item);
        }

        stored.Complete();
        stored.Dispose();

        var id = ledger.PlanAction(new ActionDraft("OPP-1", "Ms Wang", Day.AddDays(7)) { FromImprovement = 1 }, "alice");

        var action = Assert.Single(ledger.Actions("OPP-1"));
        Assert.Equal(id, action.ActionId);
        Assert.Equal("budget.status", action.EvidenceField);
        Assert.False(string.IsNullOrWhiteSpace(action.What));
        var error = Assert.Throws<LedgerException>(() => ledger.PlanAction(new ActionDraft("OPP-1", "Ms Wang", Day) { FromImprovement = 99 }, "alice"));
        Assert.Contains("fromImprovement 99", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_override_stands_beside_the_engine_lapses_at_its_stage_and_is_re_raised_when_the_engine_decision_changes(string kind)
    {
        using var ledger = DecisionLedger.Open(stores.New(kind));
        var weak = NoBudget("OPP-1") with { Need = new NeedEvidence(), Competition = new CompetitionEvidence() };
        Run(ledger, "r1", Day, weak);
        var before = ledger.History("OPP-1").Entries[^1].Grade;
        var id = ledger.Override(new OverrideDraft("OPP-1", OverrideKind.Grade, "A", "strategic account", "director Li") { ExpiresAtStage = "tender" }, "alice");

        var active = Assert.Single(ledger.OverridesOf("OPP-1"));
        Assert.Equal((OverrideState.Active, before, before, "A"), (active.State, active.EngineThen, active.EngineNow, active.Value));

        Run(ledger, "r2", Day.AddDays(5), Build.Strong("OPP-1"));
        var after = ledger.History("OPP-1").Entries[^1].Grade;
        Assert.NotEqual(before, after);
        var reRaised = Assert.Single(ledger.OverridesOf("OPP-1"));
        Assert.Equal((id, OverrideState.ReRaised, after), (reRaised.OverrideId, reRaised.State, reRaised.EngineNow));

        Run(ledger, "r3", Day.AddDays(9), Build.Strong("OPP-1", Stage.Tender));
        Assert.Equal(OverrideState.Lapsed, Assert.Single(ledger.OverridesOf("OPP-1")).State);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_incomplete_draft_is_refused_naming_its_field_and_nothing_is_written(string kind)
    {
        var store = stores.New(kind);
        using var ledger = DecisionLedger.Open(store);
        Run(ledger, "r1", Day, NoBudget("OPP-1"));

        Assert.Contains("reason", Assert.Throws<LedgerException>(() => ledger.Override(new OverrideDraft("OPP-1", OverrideKind.Bid, "relationshipBid", " ", "Li") { ExpiresOn = Day }, "a")).Message, StringComparison.Ordinal);
        Assert.Contains("approvedBy", Assert.Throws<LedgerException>(() => ledger.Override(new OverrideDraft("OPP-1", OverrideKind.Bid, "relationshipBid", "why", "") { ExpiresOn = Day }, "a")).Message, StringComparison.Ordinal);
        Assert.Contains("expiry", Assert.Throws<LedgerException>(() => ledger.Override(new OverrideDraft("OPP-1", OverrideKind.Bid, "relationshipBid", "why", "Li"), "a")).Message, StringComparison.Ordinal);
        Assert.Contains("'maybe'", Assert.Throws<LedgerException>(() => ledger.Override(new OverrideDraft("OPP-1", OverrideKind.Bid, "maybe", "why", "Li") { ExpiresOn = Day }, "a")).Message, StringComparison.Ordinal);
        Assert.Contains("no assessment", Assert.Throws<LedgerException>(() => ledger.Override(new OverrideDraft("OPP-9", OverrideKind.Bid, "bid", "why", "Li") { ExpiresOn = Day }, "a")).Message, StringComparison.Ordinal);
        Assert.Contains("who made it", Assert.Throws<LedgerException>(() => ledger.PlanAction(new ActionDraft("OPP-1", "Wang", Day) { What = "x" }, " ")).Message, StringComparison.Ordinal);
        Assert.Contains("No action 42", Assert.Throws<LedgerException>(() => ledger.MarkAction(42, ActionState.Done, Day, null, "a")).Message, StringComparison.Ordinal);
        Assert.Contains("outcome 2", Assert.Throws<LedgerException>(() => ledger.RecordOutcomes([new OutcomeDraft("OPP-1", OutcomeResult.Won, Day), new OutcomeDraft("", OutcomeResult.Won, Day)], "a")).Message, StringComparison.Ordinal);

        Assert.Equal(0, LedgerStoreTests.Count(store, "SELECT count(*) FROM overrides") + LedgerStoreTests.Count(store, "SELECT count(*) FROM action_entries") + LedgerStoreTests.Count(store, "SELECT count(*) FROM outcomes"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_review_judges_each_close_by_the_last_assessment_before_it_and_never_by_one_made_after(string kind)
    {
        using var ledger = DecisionLedger.Open(stores.New(kind));
        var opportunities = TestData.Generated(300);
        Run(ledger, "r1", Day, [.. opportunities]);
        var grades = ledger.Latest().ToDictionary(l => l.OpportunityId, l => l.Grade);
        var close = Day.AddDays(20);
        ledger.RecordOutcomes(opportunities.Select((o, i) => new OutcomeDraft(o.Id, i % 3 == 0 ? OutcomeResult.Won : i % 7 == 0 ? OutcomeResult.NoBid : OutcomeResult.Lost, close)), "crm");
        // after the close: every opportunity strong and at the tender — must not leak into the review
        Run(ledger, "r2", close, [.. opportunities.Select(o => Build.Strong(o.Id, Stage.Tender))]);

        var review = ledger.Review();

        Assert.Equal((300, 0), (review.Closed, review.WithoutAssessment));
        var expected = opportunities.Select((o, i) => (Grade: grades[o.Id], Won: i % 3 == 0, Lost: i % 3 != 0 && i % 7 != 0)).GroupBy(x => x.Grade).OrderBy(g => g.Key, StringComparer.Ordinal);
        Assert.Equal(expected.Select(g => (g.Key, g.Count(x => x.Won), g.Count(x => x.Lost))), review.ByGrade.Select(r => (r.Group, r.Won, r.Lost)));
        Assert.DoesNotContain(review.ByStage, r => r.Group == "tender" && r.Closed == 300);
        Assert.Equal(review.ByGrade.Sum(r => r.Won + r.Lost), review.Reliability.Sum(b => b.Count));
        Assert.All(review.ByGrade.Where(r => r.WinRate is not null), r => Assert.InRange(r.WinRate!.Value, r.Low!.Value, r.High!.Value));
        Assert.Equal((300, 0), (ledger.Review(since: close).Closed, ledger.Review(since: close.AddDays(1)).Closed));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_override_in_force_at_the_close_is_judged_against_the_engine_by_the_outcome(string kind)
    {
        using var ledger = DecisionLedger.Open(stores.New(kind));
        var weak = NoBudget("OPP-1") with { Need = new NeedEvidence(), Competition = new CompetitionEvidence() };
        Run(ledger, "r1", Day, weak);
        var engine = ledger.History("OPP-1").Entries[^1].Grade;
        ledger.Override(new OverrideDraft("OPP-1", OverrideKind.Grade, "A", "strategic account", "director Li") { ExpiresOn = Day.AddDays(60) }, "alice");
        ledger.RecordOutcomes([new OutcomeDraft("OPP-1", OutcomeResult.Lost, Day.AddDays(30)) { Competitor = "Rival" }], "crm");

        var verdict = Assert.Single(ledger.Review().Overrides);

        Assert.Equal(("OPP-1", engine, "A", "director Li", OutcomeResult.Lost, "engine"), (verdict.OpportunityId, verdict.Engine, verdict.People, verdict.ApprovedBy, verdict.Result, verdict.Right));
    }

    [Fact]
    public void Who_was_right_follows_who_went_on_and_what_happened()
    {
        Assert.Equal("people", WinLossReviewer.Right(OverrideKind.Bid, "noBid", "relationshipBid", OutcomeResult.Won));
        Assert.Equal("engine", WinLossReviewer.Right(OverrideKind.Bid, "noBid", "bid", OutcomeResult.Lost));
        Assert.Equal("unknown", WinLossReviewer.Right(OverrideKind.Bid, "bid", "noBid", OutcomeResult.NoBid));
        Assert.Equal("people", WinLossReviewer.Right(OverrideKind.Grade, "A", "C", OutcomeResult.Lost));
        Assert.Equal("unknown", WinLossReviewer.Right(OverrideKind.Bid, "bid", "relationshipBid", OutcomeResult.Lost));
    }

    [Fact]
    public void The_wilson_interval_of_five_in_ten_is_the_textbook_one()
    {
        var (rate, low, high) = WinLossReviewer.Wilson(5, 10);
        Assert.Equal((0.5, 0.2366, 0.7634), (rate!.Value, Math.Round(low!.Value, 4), Math.Round(high!.Value, 4)));
        Assert.Equal((null, null, null), WinLossReviewer.Wilson(0, 0));
    }

    [Fact]
    public void Outcomes_are_read_from_a_csv_and_a_salesforce_export_and_a_bad_row_is_named_by_line_and_field()
    {
        var folder = Directory.CreateTempSubdirectory("outcomes-").FullName;
        var csv = Path.Combine(folder, "outcomes.csv");
        File.WriteAllText(csv, "opportunityId,result,closedOn,competitor,finalPrice\nOPP-1,lost,2027-02-01,Rival,9000000\nOPP-2,maybe,2027-02-01,,\nOPP-3,noBid,2027-02-3,,\n");
        var salesforce = Path.Combine(folder, "sf.csv");
        File.WriteAllText(salesforce, "Id,StageName,Amount,IsClosed,IsWon,CloseDate\n006A,Closed Won,500,1,1,2027-01-15\n006B,Closed Lost,700,true,false,2027-01-16T10:00:00.000+0000\n006C,Prospecting,100,0,0,2027-05-01\n");

        var fromCsv = OutcomeFiles.Read(csv, salesforce: false, out var csvErrors);
        var fromSalesforce = OutcomeFiles.Read(salesforce, salesforce: true, out var sfErrors);

        var lost = Assert.Single(fromCsv);
        Assert.Equal(("OPP-1", OutcomeResult.Lost, "Rival", 9_000_000m), (lost.OpportunityId, lost.Result, lost.Competitor, lost.FinalPrice));
        Assert.Equal(["line 3, result: 'maybe' is not won, lost, noBid or withdrawn", "line 4, closedOn: '2027-02-3' is not a day yyyy-MM-dd"], csvErrors);
        Assert.Empty(sfErrors);
        Assert.Equal([("006A", OutcomeResult.Won, (decimal?)500m), ("006B", OutcomeResult.Lost, null)], fromSalesforce.Select(o => (o.OpportunityId, o.Result, o.FinalPrice)));
        Assert.Contains("closedOn", Assert.Throws<LedgerException>(() => OutcomeFiles.Read(salesforce, salesforce: false, out _)).Message, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
