using System.Text;
using OpportunityScoring.Accounts;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>
/// The Account fields of a Salesforce Opportunity export (docs/salesforce-mapping.md, "Accounts") make the key-account
/// list from the export alone: the test asset's six rows name four accounts, one row has Amount 0 and one no account.
/// </summary>
public sealed class SalesforceAccountTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    private static string Export => Repo.Path("tests", "OpportunityScoring.Tests", "TestAssets", "salesforce", "opportunity-export-with-accounts.csv");

    private static (AccountList List, List<BatchItem> Items) Grade(byte[] export, string? accountsJson = null)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer());
        using var source = PipelineSource.Open(PipelineFormat.Salesforce, new MemoryStream(export));
        book.AddFrom(source);
        if (accountsJson is not null)
        {
            book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes(accountsJson)));
        }

        var run = new BatchScorer(OpportunityRules.CreateScorer(), new BatchOptions { Detail = ScoringDetail.Decisions }).Score(book.WithServiceHealth(source.Records, AsOf), AsOf);
        var items = new List<BatchItem>();
        foreach (var item in run)
        {
            items.Add(item);
            book.Add(item);
        }

        return (book.Grade(AsOf), items);
    }

    private static AccountAssessment Account(AccountList list, string id) => list.Accounts.Single(a => a.Id == id);

    [Fact]
    public void The_export_alone_names_each_accounts_name_and_owner_in_the_key_account_list()
    {
        var (list, _) = Grade(File.ReadAllBytes(Export));

        Assert.Equal(["0011x00000ACC01", "0011x00000ACC02", "0011x00000ACC03"], list.Accounts.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal(("City Metro Group", "Lin Wei"), (Account(list, "0011x00000ACC01").Name, Account(list, "0011x00000ACC01").Owner));
        Assert.Equal(("Provincial Grid Co.", "Chen Jia"), (Account(list, "0011x00000ACC02").Name, Account(list, "0011x00000ACC02").Owner));
        Assert.Equal(("Northern Water Authority", null), (Account(list, "0011x00000ACC03").Name, Account(list, "0011x00000ACC03").Owner));
        Assert.All(list.Accounts, a => Assert.Equal(AccountType.Unknown, a.Type)); // Salesforce has no standard field for 客戶的型別
        Assert.Empty(list.Errors);
    }

    [Fact]
    public void An_account_whose_only_row_is_rejected_is_not_listed_and_an_opportunity_without_an_account_is_untallied()
    {
        var (list, items) = Grade(File.ReadAllBytes(Export));

        Assert.DoesNotContain(list.Accounts, a => a.Id == "0011x00000ACC04");
        Assert.Single(items, i => i.Opportunity is null);
        Assert.Null(items.Single(i => i.Opportunity?.Id == "0061x00000AAA06").Opportunity!.Account.Id);
    }

    [Fact]
    public void Annual_revenue_is_the_customers_size_and_is_not_read_as_our_revenue_from_it()
    {
        var (list, _) = Grade(File.ReadAllBytes(Export));

        Assert.Equal(3_200_000m, Account(list, "0011x00000ACC01").Facts.Revenue); // the won deal, not Account.AnnualRevenue (4.2 billion)
    }

    [Fact]
    public void Account_type_gives_the_opportunitys_relationship_when_its_own_type_says_nothing()
    {
        var (_, items) = Grade(File.ReadAllBytes(Export));
        Opportunity Of(string id) => items.Single(i => i.Opportunity?.Id == id).Opportunity!;

        Assert.Equal(Relationship.New, Of("0061x00000AAA03").Account.Relationship);      // Type empty, Account.Type Prospect
        Assert.Equal(Relationship.Current, Of("0061x00000AAA01").Account.Relationship);  // Type Existing Customer - Upgrade
        Assert.Equal(Relationship.New, Of("0061x00000AAA04").Account.Relationship);      // Type New Business wins over Account.Type Other
        Assert.Equal("City Metro Group", Of("0061x00000AAA01").Account.Name);
    }

    [Fact]
    public void An_accounts_file_record_wins_over_what_the_export_says()
    {
        var (list, _) = Grade(File.ReadAllBytes(Export), """[{"id": "0011x00000ACC01", "name": "City Metro", "owner": "Zhou Min", "type": "strategic"}]""");

        var account = Account(list, "0011x00000ACC01");
        Assert.Equal(("City Metro", "Zhou Min", AccountType.Strategic), (account.Name, account.Owner, account.Type));
        Assert.Equal("Chen Jia", Account(list, "0011x00000ACC02").Owner);
        Assert.Empty(list.Errors);
    }

    [Fact]
    public void The_list_does_not_depend_on_the_order_of_the_rows_even_when_rows_disagree_about_an_account()
    {
        var lines = File.ReadAllLines(Export).ToList();
        lines.Add("0061x00000AAA07,Metro extension,0011x00000ACC01,City Metro Group,Customer - Direct,Another Owner,,Prospecting,800000,0,0,2027-09-30,10,");
        var reversed = new[] { lines[0] }.Concat(lines.Skip(1).Reverse());

        var (forward, _) = Grade(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        var (backward, _) = Grade(Encoding.UTF8.GetBytes(string.Join('\n', reversed)));

        Assert.Equal(Json(forward), Json(backward));
        Assert.Equal("Another Owner", Account(forward, "0011x00000ACC01").Owner); // the smallest in ordinal order
    }

    [Fact]
    public void An_account_id_that_disagrees_with_account_dot_id_rejects_the_row_naming_the_column()
    {
        var export = "Id,AccountId,Account.Id,StageName,Amount\n006A,001A,001B,Prospecting,1000\n006B,001A,001A,Prospecting,2000\n";

        var (_, items) = Grade(Encoding.UTF8.GetBytes(export));

        var rejected = Assert.Single(items, i => i.Opportunity is null);
        Assert.Equal("Account.Id", Assert.Single(rejected.Errors).Field);
        Assert.Equal("001A", items.Single(i => i.Opportunity is not null).Opportunity!.Account.Id);
    }

    [Fact]
    public void Account_dot_id_alone_links_the_opportunity_to_its_account()
    {
        var (list, _) = Grade(Encoding.UTF8.GetBytes("Id,Account.Id,Account.Name,StageName,Amount\n006A,001A,Acme,Prospecting,1000\n"));

        Assert.Equal(("001A", "Acme", 1), (list.Accounts.Single().Id, list.Accounts.Single().Name, list.Accounts.Single().Opportunities));
    }

    [Fact]
    public void An_account_name_that_is_not_valid_utf8_rejects_its_row_naming_the_column_and_the_rest_is_read()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("Id,AccountId,Account.Name,StageName,Amount\n006A,001A,"));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes(",Prospecting,1000\n006B,001B,Beta,Prospecting,2000\n"));

        var (list, items) = Grade([.. bytes]);

        Assert.Equal("Account.Name", Assert.Single(items, i => i.Opportunity is null).Errors.Single().Field);
        Assert.Equal("001B", list.Accounts.Single().Id);
    }

    private static string Json(AccountList list)
    {
        var writer = new StringWriter();
        list.Write("json", writer, Texts.English);
        return writer.ToString();
    }
}
