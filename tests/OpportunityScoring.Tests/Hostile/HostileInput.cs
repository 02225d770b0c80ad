using System.Text;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Builds pipelines around one hostile record, byte by byte (so that invalid UTF-8 and escapes reach the readers as
/// they would from a file), and reads them through every reader.
/// </summary>
internal static class HostileInput
{
    /// <summary>The flat CSV header of the corpus: the columns the hostile cells go in.</summary>
    public const string CsvHeader = "id,name,stage,expectedContractAmount,account.name,competition.competitors,decisionChain.stakeholders";

    /// <summary>The Salesforce header of the corpus.</summary>
    public const string SalesforceHeader = "Id,Name,StageName,Amount,CloseDate";

    /// <summary>One MiB and a half: over the per-record limit in every reader.</summary>
    public const int OverLimit = 3 << 19;

    public static string GoodJson(string id) => $$"""{"id":"{{id}}","stage":"proposal","expectedContractAmount":5}""";

    public static string GoodCsv(string id) => $"{id},,proposal,5,,,";

    public static string GoodSalesforce(string id) => $"{id},Good,Proposal,5,2027-03-01";

    /// <summary>Concatenates text (as UTF-8) and raw bytes.</summary>
    public static byte[] Cat(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            bytes.AddRange(part switch
            {
                string s => Encoding.UTF8.GetBytes(s),
                byte[] b => b,
                byte b => [b],
                _ => throw new ArgumentException($"not text or bytes: {part}", nameof(parts)),
            });
        }

        return [.. bytes];
    }

    /// <summary>A JSON array nested <paramref name="depth"/> deep.</summary>
    public static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>The whole input of a format, its records (JSON values, or CSV rows without line ends) given as bytes.</summary>
    public static byte[] Pipeline(PipelineFormat format, IEnumerable<byte[]> records) => format switch
    {
        PipelineFormat.Json => Cat(["""{"schemaVersion":1,"asOf":"2027-01-10","opportunities":[""", .. Join(records, ",\n"), "]}"]),
        PipelineFormat.JsonLines => Cat([.. Join(records, "\n"), "\n"]),
        PipelineFormat.Csv => Cat([CsvHeader + "\n", .. Join(records, "\n"), "\n"]),
        PipelineFormat.Salesforce => Cat([SalesforceHeader + "\n", .. Join(records, "\n"), "\n"]),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The good record <c>GOOD-A</c>, the hostile one, the good record <c>GOOD-C</c>, in a format.</summary>
    public static byte[] Around(PipelineFormat format, byte[] hostile) => Pipeline(format, [Good(format, "GOOD-A"), hostile, Good(format, "GOOD-C")]);

    public static byte[] Good(PipelineFormat format, string id) => Encoding.UTF8.GetBytes(format switch
    {
        PipelineFormat.Json or PipelineFormat.JsonLines => GoodJson(id),
        PipelineFormat.Csv => GoodCsv(id),
        _ => GoodSalesforce(id),
    });

    /// <summary>Every record of an input, read through <see cref="PipelineSource"/> as the hosts read it.</summary>
    public static List<PipelineRecord> Read(PipelineFormat format, byte[] input)
    {
        using var source = PipelineSource.Open(format, new MemoryStream(input));
        return [.. source.Records];
    }

    /// <summary>Whether an error names the field (or a part of it: <c>decisionChain.stakeholders[0]</c> names <c>decisionChain.stakeholders</c>).</summary>
    public static bool Names(InputError error, string field) =>
        error.Field == field
        || error.Field.StartsWith(field + ".", StringComparison.Ordinal)
        || error.Field.StartsWith(field + "[", StringComparison.Ordinal);

    private static IEnumerable<object> Join(IEnumerable<byte[]> records, string separator)
    {
        var first = true;
        foreach (var record in records)
        {
            if (!first)
            {
                yield return separator;
            }

            first = false;
            yield return record;
        }
    }
}
