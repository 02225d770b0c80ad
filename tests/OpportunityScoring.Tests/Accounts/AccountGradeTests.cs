using OpportunityScoring.Accounts;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>The account grade (大客戶 A–D): points that add up, service targets with figure/target/gap, bad records rejected by field.</summary>
public sealed class AccountGradeTests
{
    private const string Healthy = """
        { "id": "A1", "name": "Metro", "type": "strategic", "owner": "Lin",
          "revenue": [ { "year": 2026, "amount": 25000000 } ], "shareOfWallet": 0.7,
          "relationship": { "seniorPlan": "yes", "lastSeniorVisit": "2026-12-01", "status": "strong" },
          "service": {
            "acceptances": [ { "date": "2026-06-01", "result": "passed" } ],
            "satisfaction": [ { "date": "2026-12-01", "score": 97 } ],
            "complaints": [],
            "payments": [ { "due": "2026-10-31", "paid": "2026-10-30" } ],
            "followOnOrders": [ { "date": "2026-08-01", "amount": 6000000 } ] } }
        """;

    [Fact]
    public void The_items_most_points_add_up_to_100_and_an_accounts_credits_add_up_to_its_score()
    {
        Assert.Equal(100m, OpportunityRules.DefaultPolicy.Accounts!.MaxTotal);
        var a = AccountTestBook.Only(Healthy);
        Assert.Equal(a.Score, a.Credits.Sum(c => c.Points));
        Assert.Equal(100m, a.Credits.Sum(c => c.Max));
        Assert.Equal(a.Score, a.Dimensions.Values.Sum());
        Assert.Equal(12, a.Credits.Select(c => c.Item).Distinct().Count());
    }

    [Fact]
    public void A_large_healthy_account_with_every_target_met_is_graded_A_with_no_red_flag()
    {
        var a = AccountTestBook.Only(Healthy);
        Assert.Equal(Grade.A, a.Grade);
        Assert.Equal(ServiceHealth.OnTarget, a.Health);
        Assert.Empty(a.RedFlags);
        Assert.Empty(a.KnockOuts);
    }

    [Fact]
    public void Satisfaction_below_the_years_target_is_a_red_flag_with_the_figure_the_target_and_the_gap()
    {
        var a = AccountTestBook.Only("""{ "id": "A2", "service": { "satisfaction": [ { "date": "2026-12-01", "score": 93.5 } ] } }""");
        var flag = Assert.Single(a.RedFlags);
        Assert.Equal("satisfaction", flag.Target);
        Assert.Equal("satisfaction 93.5, target 95.5 for 2027: −2.0", flag.Text.Render(Texts.English));
        Assert.Equal("顧客滿意度93.5，2027年目標95.5，差距−2.0", flag.Text.Render(Texts.For("zh-Hant")));
        Assert.Equal(ServiceHealth.Missed, a.Health);
    }

    [Fact]
    public void A_failed_acceptance_flags_the_pass_rate_and_caps_the_grade_at_C()
    {
        var record = Healthy.Replace("\"result\": \"passed\" }", "\"result\": \"passed\" }, { \"date\": \"2026-07-01\", \"result\": \"failed\" }", StringComparison.Ordinal);
        var a = AccountTestBook.Only(record);
        Assert.Contains(a.RedFlags, f => f.Target == "acceptance" && f.Figure == "50" && f.Goal == "100" && f.Gap == "−50.0");
        Assert.Contains(a.KnockOuts, k => k.Code == "failedAcceptance" && k.Cap == Grade.C);
        Assert.Equal(Grade.C, a.Grade);
    }

    [Fact]
    public void An_account_with_opportunities_but_no_record_is_graded_from_what_its_opportunities_say()
    {
        var list = AccountTestBook.Grade("[]", [Build.Strong("O1"), Build.Strong("O2")]);
        var a = Assert.Single(list.Accounts);
        Assert.Equal("ACC-1", a.Id);
        Assert.False(a.HasRecord);
        Assert.Equal(2, a.Opportunities);
        Assert.Equal(20_000_000m, a.Facts.OpenPipeline);
        Assert.True(a.Facts.WeightedPipeline > 0);
        Assert.Equal(ServiceHealth.Unknown, a.Health);
        Assert.Empty(a.RedFlags);
    }

    [Fact]
    public void Bad_account_records_are_rejected_with_their_field_named_and_the_rest_graded()
    {
        var list = AccountTestBook.Grade("""
            [
              { "id": "T1", "type": "platinum" },
              { "id": "S1", "service": { "satisfaction": [ { "date": "2026-10-01", "score": 140 } ] } },
              { "id": "C1", "service": { "complaints": [ { "date": "2027-03-01", "severity": "low", "closed": true } ] } },
              { "id": "D1", "name": "first" },
              { "id": "D1", "name": "second" },
              { "id": "OK", "type": "regular" }
            ]
            """);
        Assert.Contains(list.Errors, e => e.Id == "T1" && e.Field == "type" && e.Message.Contains("platinum", StringComparison.Ordinal));
        Assert.Contains(list.Errors, e => e.Id == "S1" && e.Field == "service.satisfaction[0].score" && e.Message.Contains("140", StringComparison.Ordinal));
        Assert.Contains(list.Errors, e => e.Id == "C1" && e.Field == "service.complaints[0].date" && e.Message.Contains("2027-03-01", StringComparison.Ordinal));
        Assert.Contains(list.Errors, e => e.Id == "D1" && e.Index == 4 && e.Field == "id" && e.Message.Contains("duplicate", StringComparison.Ordinal));
        Assert.Equal(4, list.Errors.Count);
        Assert.Equal(["D1", "OK"], list.Accounts.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal("first", list.Accounts.Single(a => a.Id == "D1").Name);
    }

    [Fact]
    public void An_account_with_no_service_record_has_unknown_health_and_is_never_flagged_for_service()
    {
        var a = AccountTestBook.Only("""{ "id": "N1", "type": "key", "revenue": [ { "year": 2026, "amount": 3000000 } ] }""");
        Assert.Equal(ServiceHealth.Unknown, a.Health);
        Assert.Empty(a.RedFlags);
        Assert.Empty(a.KnockOuts);
        Assert.All(a.Credits.Where(c => c.Dimension == AccountCodes.Dimension.Service), c => Assert.True(c.Points > 0, c.Item));
    }

    [Fact]
    public void Every_account_code_has_a_text_in_every_language()
    {
        var keys = AccountCodes.KnockOuts.Select(k => "account.knockOut." + k)
            .Concat(AccountCodes.Targets.Select(t => "account.flag." + t))
            .Concat(typeof(AccountCodes.Item).GetFields().Select(f => "account.item." + f.GetValue(null)))
            .Concat(Enum.GetNames<AccountType>().Select(n => "account.type." + char.ToLowerInvariant(n[0]) + n[1..]))
            .Concat(Enum.GetNames<ServiceHealth>().Select(n => "account.health." + char.ToLowerInvariant(n[0]) + n[1..]));
        foreach (var culture in new[] { "en", "zh-Hant", "zh-Hans" })
        {
            var texts = Texts.For(culture);
            Assert.All(keys, k => Assert.True(texts.Has(k), $"{culture}: {k}"));
        }
    }
}
