using System.Text;
using OpportunityScoring.Engine;
using OpportunityScoring.Pipelines;
using OpportunityScoring.Rules;
using OpportunityScoring.Tests.TestAssets;

using OpportunityScoring.TestSupport;

namespace OpportunityScoring.Tests.Batch;

public sealed class WriterDiffSummaryTests
{
    private static readonly OpportunityScorer Scorer = OpportunityRules.CreateScorer();

    private static string Stream(string pipelineJson, string format, bool indented = true)
    {
        using var source = PipelineStreamReader.OpenJson(TestData.Utf8(pipelineJson));
        var run = new BatchScorer(Scorer, new BatchOptions { ChunkSize = 2 }).Score(source.Records, source.AsOf);
        using var buffer = new MemoryStream();
        using (var writer = format == "json" ? new JsonDocumentBatchWriter(buffer, run.Policy, run.AsOf, indented) : BatchWriters.Create(format, buffer, run.Policy, run.AsOf))
        {
            foreach (var item in run)
            {
                writer.Write(item);
            }

            writer.Complete();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Whole(string pipelineJson, bool indented = true)
    {
        var result = Scorer.ScoreAll(TestPipeline.Read(TestData.Utf8(pipelineJson)));
        using var buffer = new MemoryStream();
        result.WriteDocument(buffer, indented: indented);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private const string WithErrors = """
        { "asOf": "2027-01-10", "opportunities": [
          { "id": "W-1", "stage": "tender", "expectedContractAmount": 1000, "need": { "level": "mustHave" } },
          { "id": "W-2", "stage": "tender", "expectedContractAmount": -1 },
          { "id": "W-3", "stage": "proposal", "expectedContractAmount": 2000, "name": "Ünïcode “quotes” & <tags>" },
          { "id": "W-1", "stage": "tender", "expectedContractAmount": 1000 }
        ] }
        """;

    [Theory]
    [InlineData("the input pipeline", """{ "schemaVersion": 1, "opportunities": [ { "id": "A", "stage": "tender", "expectedContractAmount": 5 } ] }""")]
    [InlineData("a diff written with --diff-out", """{ "counts": { "unchanged": 1 }, "changes": [] }""")]
    [InlineData("JSON Lines of opportunities", "{ \"id\": \"A\", \"stage\": \"tender\", \"expectedContractAmount\": 5 }\n")]
    [InlineData("an array", "[]")]
    [InlineData("a number", "123")]
    [InlineData("a csv output", "index,id,status,grade\n0,A,assessed,B\n")]
    public void A_previous_file_that_is_not_a_score_output_is_refused_saying_what_it_takes(string what, string text)
    {
        var e = Assert.Throws<PipelineFormatException>(() => PreviousRun.Load(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.True(e.Message.Contains("--previous takes what score wrote", StringComparison.Ordinal), $"{what}: {e.Message}");
    }

    [Fact]
    public void The_streamed_json_document_is_the_same_as_the_whole_result_document_for_the_sample()
    {
        var text = File.ReadAllText(TestData.SamplePipeline);
        Assert.Equal(Whole(text), Stream(text, "json"));
        Assert.Equal(Whole(text, indented: false), Stream(text, "json", indented: false));
    }

    [Fact]
    public void The_streamed_json_document_is_the_same_as_the_whole_result_document_with_errors()
    {
        Assert.Equal(Whole(WithErrors), Stream(WithErrors, "json"));
    }

    [Fact]
    public void The_streamed_json_document_is_the_same_as_the_whole_result_document_for_a_generated_pipeline()
    {
        var text = TestData.GeneratedPipelineJson(150, seed: 4);
        Assert.Equal(Whole(text, indented: false), Stream(text, "json", indented: false));
    }

    [Fact]
    public void Json_lines_output_has_one_line_per_assessment_and_per_error()
    {
        var lines = Stream(WithErrors, "jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("{\"id\":\"W-1\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"error\":", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("{\"error\":", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_output_has_a_row_per_record_with_the_same_columns_as_the_header()
    {
        var rows = Stream(WithErrors, "csv").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, rows.Length);
        Assert.Equal(string.Join(',', CsvBatchWriter.Header), rows[0].TrimEnd('\r'));
        Assert.StartsWith("0,W-1,assessed,", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("1,W-2,rejected,", rows[2], StringComparison.Ordinal);
        using var reread = PipelineCsv.Open(TestData.Utf8(string.Join('\n', rows).Replace("index,id", "index,id", StringComparison.Ordinal)));
        _ = reread;
    }

    private static PreviousRun Previous(IEnumerable<Opportunity> opportunities, bool lines)
    {
        var result = Scorer.ScoreAll(TestPipeline.From(opportunities, TestData.AsOf));
        using var buffer = new MemoryStream();
        if (lines)
        {
            result.WriteLines(buffer);
        }
        else
        {
            result.WriteDocument(buffer);
        }

        buffer.Position = 0;
        return PreviousRun.Load(buffer);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_previous_run_knows_the_policy_it_was_made_under_so_a_policy_change_can_be_told_apart(bool previousAsJsonLines)
    {
        var previous = Previous(TestData.Generated(3, seed: 5), previousAsJsonLines);

        Assert.Equal(Scorer.Policy.Stamp, previous.Policy);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_red_flag_that_comes_while_grade_score_gate_and_bid_stay_is_a_change(bool previousAsJsonLines)
    {
        var before = Build.Strong("FLAG-1", Stage.Tender) with
        {
            ExpectedContractAmount = 1_000_000m,
            InitiationReport = new InitiationReport { ExpectedContractAmount = 1_000_000m },
        };
        var after = before with { InitiationReport = new InitiationReport { ExpectedContractAmount = 500_000m } }; // the amount drifted: a red flag, no points
        Assert.Equal(Scorer.Score(before, TestData.AsOf).Score, Scorer.Score(after, TestData.AsOf).Score);
        var differ = new PipelineDiffer(Previous([before], previousAsJsonLines));

        var change = differ.Compare(Scorer.Score(after, TestData.AsOf));

        Assert.NotNull(change);
        var flags = Assert.Single(change.Fields);
        Assert.Equal("redFlags", flags.Field);
        Assert.Contains("initiationReportAmountDrift", flags.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_diff_reports_changed_decisions_and_the_rules_that_explain_them(bool previousAsJsonLines)
    {
        var before = TestData.Generated(40, seed: 13);
        var previous = Previous(before, previousAsJsonLines);
        Assert.Equal(40, previous.Count);

        var target = before[7];
        var improved = new Opportunity
        {
            Id = target.Id,
            Stage = target.Stage,
            ExpectedContractAmount = target.ExpectedContractAmount,
            Need = new NeedEvidence { Level = target.Need.Level == NeedLevel.MustHave ? NeedLevel.NoNeed : NeedLevel.MustHave, RequirementsDocumented = target.Need.RequirementsDocumented, EvaluationCriteriaKnown = target.Need.EvaluationCriteriaKnown },
            Budget = target.Budget,
            Timeline = target.Timeline,
            Competition = target.Competition,
            DecisionChain = target.DecisionChain,
            StrategicFit = target.StrategicFit,
            Milestones = target.Milestones,
            EstimatedCost = target.EstimatedCost,
            CostRange = target.CostRange,
            InitiationReport = target.InitiationReport,
            Account = target.Account,
            ExpectedSignDate = target.ExpectedSignDate,
            StageEnteredOn = target.StageEnteredOn,
        };
        var now = before.Where((_, i) => i != 3).Select((o, i) => o.Id == target.Id ? improved : o).Append(new Opportunity { Id = "BRAND-NEW", Stage = Stage.Development, ExpectedContractAmount = 10 }).ToList();

        var differ = new PipelineDiffer(previous);
        var changes = now.Select(o => differ.Compare(Scorer.Score(o, TestData.AsOf))).OfType<OpportunityChange>().ToList();
        changes.AddRange(differ.Finish());

        var changed = Assert.Single(changes, c => c.Kind == ChangeKind.Changed);
        Assert.Equal(target.Id, changed.Id);
        Assert.Contains(changed.Fields, f => f.Field == "score" && f.Before != f.After);
        var need = Assert.Single(changed.Reasons, r => r.Rule == "Grading.Need.Level");
        Assert.NotEqual(need.Before, need.After);
        Assert.Equal("BRAND-NEW", Assert.Single(changes, c => c.Kind == ChangeKind.New).Id);
        Assert.Equal(before[3].Id, Assert.Single(changes, c => c.Kind == ChangeKind.Removed).Id);
        Assert.Equal(new DiffCounts(38, 1, 1, 1), differ.Counts);

        var json = DiffDocumentWriter.ToJson(changes, differ.Counts);
        Assert.Contains("\"kind\": \"changed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"rule\": \"Grading.Need.Level\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_counts_grades_and_describes_the_score_distribution()
    {
        var opportunities = TestData.Generated(101, seed: 17);
        var builder = new PipelineSummaryBuilder();
        var assessments = new List<Assessment>();
        foreach (var item in new BatchScorer(Scorer).Score(opportunities, TestData.AsOf))
        {
            builder.Add(item);
            assessments.Add(item.Assessment!);
        }

        builder.Add(new BatchItem(101, null, null, [new InputError(null, 101, "id", "missing")]));
        var summary = builder.Build();

        Assert.Equal(102, summary.Records);
        Assert.Equal(101, summary.Assessed);
        Assert.Equal(1, summary.Rejected);
        foreach (var grade in Enum.GetValues<Grade>())
        {
            Assert.Equal(assessments.Count(a => a.Grade == grade), summary.CountsBy["grade"].GetValueOrDefault(grade.ToString()));
        }

        var scores = assessments.Select(a => (double)a.Score).OrderBy(s => s).ToArray();
        var s = summary.Scores!;
        Assert.Equal(101, s.Count);
        Assert.Equal(scores.Average(), s.Mean, 9);
        Assert.Equal(scores[50], s.Median, 9);
        Assert.Equal(scores[0], s.Min);
        Assert.Equal(scores[^1], s.Max);
        Assert.InRange(s.P10, scores[9], scores[11]);
        Assert.InRange(s.P90, scores[89], scores[91]);
        var mean = scores.Average();
        Assert.Equal(Math.Sqrt(scores.Sum(x => (x - mean) * (x - mean)) / 100), s.StandardDeviation, 9);
        Assert.Equal(opportunities.Where(o => o.Stage != Stage.Closed).Sum(o => o.ExpectedContractAmount), summary.OpenPipelineValue);
        var weighted = opportunities.Zip(assessments).Where(p => p.First.Stage != Stage.Closed).Sum(p => p.First.ExpectedContractAmount * (decimal)p.Second.WinProbability);
        Assert.Equal(weighted, summary.WeightedPipelineValue!.Value, 2);
    }

    [Fact]
    public void The_generator_is_deterministic_for_a_seed_and_covers_every_stage()
    {
        var a = TestData.Generated(300, seed: 99).Select(TestData.Json).ToList();
        var b = TestData.Generated(300, seed: 99).Select(TestData.Json).ToList();
        var c = TestData.Generated(300, seed: 100).Select(TestData.Json).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        var stages = TestData.Generated(300, seed: 99).Select(o => o.Stage).Distinct().ToList();
        Assert.Equal(Enum.GetValues<Stage>().Length, stages.Count);
        Assert.All(TestData.Generated(300, seed: 99), o => Assert.Empty(OpportunityValidator.Validate(o)));
    }
}
