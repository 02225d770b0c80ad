using System.Text.Json;
using OpportunityScoring.Cli;
using OpportunityScoring.Tests.Batch;
using OpportunityScoring.Tests.Hostile;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Ledger;

/// <summary>
/// Plan, act, review through the command line (issue 21): one opportunity walks development → initiation → proposal →
/// tender over four stored runs, with actions done and not done, a relationship bid approved at the tender against the
/// engine's decision, and a lost outcome; history, the gate record and the review show it, in English and zh-Hant.
/// </summary>
[Collection(LedgerStoresGroup.Name)]
public sealed class ReviewLoopScenarioTests(LedgerStores stores) : IDisposable
{
    private const string Id = "OPP-LOOP-1";
    private readonly string _folder = Directory.CreateTempSubdirectory("review-loop-").FullName;

    public static TheoryData<string> Kinds => LedgerStoreTests.Kinds;

    private static (int Code, string Out, string Err) Cli(params string[] args) => CliTestSupport.Run(args);

    private string Pipeline(string asOf, Opportunity opportunity)
    {
        var path = Path.Combine(_folder, $"pipeline-{asOf}.json");
        File.WriteAllText(path, $"{{\"schemaVersion\": 1, \"asOf\": \"{asOf}\", \"opportunities\": [{TestData.Json(opportunity)}]}}");
        return path;
    }

    private (int Code, string Out, string Err) Score(string store, string asOf, Opportunity opportunity) =>
        Cli("score", Pipeline(asOf, opportunity), "--store", store, "--explain", "--format", "json", "--out", Path.Combine(_folder, $"out-{asOf}.json"));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void One_pursuit_from_development_to_a_lost_tender_is_planned_acted_on_overridden_and_reviewed(string kind)
    {
        var store = stores.New(kind);
        var lead = Build.Strong(Id, Stage.Development) with { Budget = new BudgetEvidence { Status = BudgetStatus.Unknown } };

        // development: two actions — the first improvement (confirm the budget), and meeting the procurement lead
        Assert.Equal(0, Score(store, "2027-01-10", lead).Code);
        var fromImprovement = Cli("plan", "add", Id, "--store", store, "--owner", "Ms Wang", "--due", "2027-01-20", "--from-improvement", "1", "--on", "2027-01-10", "--by", "alice");
        var budget = Cli("plan", "add", Id, "--store", store, "--owner", "Mr Zhao", "--due", "2027-01-25", "--what", "meet Ms Lin of procurement", "--evidence", "decisionChain.stakeholders[2].coverage", "--on", "2027-01-10", "--by", "alice");
        Assert.Equal((0, 0), (fromImprovement.Code, budget.Code));
        Assert.Contains("evidence budget.status", fromImprovement.Out, StringComparison.Ordinal);
        Assert.Equal(0, Cli("plan", "done", "1", "--store", store, "--on", "2027-01-18", "--note", "budget approved", "--by", "wang").Code);

        // initiation: the budget action is reviewed (succeeded: its evidence moved), the meeting is overdue and needs a remedy (補救)
        var initiation = Score(store, "2027-02-01", Build.Strong(Id, Stage.Initiation) with { Budget = new BudgetEvidence { Status = BudgetStatus.WillBuy } });
        Assert.Contains("2 action(s) reviewed", initiation.Err, StringComparison.Ordinal);
        Assert.Contains("1 succeeded, 1 overdue", initiation.Err, StringComparison.Ordinal);
        Assert.Contains("remedy needed (補救)", initiation.Err, StringComparison.Ordinal);

        Assert.Equal(0, Score(store, "2027-03-01", Build.Strong(Id, Stage.Proposal)).Code);

        // tender: the buying criteria are against us on an account the policy does not hold worth a relationship bid, so the
        // engine says no bid; the director approves a relationship bid (可以選擇退出競爭，或者利用這次機會與其建立關係)
        var strong = Build.Strong(Id, Stage.Tender);
        var tender = strong with
        {
            Account = strong.Account with { KeyAccount = false },
            StrategicFit = strong.StrategicFit with { FutureInfluence = FutureInfluence.Unknown },
            Competition = new CompetitionEvidence { Competitors = ["Rival"], Incumbent = Incumbent.Competitor, Position = CompetitivePosition.Behind, BuyingCriteriaFavor = BuyingCriteriaFavor.Competitor },
        };
        Assert.Equal(0, Score(store, "2027-04-01", tender).Code);
        var tenderFile = Path.Combine(_folder, "pipeline-2027-04-01.json");
        var overridden = Cli("override", "add", Id, "--store", store, "--kind", "bid", "--value", "relationshipBid", "--reason", "build the relationship for the next phase", "--approved-by", "Director Li", "--until-stage", "implementation", "--by", "alice");
        Assert.Equal(0, overridden.Code);
        Assert.Equal(0, Cli("outcome", "add", Id, "--store", store, "--result", "lost", "--closed-on", "2027-04-20", "--competitor", "Rival", "--price", "9500000", "--by", "bob").Code);

        var history = JsonDocument.Parse(Cli("history", Id, "--store", store, "--format", "json").Out).RootElement;
        Assert.Equal(["development", "initiation", "proposal", "tender"], history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("stage").GetString()));
        var engineAtTender = history.GetProperty("entries")[3].GetProperty("bid").GetString();
        Assert.Equal("noBid", engineAtTender);
        Assert.Equal(["succeeded", "overdue"], history.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("result").GetString()));
        Assert.Equal([false, true], history.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("needsRemedy").GetBoolean()));
        var o = history.GetProperty("overrides")[0];
        Assert.Equal(("relationshipBid", engineAtTender, "active", "Director Li"), (o.GetProperty("value").GetString(), o.GetProperty("engineNow").GetString(), o.GetProperty("state").GetString(), o.GetProperty("approvedBy").GetString()));
        Assert.Equal(("lost", "Rival"), (history.GetProperty("outcomes")[0].GetProperty("result").GetString(), history.GetProperty("outcomes")[0].GetProperty("competitor").GetString()));
        var table = Cli("history", Id, "--store", store).Out;
        Assert.Contains("remedy", table, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Overrides beside the engine's decision", table, StringComparison.Ordinal);

        // The tracking table (專案跟蹤表) as one page, in English and in Traditional Chinese: the runs, the plan's results, the override beside the engine, the outcome.
        var page = Cli("history", Id, "--store", store, "--format", "markdown");
        var pageZh = Cli("history", Id, "--store", store, "--format", "markdown", "--culture", "zh-Hant");
        Assert.Equal((0, 0), (page.Code, pageZh.Code));
        Assert.Contains($"# Tracking table — {Id}", page.Out, StringComparison.Ordinal);
        Assert.Contains("| overdue |", page.Out, StringComparison.Ordinal);
        Assert.Contains("| relationshipBid | Director Li |", page.Out, StringComparison.Ordinal);
        Assert.Contains($"# 專案跟蹤表：{Id}", pageZh.Out, StringComparison.Ordinal);
        Assert.Contains("| 2027-04-01 | 招投標 |", pageZh.Out, StringComparison.Ordinal);
        Assert.Contains("| 預算狀態（預算） | 已完成 | 成功：證據已改變 |", pageZh.Out, StringComparison.Ordinal);
        Assert.Contains("| 第3位關鍵人的關係深度 | 進行中 | 已逾期 |", pageZh.Out, StringComparison.Ordinal);
        Assert.Contains("| 需要補救 |", pageZh.Out, StringComparison.Ordinal);
        Assert.Contains("| 投標決策 | 不投標 | 關係性投標 | Director Li | build the relationship for the next phase | 工程實施 | 生效中 |", pageZh.Out, StringComparison.Ordinal);
        Assert.Contains("| 丟單 | 2027-04-20 | Rival | bob |", pageZh.Out, StringComparison.Ordinal);

        var report = Cli("report", tenderFile, "--id", Id, "--store", store);
        var reportZh = Cli("report", tenderFile, "--id", Id, "--store", store, "--culture", "zh-Hant");
        Assert.Equal((0, 0), (report.Code, reportZh.Code));
        Assert.Contains("Decision: **relationshipBid**", report.Out, StringComparison.Ordinal);
        Assert.Contains($"Engine's recommendation: {engineAtTender}", report.Out, StringComparison.Ordinal);
        Assert.Contains("approved by Director Li: build the relationship for the next phase", report.Out, StringComparison.Ordinal);
        Assert.Contains("關卡決策紀錄", reportZh.Out, StringComparison.Ordinal);
        Assert.Contains("決策：**關係性投標**", reportZh.Out, StringComparison.Ordinal);
        Assert.Contains("核准人 Director Li", reportZh.Out, StringComparison.Ordinal);

        var review = JsonDocument.Parse(Cli("review", "--store", store, "--format", "json").Out).RootElement;
        Assert.Equal(1, review.GetProperty("closed").GetInt32());
        Assert.Equal("tender", review.GetProperty("byStage")[0].GetProperty("group").GetString());
        Assert.Equal(1, review.GetProperty("byStage")[0].GetProperty("lost").GetInt32());
        var verdict = review.GetProperty("overrides")[0];
        Assert.Equal(("relationshipBid", "noBid", "lost", "engine"), (verdict.GetProperty("people").GetString(), verdict.GetProperty("engine").GetString(), verdict.GetProperty("result").GetString(), verdict.GetProperty("right").GetString()));
        var reviewCsv = Cli("review", "--store", store, "--format", "csv").Out.Split('\n');
        Assert.Equal("section,group,closed,won,lost,noBid,withdrawn,rate,low,high,meanPredicted,kind,engine,people,approvedBy,result,right", reviewCsv[0]);
        Assert.Contains(reviewCsv, l => l.StartsWith("byStage,tender,1,0,1,0,0,0,", StringComparison.Ordinal));
        Assert.Contains($"overrides,{Id},,,,,,,,,,bid,noBid,relationshipBid,Director Li,lost,engine", reviewCsv);
        var reviewZh = Cli("review", "--store", store, "--format", "markdown", "--culture", "zh-Hant").Out;
        Assert.Contains("# 贏單／丟單檢討", reviewZh, StringComparison.Ordinal);
        Assert.Contains("| 招投標 | 1 | 0 | 1 |", reviewZh, StringComparison.Ordinal);
        Assert.Contains("關係性投標", reviewZh, StringComparison.Ordinal);
        Assert.Contains("# Win/loss review", Cli("review", "--store", store, "--format", "markdown").Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Outcomes_imported_from_a_salesforce_export_are_recorded_and_a_bad_row_is_named_while_the_rest_are_kept(string kind)
    {
        var store = stores.New(kind);
        var export = Path.Combine(_folder, "sf.csv");
        File.WriteAllText(export, "Id,StageName,Amount,IsClosed,IsWon,CloseDate\n006A,Closed Won,500,1,1,2027-01-15\n006B,Closed Lost,700,1,0,someday\n006C,Negotiation,100,0,0,2027-05-01\n");

        var imported = Cli("outcome", "import", export, "--store", store, "--input", "salesforce", "--by", "crm");
        var listed = Cli("outcome", "list", "--store", store, "--format", "csv");

        Assert.Equal(1, imported.Code);
        Assert.Contains("line 3, CloseDate", imported.Err, StringComparison.Ordinal);
        Assert.Contains("1 outcome(s) recorded, 1 row(s) rejected", imported.Out, StringComparison.Ordinal);
        Assert.Equal(2, listed.Out.Trim().Split('\n').Length);
        Assert.Contains("006A,won,2027-01-15,,500,salesforce", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_what_if_with_a_store_names_the_overrides_in_force_whose_engine_decision_the_proposed_policy_changes()
    {
        // OPP-2027-0042 of the sample pipeline is graded A (80.86); the proposed bands make anything under 97 a D.
        const string sample = "OPP-2027-0042";
        var store = Path.Combine(_folder, "whatif.db");
        var pipeline = Repo.SamplePipeline;
        Assert.Equal(0, Cli("score", pipeline, "--store", store, "--format", "json", "--out", Path.Combine(_folder, "sample-out.json")).Code);
        Assert.Equal(0, Cli("override", "add", sample, "--store", store, "--kind", "grade", "--value", "B", "--reason", "board sponsor", "--approved-by", "Director Li", "--expires", "2027-12-31", "--by", "alice").Code);
        var engineGrade = JsonDocument.Parse(Cli("override", "list", sample, "--store", store, "--format", "json").Out).RootElement[0].GetProperty("engineNow").GetString();
        var everythingD = Path.Combine(_folder, "everything-d.json");
        var policy = System.Text.Json.Nodes.JsonNode.Parse(OpportunityScoring.Rules.OpportunityRules.DefaultPolicyJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        policy["gradeBands"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"grade":"A","min":99,"max":100},{"grade":"B","min":98,"max":99},{"grade":"C","min":97,"max":98},{"grade":"D","min":0,"max":97}]""");
        File.WriteAllText(everythingD, policy.ToJsonString());

        var table = Cli("whatif", pipeline, "--policy", everythingD, "--store", store);
        var json = Cli("whatif", pipeline, "--policy", everythingD, "--store", store, "--format", "json");
        var without = Cli("whatif", pipeline, "--policy", everythingD, "--format", "json");

        Assert.NotEqual("D", engineGrade);
        Assert.Equal((0, 0, 0), (table.Code, json.Code, without.Code));
        Assert.Contains($"override 1 {sample}: grade B (approved by Director Li: board sponsor); engine {engineGrade} → D: decide again.", table.Out, StringComparison.Ordinal);
        var reRaised = JsonDocument.Parse(json.Out).RootElement.GetProperty("overridesReRaised");
        Assert.Equal((1, engineGrade, "D"), (reRaised.GetArrayLength(), reRaised[0].GetProperty("engineNow").GetString(), reRaised[0].GetProperty("engineProposed").GetString()));
        Assert.False(JsonDocument.Parse(without.Out).RootElement.TryGetProperty("overridesReRaised", out _));
    }

    [Fact]
    public void A_verb_of_the_loop_with_an_unusable_store_or_an_incomplete_override_says_why_and_exits_2()
    {
        var missing = Cli("plan", "list", "--store", Path.Combine(_folder, "no-such-folder", "l.db"));
        var store = Path.Combine(_folder, "l.db");
        var noExpiry = Cli("override", "add", "X", "--store", store, "--kind", "bid", "--value", "bid", "--reason", "r", "--approved-by", "Li");

        Assert.Equal((2, 2), (missing.Code, noExpiry.Code));
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);
        Assert.Contains("expiry", noExpiry.Err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // an SQLite file still held by a pooled connection: the temp folder is cleaned by the system
        }
    }
}
