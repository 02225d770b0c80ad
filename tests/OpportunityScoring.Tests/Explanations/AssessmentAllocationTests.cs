using OpportunityScoring.Grading;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;
using OpportunityScoring.Testing;

namespace OpportunityScoring.Tests.Explanations;

/// <summary>
/// What an explained assessment no longer allocates (issue 26, ninth round) must not change what it says: the reasons and
/// the missing evidence are recorded in the thread's arrays and copied out once (an assessment never holds the thread's
/// array, and the log refuses to hand them out twice); an unknown answer's credit is shared whatever the answer; a note
/// whose message repeats shares its reason, and a message made for one assessment is never held by the table.
/// </summary>
public sealed class AssessmentAllocationTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    [Fact]
    public void Assessments_scored_one_after_another_on_one_thread_keep_their_own_lists_and_say_what_they_said()
    {
        var scorer = OpportunityRules.CreateScorer();
        var pipeline = new PipelineGenerator(20270110, AsOf).Generate(256).ToArray();
        var first = pipeline.Select(o => scorer.Score(o, AsOf)).ToArray();
        var json = first.Select(a => System.Text.Json.JsonSerializer.Serialize(a, ContractJson.Options)).ToArray();
        var again = pipeline.Select(o => scorer.Score(o, AsOf)).ToArray(); // the same thread's arrays, reused

        for (var i = 0; i < first.Length; i++)
        {
            Assert.Equal(json[i], System.Text.Json.JsonSerializer.Serialize(first[i], ContractJson.Options));
            Assert.Equal(json[i], System.Text.Json.JsonSerializer.Serialize(again[i], ContractJson.Options));
            Assert.NotSame(first[i].Reasons, again[i].Reasons);
            Assert.All(first[i].Reasons, Assert.NotNull);
            Assert.All(first[i].MissingEvidence, Assert.NotNull);
            Assert.All(first[i].Gate.Missing, Assert.NotNull);
        }
    }

    [Fact]
    public void A_log_hands_out_its_reasons_and_its_missing_evidence_once_and_refuses_a_second_time()
    {
        var log = new AssessmentLog(explains: true);
        log.Add(new Reason("b", Criterion.Need, 1m, MessageText.Omitted));
        log.Add(new Reason("a", Criterion.Need, 2m, MessageText.Omitted));
        log.Missing("budget.status", MessageText.Omitted);
        Assert.Equal(["a", "b"], log.SortedReasons().Select(r => r.Rule));
        Assert.Single(log.SortedMissing(GradingCodes.FieldOrder));
        Assert.Throws<InvalidOperationException>(() => log.SortedReasons());
        Assert.Throws<InvalidOperationException>(() => log.SortedMissing(GradingCodes.FieldOrder));
    }

    [Fact]
    public void More_reasons_than_the_threads_array_holds_are_all_kept_in_their_order()
    {
        var log = new AssessmentLog(explains: true);
        var rules = Enumerable.Range(0, 200).Select(i => $"r{i:D3}").ToArray();
        foreach (var rule in rules.Reverse())
        {
            log.Add(new Reason(rule, Criterion.Budget, 0m, MessageText.Omitted));
        }

        Assert.Equal(rules, log.SortedReasons().Select(r => r.Rule));
    }

    [Fact]
    public void An_unknown_credit_is_shared_whatever_the_answer_and_says_what_a_reason_built_afresh_says()
    {
        var item = new EvidenceItem("budget.status", GradingCodes.ItemText("budget.status"), 0.35m, 10.5m);
        var first = CreditReasons.ReasonOf("r", Criterion.Budget, item, MessageText.Literal("58%"), 0.25m, unknown: true);
        var second = CreditReasons.ReasonOf("r", Criterion.Budget, item, MessageText.Literal("61%"), 0.25m, unknown: true);
        Assert.Same(first, second);
        var points = item.Max * 0.25m;
        var afresh = MessageText.Of("reason.credit.unknown", item.Name, 0.25m * 100m, item.Max, Numbers.Normalize(Math.Round(points, 2, MidpointRounding.AwayFromZero)));
        Assert.Equal(afresh.ToString(), first.Message);
        Assert.Equal(Numbers.Normalize(points), first.Points);

        var known = CreditReasons.ReasonOf("r", Criterion.Budget, item, MessageText.Literal("58%"), 0.25m, unknown: false);
        Assert.NotSame(first, known);
        Assert.Contains("58%", known.Message);
    }

    [Fact]
    public void A_repeated_note_shares_its_reason_and_another_rule_or_criterion_gets_its_own()
    {
        var text = MessageText.Name("redFlag.", "noCoach");
        var reasons = Enumerable.Range(0, 3).Select(_ => SharedNotes.Of("Grading.DecisionChain.NoCoach", Criterion.DecisionChain, text)).ToArray();
        Assert.Same(reasons[1], reasons[2]); // kept on its second sighting
        Assert.All(reasons, r => Assert.Equal(new Reason("Grading.DecisionChain.NoCoach", Criterion.DecisionChain, 0m, text), r));

        var otherRule = SharedNotes.Of("Grading.DecisionChain.Other", Criterion.DecisionChain, text);
        Assert.Equal("Grading.DecisionChain.Other", otherRule.Rule);
        var otherCriterion = SharedNotes.Of("Grading.DecisionChain.NoCoach", null, text);
        Assert.Null(otherCriterion.Criterion);
        Assert.Same(reasons[2], SharedNotes.Of("Grading.DecisionChain.NoCoach", Criterion.DecisionChain, text));
    }

    [Fact]
    public void A_note_with_a_message_made_for_one_assessment_keeps_nothing_alive()
    {
        var message = NoteOnce();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(message.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference NoteOnce()
    {
        var message = MessageText.Of("reason.band", 73.5m, "B", 60m, 80m);
        _ = SharedNotes.Of("Grading.Band.B", null, message);
        return new WeakReference(message);
    }

    [Fact]
    public void The_gate_advancing_says_what_a_message_built_afresh_says_in_every_stage()
    {
        foreach (var stage in Enum.GetValues<Stage>().Where(s => s != Stage.Closed))
        {
            var log = new AssessmentLog(explains: true);
            var gate = new GateLedger(stage, log);
            gate.Decide("Gate.Decide");
            Assert.Equal(GateOutcome.Advance, gate.Result!.Outcome);
            var afresh = MessageText.Of("reason.gate.advance", MessageText.Word(stage), MessageText.Word(GateCodes.NextStage(stage)));
            var reason = Assert.Single(log.SortedReasons());
            foreach (var texts in new[] { Texts.English, Texts.ForLanguage("zh-Hant") })
            {
                Assert.Equal(afresh.Render(texts), reason.Text.Render(texts));
            }
        }
    }
    [Fact]
    public void A_repeated_red_flag_is_shared_and_says_what_a_flag_built_afresh_says_with_or_without_explanations()
    {
        var text = MessageText.Name("redFlag.", "noCoach");
        foreach (var message in new[] { text, MessageText.Omitted })
        {
            var flags = Enumerable.Range(0, 3).Select(_ => SharedNotes.Flag("noCoach", message, "Grading.DecisionChain.NoCoach")).ToArray();
            Assert.Same(flags[1], flags[2]);
            Assert.All(flags, f => Assert.Equal(new RedFlag("noCoach", message, "Grading.DecisionChain.NoCoach"), f));
            Assert.Equal("otherCode", SharedNotes.Flag("otherCode", message, "Grading.DecisionChain.NoCoach").Code);
            Assert.Equal("Other.Rule", SharedNotes.Flag("noCoach", message, "Other.Rule").Rule);
        }
    }

    [Fact]
    public void The_scorecard_gives_its_ledgers_in_the_order_of_their_types()
    {
        var policy = OpportunityRules.DefaultPolicy;
        var o = new PipelineGenerator(7, AsOf).Generate(1).Single();
        var card = new OpportunityScoring.Engine.Scorecard(o, policy, AsOf);
        Assert.Equal(OpportunityScoring.Engine.Scorecard.LedgerTypes, card.Ledgers.Select(l => l.GetType()));
        Assert.NotSame(card.Ledgers, card.Ledgers);
    }
    [Fact]
    public void The_red_flags_copied_out_once_serve_both_the_assessment_and_the_decisions_and_a_later_flag_is_refused()
    {
        var log = new AssessmentLog(explains: true);
        log.Flag("r1", null, "staleStage", MessageText.Omitted);
        log.Flag("r2", null, "behindCustomer", MessageText.Omitted);
        Assert.Equal(2, log.RedFlags.Length); // the win probability reads them while the rules fire
        var first = log.SortedRedFlags();
        Assert.Equal(["behindCustomer", "staleStage"], first.Select(f => f.Code));
        var second = log.SortedRedFlags();
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(["behindCustomer", "staleStage"], log.SortedRedFlagCodes());
        Assert.Throws<InvalidOperationException>(() => log.Flag("r3", null, "noCoach", MessageText.Omitted));
    }
    [Fact]
    public void A_counted_answers_credit_is_shared_by_its_code_and_count_and_says_what_a_reason_built_afresh_says()
    {
        var item = new EvidenceItem("decisionChain.breadth", GradingCodes.ItemText("decisionChain.breadth"), 0.2m, 6m);
        var three = CreditReasons.ReasonOf("r", Criterion.DecisionChain, item, MessageText.Of("answer.stakeholdersMapped", 3), 0.5m, unknown: false);
        var again = CreditReasons.ReasonOf("r", Criterion.DecisionChain, item, MessageText.Of("answer.stakeholdersMapped", 3), 0.5m, unknown: false);
        Assert.Same(three, again);
        var points = item.Max * 0.5m;
        var afresh = MessageText.Of("reason.credit", item.Name, MessageText.Of("answer.stakeholdersMapped", 3), 0.5m * 100m, item.Max, Numbers.Normalize(Math.Round(points, 2, MidpointRounding.AwayFromZero)));
        foreach (var texts in new[] { Texts.English, Texts.ForLanguage("zh-Hant") })
        {
            Assert.Equal(afresh.Render(texts), three.Text.Render(texts));
        }

        var four = CreditReasons.ReasonOf("r", Criterion.DecisionChain, item, MessageText.Of("answer.stakeholdersMapped", 4), 0.5m, unknown: false);
        Assert.NotSame(three, four);
        Assert.Contains("4", four.Message);
        Assert.NotSame(three, CreditReasons.ReasonOf("r", Criterion.DecisionChain, item, MessageText.Of("answer.stakeholdersMapped", 3), 0.75m, unknown: false));
        Assert.Equal("other", CreditReasons.ReasonOf("other", Criterion.DecisionChain, item, MessageText.Of("answer.stakeholdersMapped", 3), 0.5m, unknown: false).Rule);
    }
}
