using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpportunityScoring.Engine;
using OpportunityScoring.Engine.Flat;
using OpportunityScoring.Rules;
using OpportunityScoring.StageGates;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Consistency;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Properties;

/// <summary>
/// The reasons of an explained assessment are ordered by criterion (the rules that decide last), then by rule name in
/// ordinal order, equal names in firing order. The fused engine gives each reason recorded in the name of the rule firing
/// that rule's rank in the ordinal order of the rule set's names, and the log then sorts by integers (issue 26, seventh
/// round): the order must be exactly the name sort's — with names sharing long prefixes, equal names, reasons recorded in
/// another rule's name (unranked: the names are compared) and reasons recorded outside any rule.
/// </summary>
public sealed class ReasonRankTests
{
    /// <summary>Rule names as the rule sets write them: long shared prefixes, one a prefix of another, case differences.</summary>
    private static readonly string[] Pool =
    [
        "Grading.Need.Pain", "Grading.Need.PainLevel", "Grading.Need", "Grading.Budget.Status", "Grading.budget.Status",
        "Grading.DecisionChain.Coach", "Grading.DecisionChain.Coach2", "Grading.DecisionChain.EconomicBuyer", "Bid.Decide",
        "Gate.Decide", "Gate.Implementation.ProjectClosedOut", "A", "Z", "組織.決策鏈",
    ];

    /// <summary>What the log stood for before the ranks: the criteria in their order (none last), then the names in ordinal order, stably.</summary>
    private static List<Reason> ByName(IEnumerable<Reason> reasons) =>
        [.. reasons.OrderBy(r => r.Criterion is { } c ? (int)c : int.MaxValue).ThenBy(r => r.Rule, StringComparer.Ordinal)];

    /// <summary>
    /// One recorded reason: the rule firing (an index into the rule set, or -1 for none), the name the reason is recorded
    /// in (the firing rule's, or another from the pool) and its criterion (-1 for none).
    /// </summary>
    private sealed record Recorded(int Firing, int OtherName, int Criterion);

    private static Gen<Recorded> Records(int rules, bool ranked) =>
        from firing in ranked ? Gen.Choose(0, rules - 1) : Gen.Choose(-1, rules - 1)
        from other in ranked ? Gen.Constant(-1) : Gen.Choose(-1, Pool.Length - 1)
        from criterion in Gen.Choose(-1, (int)Criterion.GrossMargin)
        select new Recorded(firing, other, criterion);

    /// <summary>A rule set: the pool's names in some firing order, some of them twice.</summary>
    private static Gen<string[]> RuleSets =>
        from names in Gen.Shuffle(Pool)
        from take in Gen.Choose(1, Pool.Length)
        from twice in Gen.Choose(0, 3)
        select names.Take(take).Concat(names.Take(Math.Min(twice, take))).ToArray();

    /// <summary>Records the reasons through a log attached to a cursor over the rule set; answers the log and the reasons in recording order.</summary>
    private static (AssessmentLog Log, List<Reason> Reasons) Record(RuleRanks ranks, IEnumerable<Recorded> records)
    {
        var log = new AssessmentLog(explains: true);
        var cursor = new Cursor(ranks);
        log.RankBy(cursor);
        var reasons = new List<Reason>();
        var points = 0m;
        foreach (var r in records)
        {
            cursor.CurrentIndex = r.Firing;
            var name = r.OtherName >= 0 ? Pool[r.OtherName] : r.Firing >= 0 ? ranks.Names[r.Firing] : "Outside";
            var reason = new Reason(name, r.Criterion < 0 ? null : (Criterion)r.Criterion, points++, MessageText.Omitted);
            log.Add(reason);
            reasons.Add(reason);
        }

        log.RankBy(null);
        return (log, reasons);
    }

    private static bool SameOrder(RuleRanks ranks, IEnumerable<Recorded> records)
    {
        var (log, reasons) = Record(ranks, records);
        var sorted = log.SortedReasons();
        return sorted.Length == reasons.Count && sorted.Zip(ByName(reasons)).All(p => ReferenceEquals(p.First, p.Second));
    }

    [Property(MaxTest = 2_000)]
    public Property Reasons_of_ranked_rules_sort_by_rank_exactly_as_by_name_equal_names_in_firing_order() =>
        Prop.ForAll(
            (from names in RuleSets from records in Gen.ListOf(Records(names.Length, ranked: true)) select (names, records)).ToArbitrary(),
            t =>
            {
                var ranks = new RuleRanks(t.names);
                var (log, _) = Record(ranks, t.records);
                return (t.records.Count == 0 || log.SortedByRank) && SameOrder(ranks, t.records);
            });

    [Property(MaxTest = 2_000)]
    public Property Reasons_recorded_in_another_rules_name_or_outside_a_rule_sort_as_by_name_beside_ranked_ones() =>
        Prop.ForAll(
            (from names in RuleSets from records in Gen.ListOf(Records(names.Length, ranked: false)) select (names, records)).ToArbitrary(),
            t => SameOrder(new RuleRanks(t.names), t.records));

    [Fact]
    public void Ranks_order_as_the_names_do_in_ordinal_order_equal_names_share_a_rank_and_learned_names_fall_between()
    {
        var ranks = new RuleRanks(["b", "B", "a.b", "a", "b", "ab"]);
        var table = ranks.Table;
        Assert.Equal([4, 0, 2, 1, 4, 3], table.Ranks);
        Assert.Equal(4, table.RankOf(ranks.Names, 0, "b"));
        Assert.Equal(-1, table.RankOf(ranks.Names, 0, "B")); // another rule's name, not learned: not ranked
        Assert.Equal(-1, table.RankOf(ranks.Names, -1, "b")); // no rule firing, not learned
        Assert.Equal(-1, table.RankOf(ranks.Names, 6, "b"));

        ranks.Learn("a.a");
        ranks.Learn("b");
        var learned = ranks.Table;
        Assert.NotSame(table, learned);
        Assert.Equal([5, 0, 3, 1, 5, 4], learned.Ranks);
        Assert.Equal(2, learned.RankOf(ranks.Names, 0, "a.a"));
        Assert.Equal(5, learned.RankOf(ranks.Names, -1, "b")); // outside a rule: the learned name's rank, the rule's
        ranks.Learn("a.a");
        Assert.Same(learned, ranks.Table); // a name known: no new table
    }

    [Fact]
    public void A_reason_in_an_unknown_name_is_compared_by_name_and_the_next_assessments_rank_it()
    {
        var ranks = new RuleRanks(["Gate.Tender.Requirements", "Bid.Decide"]);
        Recorded[] records = [new(0, 10, -1), new(1, -1, -1), new(0, -1, -1)]; // "Gate.Implementation.ProjectClosedOut" while the tender's rule fires
        var (first, _) = Record(ranks, records);
        Assert.False(first.SortedByRank);
        Assert.True(SameOrder(ranks, records));
        var (next, _) = Record(ranks, records);
        Assert.True(next.SortedByRank);
        Assert.True(SameOrder(ranks, records));
    }

    [Fact]
    public void Reversed_ranks_would_give_another_order_than_the_names_so_the_properties_can_fail()
    {
        var ranks = new RuleRanks(["Grading.Need.Pain", "Grading.Need.Budget", "Grading.Need.Ask"]);
        Array.Reverse(ranks.Table.Ranks); // a wrong rank table: the mutation the properties must catch
        Recorded[] records = [new(0, -1, 0), new(1, -1, 0), new(2, -1, 0)];
        Assert.False(SameOrder(ranks, records));
        Assert.True(SameOrder(new RuleRanks(["Grading.Need.Pain", "Grading.Need.Budget", "Grading.Need.Ask"]), records));
    }

    [Fact]
    public void A_log_with_no_cursor_or_a_cursor_without_ranks_ranks_nothing_and_sorts_by_name()
    {
        var log = new AssessmentLog(explains: true);
        log.RankBy(new Cursor(null));
        log.Add(new Reason("b", Criterion.Need, 1m, MessageText.Omitted));
        log.Add(new Reason("a", Criterion.Need, 2m, MessageText.Omitted));
        Assert.False(log.SortedByRank);
        Assert.Equal(["a", "b"], log.SortedReasons().Select(r => r.Rule));
        Assert.Empty(new AssessmentLog(explains: true).SortedReasons());
    }

    [Fact]
    public void The_fused_engine_ranks_every_reason_of_the_generated_pipelines_from_the_first_assessment_and_gives_the_flat_engines_assessments()
    {
        var (ranked, count) = RankedAssessments(OpportunityRules.RuleSets.ReasonNames, passes: 1);
        Assert.NotEmpty(OpportunityRules.RuleSets.ReasonNames);
        Assert.True(ranked[0] == count, $"{count - ranked[0]} of {count} assessments had a reason without a rank");
    }

    [Fact]
    public void Without_the_gate_requirements_names_declared_the_fused_engine_learns_them_and_ranks_every_reason_the_second_time()
    {
        var (ranked, count) = RankedAssessments([], passes: 2);
        Assert.True(ranked[0] < count, "the first pass found no name to learn"); // the gate requirements' reasons were compared by name
        Assert.True(ranked[1] == count, $"{count - ranked[1]} of {count} assessments had a reason without a rank after learning");
    }

    [Fact]
    public void The_flat_engine_ranks_every_reason_of_the_generated_pipelines_from_the_first_assessment_and_gives_the_rete_engines_assessments()
    {
        var rete = OpportunityRules.CreateScorer(engine: ScoringEngine.Rete); // sorts the reasons by name
        var policy = OpportunityRules.DefaultPolicy;
        var flat = FlatRuleSet.Compile(rete.RuleSets.Rules, new Dictionary<Type, object> { [typeof(MessageText)] = MessageText.Omitted }, OpportunityRules.RuleSets.ReasonNames).RuleSet!;
        var opportunities = new PipelineGenerator(27, Build.AsOf).Generate(300).Concat(ReferenceDifferentialTests.EdgeCases()).ToList();
        var ranked = 0;
        var failures = new List<string>();
        foreach (var o in opportunities)
        {
            var card = new Scorecard(o, policy, Build.AsOf, ScoringDetail.Full);
            flat.Run([o, policy.Grading, policy.Gates, policy.Bid, new AssessmentDate(Build.AsOf)], card.Ledgers, explanations: true);
            ranked += card.ReasonsRanked ? 1 : 0;
            var json = System.Text.Json.JsonSerializer.Serialize(card.ToAssessment(), ContractJson.Options);
            if (json != System.Text.Json.JsonSerializer.Serialize(rete.Score(o, Build.AsOf), ContractJson.Options))
            {
                failures.Add(o.Id);
            }
        }

        Assert.Empty(failures);
        Assert.True(ranked == opportunities.Count, $"{opportunities.Count - ranked} of {opportunities.Count} assessments had a reason without a rank");
    }

    /// <summary>
    /// Scores the generated pipelines with a freshly fused rule set (nothing learned before), <paramref name="passes"/>
    /// times; every assessment must equal the flat engine's. Answers per pass how many were sorted by rank.
    /// </summary>
    private static (int[] Ranked, int Count) RankedAssessments(IReadOnlyList<string> reasonNames, int passes)
    {
        var compiled = OpportunityRules.CreateScorer(engine: ScoringEngine.Compiled);
        var policy = OpportunityRules.DefaultPolicy;
        var fused = FusedRuleSet.Compile(compiled.RuleSets.Flat.RuleSet!, [policy.Grading, policy.Gates, policy.Bid],
            [typeof(Opportunity), typeof(AssessmentDate)], reasonNames: reasonNames);
        var opportunities = new PipelineGenerator(26, Build.AsOf).Generate(400).Concat(ReferenceDifferentialTests.EdgeCases()).ToList();
        var ranked = new int[passes];
        var failures = new List<string>();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var o in opportunities)
            {
                var card = new Scorecard(o, policy, Build.AsOf, ScoringDetail.Full);
                fused.Run([o, policy.Grading, policy.Gates, policy.Bid, new AssessmentDate(Build.AsOf)], card.Ledgers, explanations: true);
                ranked[pass] += card.ReasonsRanked ? 1 : 0;
                var json = System.Text.Json.JsonSerializer.Serialize(card.ToAssessment(), ContractJson.Options);
                if (json != System.Text.Json.JsonSerializer.Serialize(compiled.Score(o, Build.AsOf), ContractJson.Options))
                {
                    failures.Add(o.Id);
                }
            }
        }

        Assert.Empty(failures);
        return (ranked, opportunities.Count);
    }

    private sealed class Cursor(RuleRanks? ranks) : RuleCursor(ranks);
}
