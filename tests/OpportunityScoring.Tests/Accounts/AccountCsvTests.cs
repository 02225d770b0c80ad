using System.Text;
using OpportunityScoring.Cli;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>
/// The accounts CSV layout (docs/accounts.md): the same accounts as the JSON file, with the hostile-input guarantees of
/// the opportunity CSV (encoding, per-row limits, errors naming the row and the field, the rest read, formula-safe output).
/// </summary>
public sealed class AccountCsvTests
{
    private const string Header = "id,name,type,standing,owner,shareOfWallet,relationship.seniorPlan,relationship.lastSeniorVisit,relationship.status,revenue,service.acceptances,service.satisfaction,service.complaints,service.payments,service.followOnOrders";

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A data row of the full header: the cells given by column, quoted as CSV; the others empty.</summary>
    private static string Row(params (string Column, string Value)[] cells)
    {
        var columns = Header.Split(',');
        return string.Join(',', columns.Select(c => cells.FirstOrDefault(x => x.Column == c).Value is { } v ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : string.Empty));
    }

    private static AccountBook Book(string csv, Encoding? encoding = null)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer());
        var bytes = encoding is null ? Encoding.UTF8.GetBytes(csv) : [.. encoding.GetPreamble(), .. encoding.GetBytes(csv)];
        book.AddFile(new MemoryStream(bytes));
        return book;
    }

    private static AccountBook Book(byte[] csv)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer());
        book.AddFile(new MemoryStream(csv));
        return book;
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    [InlineData("table")]
    public void The_sample_accounts_csv_gives_the_same_key_account_list_as_the_sample_accounts_json(string format)
    {
        var fromJson = Run("accounts", Repo.SamplePipeline, "--accounts", Repo.Path("samples", "accounts.json"), "--format", format);
        var fromCsv = Run("accounts", Repo.SamplePipeline, "--accounts", Repo.Path("samples", "accounts.csv"), "--format", format);

        Assert.True(fromCsv.Code == 0, fromCsv.Err);
        Assert.Equal(fromJson.Out, fromCsv.Out);
        Assert.Contains("ACC-204", fromCsv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_accounts_csv_reads_every_account_of_the_json_file()
    {
        var book = Book(File.ReadAllBytes(Repo.Path("samples", "accounts.csv")));

        Assert.Empty(book.Errors);
        Assert.Equal(3, book.Records);
    }

    [Fact]
    public void A_satisfaction_of_140_rejects_its_row_naming_the_row_and_the_field_and_the_other_rows_are_read()
    {
        var book = Book(string.Join('\n',
            Header,
            Row(("id", "ACC-1"), ("type", "key"), ("service.satisfaction", """[{"date": "2026-06-30", "score": 96}]""")),
            Row(("id", "ACC-2"), ("type", "key"), ("service.satisfaction", """[{"date": "2026-06-30", "score": 140}]""")),
            Row(("id", "ACC-3"), ("type", "regular"))));

        var error = Assert.Single(book.Errors);
        Assert.Equal(("ACC-2", 1, "service.satisfaction[0].score"), (error.Id, error.Index, error.Field));
        Assert.Contains("140", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, book.Records);
    }

    [Theory]
    [InlineData("type", "type", "vip", "type")]
    [InlineData("standing", "standing", "prospect", "standing")]
    [InlineData("share of wallet as text", "shareOfWallet", "lots", "shareOfWallet")]
    [InlineData("share of wallet as a percentage", "shareOfWallet", "45", "shareOfWallet")]
    [InlineData("senior visit not a date", "relationship.lastSeniorVisit", "last week", "relationship.lastSeniorVisit")]
    [InlineData("relationship status", "relationship.status", "excellent", "relationship.status")]
    [InlineData("a list cell that is not JSON", "service.satisfaction", "96", "service.satisfaction")]
    [InlineData("a list cell that is a JSON object", "service.acceptances", """{"date": "2026-01-01", "result": "passed"}""", "service.acceptances")]
    [InlineData("an acceptance result", "service.acceptances", """[{"date": "2026-01-01", "result": "ok"}]""", "service.acceptances[0].result")]
    [InlineData("a complaint severity", "service.complaints", """[{"date": "2026-01-01", "severity": "critical"}]""", "service.complaints[0].severity")]
    [InlineData("a revenue year as a fraction", "revenue", """[{"year": 2025.5, "amount": 1}]""", "revenue[0].year")]
    public void A_bad_cell_rejects_its_row_naming_the_field_and_the_next_row_is_read(string why, string column, string value, string field)
    {
        var book = Book(string.Join('\n', Header, Row(("id", "ACC-9"), (column, value)), Row(("id", "ACC-10"), ("type", "key"))));

        var error = Assert.Single(book.Errors);
        Assert.True(error.Field == field, $"{why}: {error.Field}: {error.Message}");
        Assert.Equal(0, error.Index);
        Assert.Equal(1, book.Records);
    }

    [Fact]
    public void A_non_empty_cell_beyond_the_header_rejects_its_row_and_the_next_row_is_read()
    {
        var book = Book(string.Join('\n', Header, Row(("id", "ACC-9")) + ",extra", Row(("id", "ACC-10"))));

        var error = Assert.Single(book.Errors);
        Assert.Equal(("ACC-9", "(record)"), (error.Id, error.Field));
        Assert.Equal(1, book.Records);
    }

    [Fact]
    public void A_cell_that_is_not_valid_utf8_rejects_its_row_naming_the_field_and_the_rest_is_read()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes($"{Header}\nACC-1,"));
        bytes.AddRange([0xC3, 0x28]); // an invalid two-byte sequence in the name
        bytes.AddRange(Encoding.UTF8.GetBytes(",key,,,,,,,,,,,,\nACC-2,Two,key,,,,,,,,,,,,\n"));

        var book = Book([.. bytes]);

        var error = Assert.Single(book.Errors);
        Assert.Equal(("ACC-1", "name"), (error.Id, error.Field));
        Assert.Equal(1, book.Records);
    }

    [Fact]
    public void A_utf16_accounts_csv_with_a_byte_order_mark_reads_like_utf8()
    {
        var csv = File.ReadAllText(Repo.Path("samples", "accounts.csv"));

        var book = Book(csv, new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        Assert.Empty(book.Errors);
        Assert.Equal(3, book.Records);
    }

    [Fact]
    public void A_row_over_the_record_limit_is_rejected_unread_and_the_next_row_is_read()
    {
        var huge = new string('x', RecordReader.MaxRecordBytes + 10);
        var book = Book($"{Header}\nACC-1,{huge},key,,,,,,,,,,,,\nACC-2,Two,key,,,,,,,,,,,,\n");

        var error = Assert.Single(book.Errors);
        Assert.Equal(("ACC-1", "(account)"), (error.Id, error.Field));
        Assert.Contains("over the limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, book.Records);
    }

    [Fact]
    public void An_account_id_used_twice_in_the_csv_rejects_the_second_row()
    {
        var book = Book($"{Header}\nACC-1,One,key,,,,,,,,,,,,\nACC-1,Again,key,,,,,,,,,,,,\n");

        var error = Assert.Single(book.Errors);
        Assert.Equal(("ACC-1", 1, "id"), (error.Id, error.Index, error.Field));
        Assert.Equal(1, book.Records);
    }

    [Fact]
    public void An_empty_list_cell_is_not_recorded_and_an_empty_array_is_recorded_as_none()
    {
        var records = AccountCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes($"{Header}\nACC-1,One,key,,,,,,,,,,,,\nACC-2,Two,key,,,,,,,,,,[],,\n")), 0).ToList();

        Assert.Null(records[0].Account!.Service.Complaints);
        Assert.True(records[0].Account!.Service.IsEmpty);
        Assert.Empty(records[1].Account!.Service.Complaints!);
    }

    [Fact]
    public void Columns_come_in_any_order_and_case_and_unknown_columns_are_ignored()
    {
        var book = Book("Owner,ID,note,TYPE\nLin Wei,ACC-1,whatever,strategic\n");

        Assert.Empty(book.Errors);
        var account = Assert.Single(book.Grade(new DateOnly(2027, 1, 10)).Accounts);
        Assert.Equal(("ACC-1", "Lin Wei"), (account.Id, account.Owner));
    }

    [Theory]
    [InlineData("name,type\nOne,key\n", "no 'id' column")]
    [InlineData("id,type,Type\nACC-1,key,key\n", "twice")]
    public void An_accounts_csv_without_an_id_column_or_with_a_column_named_twice_is_unusable(string csv, string reason)
    {
        var e = Assert.Throws<PipelineFormatException>(() => Book(csv));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_pipelines_accounts_section_a_csv_error_names_its_data_row()
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer());
        book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes("""[{"id": "ACC-0"}]""")));
        book.AddFile(new MemoryStream(Encoding.UTF8.GetBytes($"{Header}\nACC-1,One,vip,,,,,,,,,,,,\n")));

        var error = Assert.Single(book.Errors);
        Assert.Equal((1, "type"), (error.Index, error.Field));
        Assert.StartsWith("data row 0 of the accounts CSV: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_formula_in_an_accounts_csv_name_is_written_as_text_in_the_key_account_list_csv()
    {
        var path = Path.Combine(Path.GetTempPath(), $"accounts-formula-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "id,name,owner\nACC-118,\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",@owner\n");
        try
        {
            var (code, output, error) = Run("accounts", Repo.SamplePipeline, "--accounts", path, "--format", "csv");

            Assert.True(code == 0, error);
            var row = output.Split('\n').Single(l => l.Contains("ACC-118", StringComparison.Ordinal));
            Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"", row, StringComparison.Ordinal);
            Assert.Contains(",'@owner,", row, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
