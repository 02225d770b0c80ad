using OpportunityScoring.Pipelines;
using static OpportunityScoring.Tests.Hostile.HostileInput;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>One hostile record: the readers it is written for, its bytes, and the field its error must name.</summary>
/// <param name="Formats">The input formats the record is written in.</param>
/// <param name="Record">The record's bytes (a JSON value, or a CSV row without its line end).</param>
/// <param name="Field">The field the error must name (<c>(record)</c> when the record as a whole is at fault).</param>
internal sealed record HostileCase(PipelineFormat[] Formats, byte[] Record, string Field);

/// <summary>
/// The hostile-input corpus of issue 24: what an attacker or a broken export puts in a record — invalid and overlong
/// UTF-8, escaped lone surrogates, deep arrays, huge numbers, oversized records and collections, misaligned cells.
/// </summary>
internal static class HostileCorpus
{
    private static readonly PipelineFormat[] JsonFormats = [PipelineFormat.Json, PipelineFormat.JsonLines];
    private static readonly PipelineFormat[] Csv = [PipelineFormat.Csv];
    private static readonly PipelineFormat[] Salesforce = [PipelineFormat.Salesforce];

    private const string Rest = "\"stage\":\"proposal\",\"expectedContractAmount\":5}";

    private static readonly byte[] NeverUtf8 = [0xFF];
    private static readonly byte[] OverlongSlash = [0xC0, 0xAF];
    private static readonly byte[] Utf8Surrogate = [0xED, 0xA0, 0x80];
    private static readonly byte[] Truncated = [0xE4, 0xB8];

    public static IReadOnlyDictionary<string, HostileCase> Cases { get; } = new Dictionary<string, HostileCase>(StringComparer.Ordinal)
    {
        // JSON and JSON Lines: finding 1 (crashes), 7 (the \ud800 id), 8 (invalid bytes), 9 and 2 (sizes)
        ["json: id with an escaped lone high surrogate"] = new(JsonFormats, Cat("{\"id\":\"LS\\ud800\",", Rest), "id"),
        ["json: id with an escaped lone low surrogate"] = new(JsonFormats, Cat("{\"id\":\"\\udc00LS\",", Rest), "id"),
        ["json: id with a byte that is never UTF-8"] = new(JsonFormats, Cat("{\"id\":\"B", NeverUtf8, "\",", Rest), "id"),
        ["json: id with an overlong encoding"] = new(JsonFormats, Cat("{\"id\":\"B", OverlongSlash, "\",", Rest), "id"),
        ["json: name with a surrogate encoded in UTF-8"] = new(JsonFormats, Cat("{\"id\":\"H-1\",\"name\":\"n", Utf8Surrogate, "\",", Rest), "name"),
        ["json: name with a truncated multi-byte sequence"] = new(JsonFormats, Cat("{\"id\":\"H-2\",\"name\":\"ab", Truncated, "\",", Rest), "name"),
        ["json: account name with invalid UTF-8"] = new(JsonFormats, Cat("{\"id\":\"H-3\",\"account\":{\"name\":\"x", NeverUtf8, "y\"},", Rest), "account.name"),
        ["json: stakeholder name with an escaped lone surrogate"] = new(JsonFormats, Cat("{\"id\":\"H-4\",\"decisionChain\":{\"stakeholders\":[{\"name\":\"\\ud83d\"}]},", Rest), "decisionChain.stakeholders[0].name"),
        ["json: competitor with invalid UTF-8"] = new(JsonFormats, Cat("{\"id\":\"H-5\",\"competition\":{\"competitors\":[\"ok\",\"", OverlongSlash, "\"]},", Rest), "competition.competitors[1]"),
        ["json: stage word with invalid UTF-8"] = new(JsonFormats, Cat("{\"id\":\"H-6\",\"stage\":\"propos", NeverUtf8, "al\",\"expectedContractAmount\":5}"), "stage"),
        ["json: stakeholders holding a 63-deep array"] = new(JsonFormats, Cat("{\"id\":\"H-7\",\"decisionChain\":{\"stakeholders\":", Deep(63), "},", Rest), "decisionChain.stakeholders"),
        ["json: an unknown field nested 200 deep"] = new(JsonFormats, Cat("{\"id\":\"H-8\",\"notes\":", Deep(200), ",", Rest), "notes"),
        ["json: a record that is an array nested 100 deep"] = new(JsonFormats, Cat(Deep(100)), "(record)"),
        ["json: a contract amount of 1e400"] = new(JsonFormats, Cat("{\"id\":\"H-9\",\"stage\":\"proposal\",\"expectedContractAmount\":1e400}"), "expectedContractAmount"),
        ["json: a contract amount of 5,000 digits"] = new(JsonFormats, Cat("{\"id\":\"H-10\",\"stage\":\"proposal\",\"expectedContractAmount\":", new string('9', 5000), "}"), "expectedContractAmount"),
        ["json: amounts whose margin overflows a decimal"] = new(JsonFormats, Cat("{\"id\":\"H-11\",\"stage\":\"proposal\",\"expectedContractAmount\":0.0000000000000000000000000001,\"estimatedCost\":79228162514264337593543950335}"), "expectedContractAmount"),
        ["json: 201 stakeholders"] = new(JsonFormats, Cat("{\"id\":\"H-12\",\"decisionChain\":{\"stakeholders\":[", string.Join(',', Enumerable.Repeat("{\"role\":\"user\"}", 201)), "]},", Rest), "decisionChain.stakeholders"),
        ["json: 51 competitors"] = new(JsonFormats, Cat("{\"id\":\"H-13\",\"competition\":{\"competitors\":[", string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"c{i}\"")), "]},", Rest), "competition.competitors"),
        ["json: a record over 1 MiB"] = new(JsonFormats, Cat("{\"id\":\"H-14\",\"name\":\"", new string('x', OverLimit), "\",", Rest), "(record)"),
        ["json: a record that is a string over 1 MiB"] = new(JsonFormats, Cat("\"", new string('x', OverLimit), "\""), "(record)"),
        ["json: a record that is a number of 1.5 million digits"] = new(JsonFormats, Cat(new string('7', OverLimit)), "(record)"),

        // CSV: finding 1 (the 63-deep stakeholders cell), 8 (invalid bytes, extra cells), 9 and 2 (sizes)
        ["csv: id cell with invalid UTF-8"] = new(Csv, Cat("B", NeverUtf8, ",,proposal,5,,,"), "id"),
        ["csv: name cell with an overlong encoding"] = new(Csv, Cat("C-1,n", OverlongSlash, ",proposal,5,,,"), "name"),
        ["csv: account name cell with a truncated sequence"] = new(Csv, Cat("C-2,,proposal,5,ab", Truncated, ",,"), "account.name"),
        ["csv: competitors cell with invalid UTF-8"] = new(Csv, Cat("C-3,,proposal,5,,a;", NeverUtf8, ","), "competition.competitors"),
        ["csv: stakeholders cell holding a 63-deep array"] = new(Csv, Cat("C-4,,proposal,5,,,", Deep(63)), "decisionChain.stakeholders"),
        ["csv: stakeholders cell with an escaped lone surrogate"] = new(Csv, Cat("C-5,,proposal,5,,,\"[{\"\"name\"\":\"\"\\ud800\"\"}]\""), "decisionChain.stakeholders"),
        ["csv: a contract amount of 1e400"] = new(Csv, Cat("C-6,,proposal,1e400,,,"), "expectedContractAmount"),
        ["csv: a cell beyond the header"] = new(Csv, Cat("C-7,,proposal,5,,,,Acme Inc"), "(record)"),
        ["csv: 201 stakeholders"] = new(Csv, Cat("C-8,,proposal,5,,,\"[", string.Join(',', Enumerable.Repeat("{\"\"role\"\":\"\"user\"\"}", 201)), "]\""), "decisionChain.stakeholders"),
        ["csv: 51 competitors"] = new(Csv, Cat("C-9,,proposal,5,,", string.Join(';', Enumerable.Range(0, 51).Select(i => $"c{i}")), ","), "competition.competitors"),
        ["csv: a row over 1 MiB"] = new(Csv, Cat("C-10,", new string('x', OverLimit), ",proposal,5,,,"), "(record)"),

        // Salesforce exports
        ["salesforce: Id with invalid UTF-8"] = new(Salesforce, Cat("S", NeverUtf8, "1,Name,Proposal,5,2027-03-01"), "Id"),
        ["salesforce: Name with a truncated sequence"] = new(Salesforce, Cat("S-2,n", Truncated, ",Proposal,5,2027-03-01"), "Name"),
        ["salesforce: StageName with invalid UTF-8"] = new(Salesforce, Cat("S-3,Name,Propos", NeverUtf8, "al,5,2027-03-01"), "StageName"),
        ["salesforce: Amount of 1e400"] = new(Salesforce, Cat("S-4,Name,Proposal,1e400,2027-03-01"), "Amount"),
        ["salesforce: a cell beyond the header"] = new(Salesforce, Cat("S-5,Name,Proposal,5,2027-03-01,Acme Inc"), "(record)"),
        ["salesforce: a row over 1 MiB"] = new(Salesforce, Cat("S-6,", new string('x', OverLimit), ",Proposal,5,2027-03-01"), "(record)"),
    };

    /// <summary>Every (case, format) pair, for a theory.</summary>
    public static TheoryData<string, PipelineFormat> All()
    {
        var data = new TheoryData<string, PipelineFormat>();
        foreach (var (name, c) in Cases)
        {
            foreach (var format in c.Formats)
            {
                data.Add(name, format);
            }
        }

        return data;
    }
}
