using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Testing;
using TestData = OpportunityScoring.Tests.Batch.TestData;
using static OpportunityScoring.Tests.Hostile.HostileInput;

namespace OpportunityScoring.Tests.Hostile;

/// <summary>
/// Arbitrary hostile values — any string (lone surrogates included, written as the bytes a careless encoder writes),
/// escaped lone surrogates, bytes that are not UTF-8, deep arrays, huge numbers, now and then a value over the record
/// limit — put into one field of one record of a valid generated pipeline, in every reader's format: nothing escapes
/// the reader, every record is accounted for, every other record reads exactly as without it, and the record is either
/// valid (never with a U+FFFD the input did not have) or rejected with an error naming the field.
/// </summary>
public sealed class HostileInputProperties
{
    private const int Records = 6;

    /// <summary>A hostile value: as a JSON value, as the text of a CSV cell, and what a reader must make of it.</summary>
    public sealed record Payload(string Kind, byte[] Json, byte[] Text, bool InvalidInJson, bool InvalidAsText, bool TooDeep, bool Oversized, bool HasReplacement)
    {
        public override string ToString() => $"{Kind}: {Convert.ToHexString(Text.AsSpan(0, Math.Min(Text.Length, 40)))}{(Text.Length > 40 ? "…" : string.Empty)}";
    }

    /// <summary>One injection: the format, the pipeline's seed, the record, the field and the value.</summary>
    public sealed record Injection(PipelineFormat Format, int Seed, int Record, string Field, Payload Payload);

    private static readonly string[] JsonFields = ["id", "name", "account.name", "competition.competitors[0]", "decisionChain.stakeholders[0].name", "decisionChain.stakeholders", "expectedContractAmount", "notes"];
    private static readonly string[] CsvFields = ["id", "name", "account.name", "competition.competitors", "decisionChain.stakeholders", "expectedContractAmount"];
    private static readonly string[] SalesforceFields = ["Id", "Name", "StageName", "Amount", "CloseDate"];

    private static Gen<Payload> Payloads { get; } = Gen.Frequency(
        (6, ArbMap.Default.ArbFor<string>().Generator.Where(s => s is not null).Select(FromString)),
        (2, Gen.Elements(@"\ud800", @"\udfff", @"a\ud83d", @"\udc00b", @"\ud83d\ud83d").Select(e => new Payload("escaped surrogate", Bytes("\"" + e + "\""), Bytes(e), true, false, false, false, false))),
        (3, Gen.Choose(0x80, 0xFF).Select(b => (byte)b).ArrayOf().Where(a => a.Length is > 0 and < 8).Select(a => (byte[])[(byte)'a', .. a, (byte)'z']).Where(a => !System.Text.Unicode.Utf8.IsValid(a))
            .Select(a => new Payload("invalid UTF-8", [(byte)'"', .. a, (byte)'"'], a, true, true, false, false, false))),
        (2, Gen.Choose(1, 300).Select(d => new Payload($"array {d} deep", Bytes(Deep(d)), Bytes(Deep(d)), false, false, d >= RecordReader.MaxDepth, false, false))),
        (2, Gen.Elements("1e400", "-1e400", new string('9', 400), "1e-400", "79228162514264337593543950336", "0.0000000000000000000000000001", "-0")
            .Select(n => new Payload("number", Bytes(n), Bytes(n), false, false, false, false, false))),
        (1, Gen.Constant(new Payload("oversized", Bytes("\"" + new string('x', OverLimit) + "\""), Bytes(new string('x', OverLimit)), false, false, false, true, false))));

    private static Gen<Injection> Injections { get; } =
        from format in Gen.Elements(Enum.GetValues<PipelineFormat>())
        from seed in Gen.Choose(1, 10_000)
        from record in Gen.Choose(0, Records - 1)
        from field in Gen.Elements(format switch { PipelineFormat.Json or PipelineFormat.JsonLines => JsonFields, PipelineFormat.Csv => CsvFields, _ => SalesforceFields })
        from payload in Payloads
        select new Injection(format, seed, record, field, payload);

    [Property(MaxTest = 300, QuietOnSuccess = true)]
    public Property A_hostile_value_in_any_field_of_any_reader_is_an_error_of_its_record_naming_the_field_and_nothing_else_changes() =>
        Prop.ForAll(Injections.ToArbitrary(), c =>
        {
            var opportunities = new PipelineGenerator(c.Seed, TestData.AsOf).Generate(Records).ToList();
            var clean = Read(c.Format, Build(c.Format, opportunities, null));
            var read = Read(c.Format, Build(c.Format, opportunities, c));

            var others = Enumerable.Range(0, Records).Where(i => i != c.Record).All(i =>
                read[i].Index == i
                && TestData.Json(read[i].Opportunity) == TestData.Json(clean[i].Opportunity)
                && read[i].Errors.SequenceEqual(clean[i].Errors));
            var hostile = read[c.Record];
            var text = c.Format is PipelineFormat.Json or PipelineFormat.JsonLines ? c.Field != "notes" : c.Field != "decisionChain.stakeholders";
            var mustReject = c.Payload.Oversized
                || (c.Format is PipelineFormat.Json or PipelineFormat.JsonLines ? c.Payload.TooDeep || (c.Payload.InvalidInJson && c.Field != "notes")
                    : c.Field == "decisionChain.stakeholders" ? c.Payload.InvalidInJson || c.Payload.TooDeep : c.Payload.InvalidAsText);
            var fine = hostile.Opportunity is { } o
                ? !mustReject && (c.Payload.HasReplacement || !TestData.Json(o).Contains('\uFFFD', StringComparison.Ordinal))
                : hostile.Errors.Count > 0 && hostile.Errors.All(e => e.Index == c.Record)
                    && hostile.Errors.Any(e => Names(e, c.Field) || (c.Payload.Oversized && e.Field == "(record)") || (text && e.Field == "id" && e.Message.StartsWith("duplicate", StringComparison.Ordinal)));
            return (read.Count == Records && others && fine)
                .Label($"{c.Format} record {c.Record} field {c.Field} {c.Payload}: {read.Count} records; errors: {string.Join(" | ", hostile.Errors)}");
        });

    private static Payload FromString(string s)
    {
        var json = new List<byte> { (byte)'"' };
        var text = new List<byte>();
        var invalid = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                var pair = Encoding.UTF8.GetBytes(s.Substring(i++, 2));
                json.AddRange(pair);
                text.AddRange(pair);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                // what a careless encoder writes for a lone surrogate (CESU-8 / WTF-8): three bytes that are not UTF-8
                invalid = true;
                byte[] wtf8 = [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))];
                json.AddRange(wtf8);
                text.AddRange(wtf8);
                continue;
            }

            var utf8 = Encoding.UTF8.GetBytes(c.ToString());
            text.AddRange(utf8);
            json.AddRange(c switch
            {
                '"' => Bytes("\\\""),
                '\\' => Bytes("\\\\"),
                < ' ' => Bytes($"\\u{(int)c:x4}"),
                _ => utf8,
            });
        }

        json.Add((byte)'"');
        return new Payload("string", [.. json], [.. text], invalid, invalid, false, false, s.Contains('\uFFFD', StringComparison.Ordinal));
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>The pipeline of the opportunities in a format, with the hostile value in its field when there is one.</summary>
    private static byte[] Build(PipelineFormat format, List<Opportunity> opportunities, Injection? hostile)
    {
        var records = opportunities.Select((o, i) => format switch
        {
            PipelineFormat.Json or PipelineFormat.JsonLines => JsonRecord(o, i == hostile?.Record ? hostile : null),
            PipelineFormat.Csv => CsvRow(o, i == hostile?.Record ? hostile : null),
            _ => SalesforceRow(o, i == hostile?.Record ? hostile : null),
        });
        return format switch
        {
            PipelineFormat.Csv => Cat([string.Join(',', PipelineCsv.Columns) + "\n", .. records.SelectMany(r => new object[] { r, "\n" })]),
            _ => Pipeline(format, records),
        };
    }

    private const string Marker = "@@HOSTILE@@";

    private static byte[] JsonRecord(Opportunity o, Injection? hostile)
    {
        var node = JsonSerializer.SerializeToNode(o, OpportunityJson.Writing)!.AsObject();
        if (hostile is null)
        {
            return Bytes(node.ToJsonString());
        }

        switch (hostile.Field)
        {
            case "competition.competitors[0]":
                Child(node, "competition")["competitors"] = new JsonArray(Marker);
                break;
            case "decisionChain.stakeholders[0].name":
                Child(node, "decisionChain")["stakeholders"] = new JsonArray(new JsonObject { ["name"] = Marker, ["role"] = "user" });
                break;
            default:
                var parts = hostile.Field.Split('.');
                var parent = parts[..^1].Aggregate(node, Child);
                parent[parts[^1]] = Marker;
                break;
        }

        var text = node.ToJsonString();
        var at = text.IndexOf("\"" + Marker + "\"", StringComparison.Ordinal);
        return Cat(text[..at], hostile.Payload.Json, text[(at + Marker.Length + 2)..]);
    }

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject child)
        {
            child = new JsonObject();
            parent[name] = child;
        }

        return child;
    }

    private static byte[] CsvRow(Opportunity o, Injection? hostile)
    {
        var element = JsonSerializer.SerializeToElement(o, OpportunityJson.Writing);
        var cells = new List<object>();
        foreach (var (path, kind) in CsvLayout.Columns)
        {
            if (cells.Count > 0)
            {
                cells.Add(",");
            }

            cells.Add(Quoted(path == hostile?.Field
                ? (path == "decisionChain.stakeholders" ? hostile.Payload.Json : hostile.Payload.Text)
                : Bytes(CsvLayout.Cell(element, path, kind))));
        }

        return Cat([.. cells]);
    }

    private static byte[] SalesforceRow(Opportunity o, Injection? hostile)
    {
        string[] names = ["Id", "Name", "StageName", "Amount", "CloseDate"];
        string[] values = [o.Id, o.Name ?? string.Empty, "Proposal", o.ExpectedContractAmount.ToString(CultureInfo.InvariantCulture), o.ExpectedSignDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty];
        return Cat([.. names.Select((n, i) => (object)Quoted(n == hostile?.Field ? hostile.Payload.Text : Bytes(values[i]))).SelectMany((cell, i) => i == 0 ? [cell] : new object[] { ",", cell })]);
    }

    /// <summary>A CSV cell in quotes, its quotes doubled, byte by byte (so that bytes that are not UTF-8 stay as they are).</summary>
    private static byte[] Quoted(byte[] cell) => [(byte)'"', .. cell.SelectMany(b => b == '"' ? new[] { b, b } : [b]), (byte)'"'];
}
