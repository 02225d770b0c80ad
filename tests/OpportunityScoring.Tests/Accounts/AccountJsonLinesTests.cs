using System.Text;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Accounts;

/// <summary>An accounts file in JSON Lines is read from its bytes a line at a time: a bad line is an error naming it, the rest read.</summary>
public sealed class AccountJsonLinesTests
{
    private static AccountBook Book(byte[] file)
    {
        var book = new AccountBook(OpportunityRules.CreateAccountScorer());
        book.AddFile(new MemoryStream(file));
        return book;
    }

    [Fact]
    public void A_line_with_text_that_is_not_valid_utf8_rejects_that_account_and_the_other_lines_are_read()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("{\"id\": \"ACC-1\"}\n{\"id\": \"ACC-2\", \"name\": \""));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}\n\n{\"id\": \"ACC-3\"}\n"));

        var book = Book([.. bytes]);

        var error = Assert.Single(book.Errors);
        Assert.Equal(("ACC-2", 1, "(account)"), (error.Id, error.Index, error.Field));
        Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, book.Records);
    }

    [Fact]
    public void An_accounts_array_with_a_name_that_is_not_valid_utf8_rejects_that_account_and_reads_the_others()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes("[{\"id\": \"ACC-1\", \"name\": \""));
        bytes.AddRange([0xC3, 0x28]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}, {\"id\": \"ACC-2\"}]"));

        var book = Book([.. bytes]);

        Assert.Equal(("ACC-1", 0), (Assert.Single(book.Errors).Id, book.Errors[0].Index));
        Assert.Equal(1, book.Records);
    }

    [Fact]
    public void A_line_over_the_record_limit_is_rejected_unread_and_the_next_line_is_read()
    {
        var huge = "{\"id\": \"ACC-1\", \"name\": \"" + new string('x', RecordReader.MaxRecordBytes) + "\"}";

        var book = Book(Encoding.UTF8.GetBytes(huge + "\n{\"id\": \"ACC-2\"}\n"));

        var error = Assert.Single(book.Errors);
        Assert.Equal((0, "(account)"), (error.Index, error.Field));
        Assert.Contains("over the limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, book.Records);
    }

    [Fact]
    public void A_utf16_json_lines_file_with_a_byte_order_mark_reads_like_utf8()
    {
        var text = "{\"id\": \"ACC-1\", \"name\": \"大客戶\"}\n{\"id\": \"ACC-2\"}\n";
        var utf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);

        var book = Book([.. utf16.GetPreamble(), .. utf16.GetBytes(text)]);

        Assert.Empty(book.Errors);
        Assert.Equal(2, book.Records);
    }
}
