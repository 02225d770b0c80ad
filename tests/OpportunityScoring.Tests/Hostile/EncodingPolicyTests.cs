using System.Text;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Tests.Batch;
using static OpportunityScoring.Tests.Hostile.HostileInput;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// One encoding policy for every reader (finding 8): UTF-8 with or without a byte order mark, UTF-16 (little or big
/// endian) with one; a byte sequence that is not valid text is an error of its record naming the field, never a
/// silent U+FFFD.
/// </summary>
public sealed class EncodingPolicyTests
{
    private const string Name = "大客戶 Café — 決策鏈";

    /// <summary>Two records, the first with a name beyond ASCII, in each format.</summary>
    private static string Text(PipelineFormat format, string name = Name) => format switch
    {
        PipelineFormat.Json => $$"""{"schemaVersion":1,"opportunities":[{"id":"E-1","name":"{{name}}","stage":"proposal","expectedContractAmount":5},{"id":"E-2","stage":"tender","expectedContractAmount":7}]}""",
        PipelineFormat.JsonLines => $$"""{"id":"E-1","name":"{{name}}","stage":"proposal","expectedContractAmount":5}""" + "\n" + """{"id":"E-2","stage":"tender","expectedContractAmount":7}""" + "\n",
        PipelineFormat.Csv => $"id,name,stage,expectedContractAmount\nE-1,{name},proposal,5\nE-2,,tender,7\n",
        _ => $"Id,Name,StageName,Amount\nE-1,{name},Proposal,5\nE-2,,Negotiation,7\n",
    };

    /// <summary>UTF-16 code units as bytes, lone surrogates included (an <see cref="Encoding"/> would replace them).</summary>
    private static byte[] Utf16(string text, bool bigEndian)
    {
        var bytes = new List<byte> { bigEndian ? (byte)0xFE : (byte)0xFF, bigEndian ? (byte)0xFF : (byte)0xFE };
        foreach (var c in text)
        {
            bytes.AddRange(bigEndian ? [(byte)(c >> 8), (byte)c] : [(byte)c, (byte)(c >> 8)]);
        }

        return [.. bytes];
    }

    private static byte[] Encode(string text, string encoding) => encoding switch
    {
        "utf-8" => Encoding.UTF8.GetBytes(text),
        "utf-8 with bom" => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
        "utf-16le with bom" => Utf16(text, bigEndian: false),
        "utf-16be with bom" => Utf16(text, bigEndian: true),
        "utf-32le with bom" => [0xFF, 0xFE, 0x00, 0x00, .. new UTF32Encoding(bigEndian: false, byteOrderMark: false).GetBytes(text)],
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    public static TheoryData<PipelineFormat, string> FormatsAndEncodings()
    {
        var data = new TheoryData<PipelineFormat, string>();
        foreach (var format in Enum.GetValues<PipelineFormat>())
        {
            foreach (var encoding in new[] { "utf-8", "utf-8 with bom", "utf-16le with bom", "utf-16be with bom", "utf-32le with bom" })
            {
                data.Add(format, encoding);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsAndEncodings))]
    public void Every_reader_reads_utf8_with_or_without_a_bom_and_utf16_or_utf32_with_a_bom_alike(PipelineFormat format, string encoding)
    {
        var expected = Read(format, Encoding.UTF8.GetBytes(Text(format)));

        var records = Read(format, Encode(Text(format), encoding));

        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Empty(r.Errors));
        Assert.Equal(Name, records[0].Opportunity!.Name);
        Assert.Equal(expected.Select(r => TestData.Json(r.Opportunity)), records.Select(r => TestData.Json(r.Opportunity)));
    }

    [Theory]
    [InlineData(PipelineFormat.Json, "name")]
    [InlineData(PipelineFormat.JsonLines, "name")]
    [InlineData(PipelineFormat.Csv, "name")]
    [InlineData(PipelineFormat.Salesforce, "Name")]
    public void A_lone_surrogate_in_a_utf16_file_is_an_error_of_its_record_naming_the_field_not_a_replacement_character(PipelineFormat format, string field)
    {
        var records = Read(format, Utf16(Text(format, "broken \uD800 name"), bigEndian: false));

        Assert.Equal(2, records.Count);
        Assert.Null(records[0].Opportunity);
        Assert.Contains(records[0].Errors, e => e.Field == field && e.Id == "E-1");
        Assert.Equal("E-2", records[1].Opportunity!.Id);
    }

    [Theory]
    [InlineData(PipelineFormat.Json, "name")]
    [InlineData(PipelineFormat.JsonLines, "name")]
    [InlineData(PipelineFormat.Csv, "name")]
    [InlineData(PipelineFormat.Salesforce, "Name")]
    public void Invalid_utf8_is_an_error_of_its_record_naming_the_field_in_every_reader(PipelineFormat format, string field)
    {
        var text = Encoding.UTF8.GetBytes(Text(format, "broken \u0001 name"));
        text[Array.IndexOf(text, (byte)1)] = 0xFF; // a byte that is never UTF-8, where the control character was

        var records = Read(format, text);

        Assert.Equal(2, records.Count);
        Assert.Null(records[0].Opportunity);
        var error = Assert.Single(records[0].Errors);
        Assert.Equal((field, "E-1"), (error.Field, error.Id));
        Assert.Contains("not valid", error.Message, StringComparison.Ordinal);
        Assert.Equal("E-2", records[1].Opportunity!.Id);
    }
}
