using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpportunityScoring.Accounts;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Properties;

/// <summary>
/// The account grade's invariants (issue 19), over generated figures and opportunities (FsCheck): monotone in each of
/// its inputs, independent of the order of its opportunities and records, and never a service miss without records.
/// </summary>
[Properties(Arbitrary = [typeof(ScoringArbitraries)], MaxTest = 500, QuietOnSuccess = true)]
public sealed class AccountProperties
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);
    private static readonly AccountScorer Scorer = OpportunityRules.CreateAccountScorer();

    /// <summary>Known figures of every input, from generated numbers (each within its range).</summary>
    private static readonly Gen<AccountFacts> FactsGen =
        from revenue in Gen.Choose(0, 30_000).Select(x => x * 1000m)
        from weighted in Gen.Choose(0, 15_000).Select(x => x * 1000m)
        from orders in Gen.Choose(0, 8_000).Select(x => x * 1000m)
        from share in Gen.Choose(0, 100).Select(x => x / 100m)
        from plan in Gen.Elements(Evidence.No, Evidence.Partial, Evidence.Yes)
        from months in Gen.Choose(0, 24)
        from status in Gen.Elements(RelationshipStatus.Strained, RelationshipStatus.Steady, RelationshipStatus.Strong)
        from champions in Gen.Choose(0, 5)
        from fit in Gen.Choose(0, 100).Select(x => x / 100m)
        from acceptances in Gen.Choose(1, 6)
        from passed in Gen.Choose(0, 6)
        from satisfaction in Gen.Choose(700, 1000).Select(x => x / 10m)
        from complaints in Gen.Choose(0, 4)
        from openSerious in Gen.Choose(0, 2)
        from due in Gen.Choose(1, 6)
        from onTime in Gen.Choose(0, 6)
        from late in Gen.Choose(0, 200)
        select new AccountFacts
        {
            Id = "ACC", AsOf = AsOf, HasRecord = true, Revenue = revenue, WeightedPipeline = weighted, OpenPipeline = weighted * 2,
            FollowOnOrders = orders, ShareOfWallet = share, SeniorPlan = plan, MonthsSinceSeniorVisit = months, Status = status,
            Champions = champions, StrategicFit = fit, Acceptances = acceptances, AcceptancesPassed = Math.Min(passed, acceptances),
            Satisfaction = satisfaction, Complaints = complaints, OpenSeriousComplaints = Math.Min(openSerious, complaints),
            PaymentsDue = due, PaymentsOnTime = Math.Min(onTime, due), MaxDaysLate = onTime >= due ? 0 : late,
        };

    /// <summary>Each input made better by a step (the others kept): the name, and the better figures.</summary>
    private static IEnumerable<(string Input, AccountFacts Better)> Improvements(AccountFacts f, int step) =>
    [
        ("revenue", f with { Revenue = f.Revenue + (step * 500_000m) }),
        ("weightedPipeline", f with { WeightedPipeline = f.WeightedPipeline + (step * 300_000m) }),
        ("followOnOrders", f with { FollowOnOrders = f.FollowOnOrders + (step * 250_000m) }),
        ("shareOfWallet", f with { ShareOfWallet = Math.Min(1m, f.ShareOfWallet!.Value + (step / 20m)) }),
        ("seniorPlan", f with { SeniorPlan = f.SeniorPlan == Evidence.No ? Evidence.Partial : Evidence.Yes }),
        ("seniorVisit", f with { MonthsSinceSeniorVisit = Math.Max(0, f.MonthsSinceSeniorVisit!.Value - step) }),
        ("relationshipStatus", f with { Status = f.Status == RelationshipStatus.Strained ? RelationshipStatus.Steady : RelationshipStatus.Strong }),
        ("champions", f with { Champions = f.Champions + step }),
        ("strategicFit", f with { StrategicFit = Math.Min(1m, f.StrategicFit!.Value + (step / 10m)) }),
        ("acceptance", f with { AcceptancesPassed = Math.Min(f.Acceptances!.Value, f.AcceptancesPassed + step) }),
        ("satisfaction", f with { Satisfaction = Math.Min(100m, f.Satisfaction!.Value + step) }),
        ("complaints", f with { Complaints = Math.Max(0, f.Complaints!.Value - step), OpenSeriousComplaints = Math.Min(f.OpenSeriousComplaints, Math.Max(0, f.Complaints!.Value - step)) }),
        ("seriousComplaintClosed", f with { OpenSeriousComplaints = Math.Max(0, f.OpenSeriousComplaints - step) }),
        ("payments", f with { PaymentsOnTime = Math.Min(f.PaymentsDue!.Value, f.PaymentsOnTime + step), MaxDaysLate = Math.Min(f.PaymentsDue!.Value, f.PaymentsOnTime + step) == f.PaymentsDue ? 0 : f.MaxDaysLate }),
        ("daysLate", f with { MaxDaysLate = Math.Max(0, f.MaxDaysLate - (step * 30)) }),
    ];

    [Property]
    public Property The_account_grade_and_score_never_fall_when_any_one_input_gets_better()
    {
        return Prop.ForAll(FactsGen.ToArbitrary(), Gen.Choose(1, 5).ToArbitrary(), (f, step) =>
        {
            var before = Scorer.Grade(f);
            var worse = Improvements(f, step)
                .Select(x => (x.Input, After: Scorer.Grade(x.Better)))
                .Where(x => x.After.Score < before.Score || x.After.Grade > before.Grade)
                .Select(x => $"{x.Input}: {before.Score} {before.Grade} → {x.After.Score} {x.After.Grade}")
                .ToList();
            return (worse.Count == 0).Label(string.Join("; ", worse));
        });
    }

    [Property]
    public Property The_score_is_the_sum_of_the_credits_within_0_and_100_and_the_grade_is_the_band_capped_by_the_knock_outs()
    {
        var policy = OpportunityRules.DefaultPolicy.Accounts!;
        return Prop.ForAll(FactsGen.ToArbitrary(), f =>
        {
            var a = Scorer.Grade(f);
            var expected = a.KnockOuts.Select(k => k.Cap).Append(policy.GradeOf(a.Score)).Max();
            return (a.Score == a.Credits.Sum(c => c.Points) && a.Score is >= 0 and <= 100 && a.Grade == expected)
                .Label($"score {a.Score}, sum {a.Credits.Sum(c => c.Points)}, grade {a.Grade}, expected {expected}");
        });
    }

    [Property]
    public Property An_account_with_no_service_records_is_never_graded_as_missing_its_targets()
    {
        return Prop.ForAll(FactsGen.ToArbitrary(), f =>
        {
            var none = f with { Acceptances = null, AcceptancesPassed = 0, Satisfaction = null, Complaints = null, OpenSeriousComplaints = 0, PaymentsDue = null, PaymentsOnTime = 0, MaxDaysLate = 0 };
            var a = Scorer.Grade(none);
            var service = a.Credits.Where(c => c.Dimension == AccountCodes.Dimension.Service).ToList();
            return (a.Health == ServiceHealth.Unknown
                    && a.RedFlags.All(r => r.Target == AccountCodes.Item.SeniorVisit)
                    && a.KnockOuts.All(k => k.Code == "strainedRelationship")
                    && service.Count == 4 && service.All(c => c.Points > 0 && c.Figure is null))
                .Label($"health {a.Health}, flags [{string.Join(",", a.RedFlags.Select(r => r.Target))}], knock-outs [{string.Join(",", a.KnockOuts.Select(k => k.Code))}]");
        });
    }

    [Property]
    public Property The_compiled_account_rules_and_Rete_sessions_give_identical_assessments()
    {
        var rete = new AccountScorer(Scorer.Policy, OpportunityRules.DefaultPolicy.Accounts!, Scorer.Rules) { UseRete = true };
        Assert.True(Scorer.IsCompiled, "every account rule compiles flat");
        return Prop.ForAll(FactsGen.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (f, noService) =>
        {
            var facts = noService ? f with { Acceptances = null, Satisfaction = null, Complaints = null, PaymentsDue = null, FollowOnOrders = null, ShareOfWallet = null, MonthsSinceSeniorVisit = null } : f;
            var a = Scorer.Grade(facts);
            var b = rete.Grade(facts);
            return (a.Grade == b.Grade && a.Score == b.Score && a.Credits.SequenceEqual(b.Credits) && a.RedFlags.SequenceEqual(b.RedFlags) && a.KnockOuts.SequenceEqual(b.KnockOuts))
                .Label($"compiled {a.Grade} {a.Score}, rete {b.Grade} {b.Score}");
        });
    }

    [Property]
    public Property The_fused_account_rules_give_the_assessments_of_the_flat_evaluator_and_of_Rete_sessions()
    {
        var rete = new AccountScorer(Scorer.Policy, OpportunityRules.DefaultPolicy.Accounts!, Scorer.Rules) { UseRete = true };
        var fused = new AccountScorer(Scorer.Policy, OpportunityRules.DefaultPolicy.Accounts!, Scorer.Rules) { UseFused = true };
        Assert.Empty(Scorer.Rules.Fused(Scorer.Policy, OpportunityRules.DefaultPolicy.Accounts!, typeof(AccountFacts))!.FellBack);
        return Prop.ForAll(FactsGen.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (f, noService) =>
        {
            var facts = noService ? f with { Acceptances = null, Satisfaction = null, Complaints = null, PaymentsDue = null, FollowOnOrders = null, ShareOfWallet = null, MonthsSinceSeniorVisit = null } : f;
            var a = fused.Grade(facts);
            var results = new[] { Scorer.Grade(facts), rete.Grade(facts) };
            return results.All(b => a.Grade == b.Grade && a.Score == b.Score && a.Health == b.Health && a.Credits.SequenceEqual(b.Credits)
                    && a.RedFlags.SequenceEqual(b.RedFlags) && a.KnockOuts.SequenceEqual(b.KnockOuts)
                    && a.Dimensions.SequenceEqual(b.Dimensions))
                .Label($"fused {a.Grade} {a.Score}, flat {results[0].Grade} {results[0].Score}, rete {results[1].Grade} {results[1].Score}");
        });
    }

    [Property]
    public Property The_targets_the_implementation_gate_reads_are_exactly_the_graded_accounts_red_flag_targets()
    {
        Assert.True(Scorer.TargetsCompiled, "the service-target rules compile flat on their own");
        return Prop.ForAll(FactsGen.ToArbitrary(), f =>
        {
            var graded = Scorer.Grade(f).RedFlags.Select(r => r.Target).Distinct().ToList();
            var missed = Scorer.MissedTargets(f);
            return graded.SequenceEqual(missed).Label($"graded [{string.Join(",", graded)}], missed [{string.Join(",", missed)}]");
        });
    }

    [Property(MaxTest = 200)]
    public Property An_accounts_list_never_depends_on_the_order_of_its_opportunities_or_of_its_records(Opportunity[] generated, int seed)
    {
        var opportunities = generated.Take(12).Select((o, i) => o with { Id = $"O-{i}", Account = o.Account with { Id = i % 3 == 0 ? "ACC-B" : "ACC-A" } }).ToList();
        var random = new Random(seed);
        var shuffled = opportunities.OrderBy(_ => random.Next()).ToList();
        const string Records = """
            { "id": "ACC-A", "owner": "Lin", "service": {
                "satisfaction": [ { "date": "2026-03-01", "score": 90 }, { "date": "2026-09-01", "score": 98 } ],
                "complaints": [ { "date": "2026-05-01", "severity": "high", "closed": false }, { "date": "2026-06-01", "severity": "low", "closed": true } ],
                "payments": [ { "due": "2026-04-30", "paid": "2026-05-30" }, { "due": "2026-10-31", "paid": "2026-10-30" } ] } },
            { "id": "ACC-B", "revenue": [ { "year": 2025, "amount": 4000000 }, { "year": 2026, "amount": 6000000 } ] }
            """;
        const string Reordered = """
            { "id": "ACC-B", "revenue": [ { "year": 2026, "amount": 6000000 }, { "year": 2025, "amount": 4000000 } ] },
            { "id": "ACC-A", "owner": "Lin", "service": {
                "payments": [ { "due": "2026-10-31", "paid": "2026-10-30" }, { "due": "2026-04-30", "paid": "2026-05-30" } ],
                "complaints": [ { "date": "2026-06-01", "severity": "low", "closed": true }, { "date": "2026-05-01", "severity": "high", "closed": false } ],
                "satisfaction": [ { "date": "2026-09-01", "score": 98 }, { "date": "2026-03-01", "score": 90 } ] } }
            """;
        var first = Json(Records, opportunities);
        var second = Json(Reordered, shuffled);
        return (first == second).Label("the lists differ");
    }

    private static string Json(string records, IReadOnlyList<Opportunity> opportunities)
    {
        var book = new AccountBook(Scorer, dealsKept: 5);
        book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes("[" + records + "]")));
        var scorer = OpportunityRules.CreateScorer();
        foreach (var o in opportunities)
        {
            book.Add(new BatchItem(0, o, scorer.Decide(o, AsOf)));
        }

        var writer = new StringWriter();
        book.Grade(AsOf).Write("json", writer, Texts.English);
        return writer.ToString();
    }
}
