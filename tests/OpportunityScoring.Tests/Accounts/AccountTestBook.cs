using System.Text;
using OpportunityScoring.Accounts;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>Grades accounts written as JSON (the accounts file's form), with optional opportunities, for the account tests.</summary>
internal static class AccountTestBook
{
    public static readonly DateOnly AsOf = new(2027, 1, 10);

    public static AccountList Grade(string accountsJson, IEnumerable<Opportunity>? opportunities = null, DateOnly? asOf = null)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer(), dealsKept: 5);
        book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes(accountsJson)));
        var scorer = OpportunityRules.CreateScorer();
        var index = 0;
        foreach (var o in opportunities ?? [])
        {
            var decisions = scorer.Decide(o, asOf ?? AsOf);
            book.Add(new BatchItem(index++, o, decisions));
        }

        return book.Grade(asOf ?? AsOf);
    }

    public static AccountAssessment Only(string accountJson, DateOnly? asOf = null) => Grade("[" + accountJson + "]", asOf: asOf).Accounts.Single();
}
