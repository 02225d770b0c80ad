using System.Text;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>An opportunity in implementation reads its account's service health in its gate (Gate.Implementation.AccountService).</summary>
public sealed class AccountServiceGateTests
{
    private static Assessment ScoreWith(string accountsJson, Opportunity opportunity)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer());
        book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes(accountsJson)));
        var record = Assert.Single(book.WithServiceHealth([new PipelineRecord(0, opportunity, [])], Build.AsOf));
        return Build.Scorer.Score(record.Opportunity!, Build.AsOf);
    }

    private const string Failing = """[ { "id": "ACC-1", "service": { "acceptances": [ { "date": "2026-11-05", "result": "failed" } ], "satisfaction": [ { "date": "2026-12-01", "score": 93.5 } ] } } ]""";

    [Fact]
    public void An_implementation_opportunity_whose_account_misses_its_service_targets_has_its_gate_held_naming_them()
    {
        var a = ScoreWith(Failing, Build.Strong("IMP", Stage.Implementation));
        var item = Assert.Single(a.Gate.Missing, m => m.Code == "accountService");
        Assert.Contains("acceptance pass rate", item.Message, StringComparison.Ordinal);
        Assert.Contains("customer satisfaction", item.Message, StringComparison.Ordinal);
        Assert.NotEqual(GateOutcome.Advance, a.Gate.Outcome);
    }

    [Fact]
    public void An_account_without_a_record_or_service_records_never_holds_the_gate()
    {
        var none = ScoreWith("[]", Build.Strong("IMP", Stage.Implementation));
        var noService = ScoreWith("""[ { "id": "ACC-1", "type": "key" } ]""", Build.Strong("IMP", Stage.Implementation));
        var plain = Build.Scorer.Score(Build.Strong("IMP", Stage.Implementation), Build.AsOf);
        Assert.DoesNotContain(none.Gate.Missing, m => m.Code == "accountService");
        Assert.DoesNotContain(noService.Gate.Missing, m => m.Code == "accountService");
        Assert.Equal(plain.Gate.Outcome, none.Gate.Outcome);
        Assert.Equal(plain.Gate.Outcome, noService.Gate.Outcome);
    }

    [Fact]
    public void Only_opportunities_in_implementation_read_the_service_health()
    {
        var a = ScoreWith(Failing, Build.Strong("PRO", Stage.Proposal));
        Assert.DoesNotContain(a.Gate.Missing, m => m.Code == "accountService");
    }
}
