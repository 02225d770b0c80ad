using System.Text;
using System.Text.Json.Nodes;
using Json.Schema;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Schema;

/// <summary>
/// The accounts part of docs/schema/pipeline.schema.json (<c>$defs.keyAccount</c>, <c>$defs.accountsFile</c>, the
/// pipeline's <c>accounts</c>) accepts the sample accounts file and rejects what the account reader rejects.
/// </summary>
public sealed class AccountSchemaTests
{
    private static readonly DateOnly AsOf = new(2027, 1, 10);

    private static JsonSchema AccountsFile => Definition("accountsFile");

    private static JsonSchema KeyAccount => Definition("keyAccount");

    [Fact]
    public void The_sample_accounts_file_validates_against_the_accounts_file_schema()
    {
        SchemaFiles.AssertValid(AccountsFile, JsonNode.Parse(SchemaFiles.Text("accounts.json")));
    }

    [Fact]
    public void The_sample_accounts_file_as_a_bare_array_validates_and_each_account_as_a_json_lines_line()
    {
        var accounts = Accounts();

        SchemaFiles.AssertValid(AccountsFile, accounts.DeepClone());
        foreach (var account in accounts)
        {
            SchemaFiles.AssertValid(KeyAccount, account!.DeepClone());
        }
    }

    [Fact]
    public void A_pipeline_with_the_sample_accounts_as_its_accounts_section_validates_and_the_engine_reads_every_account()
    {
        var pipeline = SchemaFiles.Node("pipeline.json");
        var withAccounts = new JsonObject { ["schemaVersion"] = 1, ["asOf"] = pipeline["asOf"]?.DeepClone(), ["accounts"] = Accounts().DeepClone() };
        withAccounts["opportunities"] = pipeline["opportunities"]!.DeepClone();

        SchemaFiles.AssertValid(SchemaFiles.Pipeline, withAccounts);
        using var source = PipelineSource.Open(PipelineFormat.Json, new MemoryStream(Encoding.UTF8.GetBytes(withAccounts.ToJsonString())));
        var book = new AccountBook(OpportunityRules.CreateAccountScorer());
        book.AddFrom(source);
        Assert.Empty(book.Errors);
        Assert.Equal(Accounts().Count, book.Records);
    }

    [Fact]
    public void A_pipeline_whose_accounts_section_is_not_an_array_fails_validation()
    {
        var pipeline = SchemaFiles.Node("pipeline.json");
        pipeline["accounts"] = new JsonObject { ["id"] = "ACC-1" };

        Assert.NotEmpty(SchemaFiles.Validate(SchemaFiles.Pipeline, pipeline));
    }

    /// <summary>Hostile account records the schema rejects; the reader must reject the same record (schema and reader agree).</summary>
    public static TheoryData<string, string, string> Rejected() => new()
    {
        { "unknown type", "type", "\"vip\"" },
        { "type in the wrong case", "type", "\"Strategic\"" },
        { "satisfaction 140", "service.satisfaction.0.score", "140" },
        { "satisfaction below 0", "service.satisfaction.0.score", "-1" },
        { "satisfaction score null", "service.satisfaction.0.score", "null" },
        { "satisfaction score missing", "service.satisfaction.0.score", "(remove)" },
        { "satisfaction score as text", "service.satisfaction.0.score", "\"96\"" },
        { "survey without a date", "service.satisfaction.0.date", "(remove)" },
        { "survey date with a time", "service.satisfaction.0.date", "\"2026-06-30T00:00:00\"" },
        { "impossible survey date", "service.satisfaction.0.date", "\"2026-02-30\"" },
        { "id missing", "id", "(remove)" },
        { "id empty", "id", "\"\"" },
        { "id blank", "id", "\"   \"" },
        { "id a number", "id", "118" },
        { "name a number", "name", "7" },
        { "unknown standing", "standing", "\"prospect\"" },
        { "share of wallet as a percentage", "shareOfWallet", "45" },
        { "revenue year as a fraction", "revenue.0.year", "2025.5" },
        { "revenue year null", "revenue.0.year", "null" },
        { "revenue year too early", "revenue.0.year", "1800" },
        { "revenue amount negative", "revenue.0.amount", "-5" },
        { "revenue amount missing", "revenue.0.amount", "(remove)" },
        { "revenue an object", "revenue", "{\"2025\": 1}" },
        { "revenue entry a number", "revenue.0", "18500000" },
        { "unknown senior plan word", "relationship.seniorPlan", "\"maybe\"" },
        { "unknown relationship status", "relationship.status", "\"excellent\"" },
        { "senior visit not a date", "relationship.lastSeniorVisit", "\"last week\"" },
        { "relationship an array", "relationship", "[]" },
        { "service an array", "service", "[]" },
        { "acceptance result unknown", "service.acceptances.0.result", "\"ok\"" },
        { "acceptance result missing", "service.acceptances.0.result", "(remove)" },
        { "complaint severity unknown", "service.complaints", "[{\"date\": \"2026-11-07\", \"severity\": \"critical\"}]" },
        { "complaint closed as a word", "service.complaints", "[{\"date\": \"2026-11-07\", \"closed\": \"yes\"}]" },
        { "payment without a due day", "service.payments.0.due", "(remove)" },
        { "payment days late negative", "service.payments.0.daysLate", "-3" },
        { "follow-on order amount as text", "service.followOnOrders.0.amount", "\"3200000\"" },
        { "satisfaction a single object", "service.satisfaction", "{\"date\": \"2026-06-30\", \"score\": 96}" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void An_account_record_the_schema_rejects_is_also_rejected_by_the_reader(string why, string path, string value)
    {
        var account = First();
        Set(account, path, value);

        Assert.True(SchemaFiles.Validate(KeyAccount, account).Count > 0, $"the schema accepts an account with {why}");
        Assert.True(Reads(account).Count > 0, $"the reader accepts an account with {why}");
    }

    /// <summary>Records the schema accepts; the reader must read them (schema and reader agree).</summary>
    public static TheoryData<string, string, string> Accepted() => new()
    {
        { "only an id", "(only id)", "" },
        { "type unknown", "type", "\"unknown\"" },
        { "type null", "type", "null" },
        { "owner null", "owner", "null" },
        { "no complaints recorded", "service.complaints", "(remove)" },
        { "complaints recorded as none", "service.complaints", "[]" },
        { "service null", "service", "null" },
        { "relationship null", "relationship", "null" },
        { "revenue null", "revenue", "null" },
        { "a satisfaction score of 0", "service.satisfaction.0.score", "0" },
        { "a satisfaction score of 100", "service.satisfaction.0.score", "100" },
        { "revenue year written 2025.0", "revenue.0.year", "2025.0" },
        { "complaint with severity and closed unknown", "service.complaints", "[{\"date\": \"2026-11-07\", \"severity\": \"unknown\", \"closed\": null}]" },
        { "payment unpaid", "service.payments.0.paid", "null" },
        { "a field this engine does not know", "crmSegment", "\"public sector\"" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void An_account_record_the_schema_accepts_is_also_read_by_the_reader(string why, string path, string value)
    {
        var account = First();
        if (path == "(only id)")
        {
            account = new JsonObject { ["id"] = "ACC-1" };
        }
        else
        {
            Set(account, path, value);
        }

        SchemaFiles.AssertValid(KeyAccount, account);
        var errors = Reads(account);
        Assert.True(errors.Count == 0, $"the reader rejects an account with {why}: {string.Join("; ", errors)}");
    }

    /// <summary>The rules the schema's description says it cannot state: the schema accepts, the reader (with the day) rejects.</summary>
    public static TheoryData<string, string, string> BeyondTheSchema() => new()
    {
        { "a complaint dated in the future", "service.complaints", "[{\"date\": \"2027-06-01\", \"severity\": \"low\", \"closed\": false}]" },
        { "revenue booked for a later year", "revenue", "[{\"year\": 2028, \"amount\": 1}]" },
        { "a revenue year given twice", "revenue", "[{\"year\": 2026, \"amount\": 1}, {\"year\": 2026, \"amount\": 2}]" },
        { "a senior visit dated in the future", "relationship.lastSeniorVisit", "\"2027-02-01\"" },
    };

    [Theory]
    [MemberData(nameof(BeyondTheSchema))]
    public void A_rule_the_schema_cannot_state_is_checked_by_the_reader(string why, string path, string value)
    {
        var account = First();
        Set(account, path, value);

        SchemaFiles.AssertValid(KeyAccount, account);
        Assert.True(Reads(account).Count > 0, $"the reader accepts an account with {why}");
    }

    [Fact]
    public void An_account_id_used_twice_is_valid_per_record_but_the_reader_rejects_the_second()
    {
        var twice = new JsonArray(First(), First());

        SchemaFiles.AssertValid(AccountsFile, twice);
        var book = Book(twice);
        Assert.Equal(1, book.Records);
        Assert.Equal("id", Assert.Single(book.Errors).Field);
    }

    /// <summary>A schema that is one of the pipeline schema's <c>$defs</c>, with its own id (so wrappers validated in parallel never share a base URI).</summary>
    [Fact]
    public void The_account_enumerations_list_exactly_the_words_the_reader_reads()
    {
        var defs = SchemaFiles.PipelineNode["$defs"]!.AsObject();
        static HashSet<string> Listed(JsonNode? node) => [.. node!["enum"]!.AsArray().Where(n => n is not null).Select(n => n!.GetValue<string>())];
        static HashSet<string> Words<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(v => ContractWords.Of(v))];

        Assert.True(Words<OpportunityScoring.Accounts.AccountType>().SetEquals(Listed(defs["keyAccount"]!["properties"]!["type"])), "type");
        Assert.True(Words<OpportunityScoring.Accounts.RelationshipStatus>().SetEquals(Listed(defs["accountRelationship"]!["properties"]!["status"])), "relationship.status");
        Assert.True(Words<OpportunityScoring.Accounts.ComplaintSeverity>().SetEquals(Listed(defs["complaint"]!["properties"]!["severity"])), "complaints[].severity");
    }

    private static JsonSchema Definition(string name) =>
        JsonSchema.FromText($$"""{"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:opportunity-scoring:test:account-schema:{{name}}", "$ref": "{{SchemaFiles.PipelineId}}#/$defs/{{name}}"}""");

    private static JsonArray Accounts() => SchemaFiles.Node("accounts.json")["accounts"]!.AsArray();

    /// <summary>The first sample account (ACC-118: every list present, none empty but complaints).</summary>
    private static JsonObject First()
    {
        var account = Accounts()[0]!.DeepClone().AsObject();
        account["service"]!["complaints"] = new JsonArray(new JsonObject { ["date"] = "2026-10-01", ["severity"] = "low", ["closed"] = true });
        return account;
    }

    private static AccountBook Book(JsonNode accounts)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer());
        book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes(accounts.ToJsonString())));
        return book;
    }

    /// <summary>The reader's errors for one account: those of reading, and those of its dates against the day.</summary>
    private static List<string> Reads(JsonObject account)
    {
        var book = Book(new JsonArray(account.DeepClone()));
        var list = book.Grade(AsOf);
        return [.. book.Errors.Concat(list.Errors).Distinct().Select(e => $"{e.Field}: {e.Message}")];
    }

    /// <summary>Sets (or with "(remove)" removes) the value at a dotted path; numeric parts index arrays.</summary>
    private static void Set(JsonObject record, string path, string value) => JsonPaths.Set(record, path, value);
}
