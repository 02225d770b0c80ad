using OpportunityScoring.Accounts;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>The source's account sentences (docs/policy.md, "The source's account sentences"), each as a fact.</summary>
public sealed class SeedAccountSentencesTests
{
    private static AccountAssessment Service(string service) => AccountTestBook.Only($$"""{ "id": "S", "service": {{{service}}} }""");

    [Fact]
    public void 判斷屬於a級b級c級d級客戶的哪一級別_every_account_gets_exactly_one_of_the_four_grades()
    {
        var policy = OpportunityRules.DefaultPolicy.Accounts!;
        Assert.Equal([Grade.A, Grade.B, Grade.C, Grade.D], Enumerable.Range(0, 101).Select(t => policy.GradeOf(t)).Distinct().Order());
        var list = AccountTestBook.Grade("""
            [ { "id": "BIG", "type": "strategic", "revenue": [ { "year": 2026, "amount": 30000000 } ], "shareOfWallet": 0.8,
                "relationship": { "seniorPlan": "yes", "lastSeniorVisit": "2026-12-01" },
                "service": { "acceptances": [ { "date": "2026-06-01", "result": "passed" } ], "satisfaction": [ { "date": "2026-12-01", "score": 99 } ], "complaints": [],
                  "payments": [ { "due": "2026-06-01", "paid": "2026-06-01" } ], "followOnOrders": [ { "date": "2026-06-01", "amount": 6000000 } ] } },
              { "id": "SMALL", "type": "regular", "relationship": { "seniorPlan": "no" } } ]
            """);
        Assert.Equal(Grade.A, list.Accounts.Single(a => a.Id == "BIG").Grade);
        Assert.Equal(Grade.D, list.Accounts.Single(a => a.Id == "SMALL").Grade);
    }

    [Fact]
    public void 明確客戶的型別_the_type_is_read_and_an_unstated_type_is_not_stated_rather_than_regular()
    {
        Assert.Equal(AccountType.Strategic, AccountTestBook.Only("""{ "id": "T", "type": "strategic" }""").Type);
        Assert.Equal(AccountType.Unknown, AccountTestBook.Only("""{ "id": "T" }""").Type);
    }

    [Fact]
    public void 提供服務的產品合格率100_one_failed_acceptance_in_ten_misses_the_target()
    {
        var passed = string.Join(", ", Enumerable.Range(1, 9).Select(m => $$"""{ "date": "2026-{{m:00}}-15", "result": "passed" }"""));
        var a = Service($$""" "acceptances": [ {{passed}}, { "date": "2026-10-10", "result": "failed" } ] """);
        var flag = Assert.Single(a.RedFlags);
        Assert.Equal("acceptance pass rate 90%, target 100% for 2027: −10.0 points", flag.Text.Render(Texts.English));
    }

    [Fact]
    public void 顧客滿意度達95每年遞增0點5_the_target_is_95_in_2026_and_rises_half_a_point_a_year()
    {
        var service = OpportunityRules.DefaultPolicy.Accounts!.Service;
        Assert.Equal(95m, service.SatisfactionTarget(2026));
        Assert.Equal(95.5m, service.SatisfactionTarget(2027));
        Assert.Equal(97m, service.SatisfactionTarget(2030));
        Assert.Empty(Service(""" "satisfaction": [ { "date": "2026-12-01", "score": 95.5 } ] """).RedFlags);
        Assert.Single(Service(""" "satisfaction": [ { "date": "2026-12-01", "score": 95.4 } ] """).RedFlags);
    }

    [Fact]
    public void 年度投訴數量少於1_one_complaint_in_the_twelve_months_misses_and_an_older_one_does_not()
    {
        Assert.Equal("1 complaints in the year, target fewer than 1 for 2027: +1.0",
            Assert.Single(Service(""" "complaints": [ { "date": "2026-03-01", "severity": "low", "closed": true } ] """).RedFlags).Text.Render(Texts.English));
        var old = Service(""" "complaints": [ { "date": "2025-12-01", "severity": "low", "closed": true } ] """);
        Assert.Empty(old.RedFlags);
        Assert.Equal(ServiceHealth.OnTarget, old.Health);
    }

    [Fact]
    public void 保證收款按時完成_a_payment_made_late_misses_and_one_90_days_late_caps_the_grade_at_C()
    {
        var late = Service(""" "payments": [ { "due": "2026-06-30", "paid": "2026-07-10" } ] """);
        Assert.Contains(late.RedFlags, f => f.Target == "payments");
        Assert.Empty(late.KnockOuts);
        var overdue = Service(""" "payments": [ { "due": "2026-06-30" } ] """);
        Assert.Contains(overdue.KnockOuts, k => k.Code == "paymentsOverdue" && k.Cap == Grade.C);
    }

    [Fact]
    public void 拜訪客戶的高層主管_a_senior_visit_older_than_six_months_is_a_red_flag_and_none_recorded_is_unknown()
    {
        var stale = AccountTestBook.Only("""{ "id": "V", "relationship": { "lastSeniorVisit": "2026-05-01" } }""");
        Assert.Equal("last senior visit 8 months ago, target within 6 months: +2.0 months", Assert.Single(stale.RedFlags).Text.Render(Texts.English));
        Assert.Empty(AccountTestBook.Only("""{ "id": "V", "relationship": { "lastSeniorVisit": "2026-09-01" } }""").RedFlags);
        Assert.Empty(AccountTestBook.Only("""{ "id": "V" }""").RedFlags);
    }

    [Fact]
    public void 企業80的銷售額來自於20的大客戶_the_list_shows_the_share_the_top_fifth_of_accounts_carries()
    {
        var list = AccountTestBook.Grade("""
            [ { "id": "A", "revenue": [ { "year": 2026, "amount": 8000000 } ] }, { "id": "B", "revenue": [ { "year": 2026, "amount": 500000 } ] },
              { "id": "C", "revenue": [ { "year": 2026, "amount": 500000 } ] }, { "id": "D", "revenue": [ { "year": 2026, "amount": 500000 } ] },
              { "id": "E", "revenue": [ { "year": 2026, "amount": 500000 } ] } ]
            """);
        Assert.Equal(1, list.TopCount);
        Assert.Equal(0.8m, list.TopShare(a => a.Facts.Revenue));
    }

    [Fact]
    public void 並做適當客戶分配_the_list_names_the_accounts_without_an_owner_and_the_load_of_each_owner()
    {
        var list = AccountTestBook.Grade("""[ { "id": "A", "owner": "Lin" }, { "id": "B", "owner": "Lin" }, { "id": "C" } ]""");
        var load = list.OwnerLoad().ToList();
        Assert.Equal(("Lin", 2), (load[0].Owner, load[0].Accounts));
        Assert.Equal((null, 1), (load[1].Owner, load[1].Accounts));
    }
}
