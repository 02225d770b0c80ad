using OpportunityScoring.Calibration.History;

namespace OpportunityScoring.Tests.History;

public sealed class HistoryMappingTests
{
    private static IReadOnlyList<ClosedOpportunity> ReadFixture() =>
        HistoryReader.Read(new StringReader(SalvirtFixture.ThreeRows), HistoryMapping.Builtin("salvirt"));

    [Fact]
    public void The_salvirt_mapping_reads_a_salvirt_shaped_history_onto_the_contract()
    {
        var rows = ReadFixture();

        Assert.Equal(3, rows.Count);
        Assert.Equal([true, false, false], rows.Select(r => r.Won));
        var o = rows[0].Opportunity;
        Assert.Equal("salvirt-1", o.Id);
        Assert.Equal(Stage.Tender, o.Stage);
        Assert.Equal(1m, o.ExpectedContractAmount);
        Assert.Equal(BudgetStatus.WillBuy, o.Budget.Status);
        Assert.Equal(CompetitivePosition.Leading, o.Competition.Position);
        Assert.Equal(Incumbent.Us, o.Competition.Incumbent);
        Assert.Equal(Evidence.Yes, o.DecisionChain.ProcurementEngaged);
        Assert.Equal(NeedLevel.MustHave, o.Need.Level);
        Assert.Equal(Evidence.Yes, o.Need.RequirementsDocumented);
        Assert.Equal(Evidence.Yes, o.StrategicFit.Strategy);
        Assert.Equal(FutureInfluence.High, o.StrategicFit.FutureInfluence);
        Assert.Equal(Relationship.Current, o.Account.Relationship);
        var contact = Assert.Single(o.DecisionChain.Stakeholders);
        Assert.Equal(StakeholderRole.DecisionMaker, contact.Role);
        Assert.Equal(Influence.High, contact.Influence);
        Assert.Equal(Stance.Supporter, contact.Stance);
        Assert.Equal(Coverage.Met, contact.Coverage);
    }

    [Fact]
    public void Unknown_source_values_map_to_unknown_never_to_no()
    {
        var o = ReadFixture()[1].Opportunity;

        Assert.Equal(BudgetStatus.Unknown, o.Budget.Status);
        Assert.Equal(Evidence.Unknown, o.DecisionChain.ProcurementEngaged);
        Assert.Equal(CompetitivePosition.Unknown, o.Competition.Position);
        Assert.Equal(Incumbent.Unknown, o.Competition.Incumbent);
        Assert.Equal(NeedLevel.Unknown, o.Need.Level); // Needs_def "No" (need not defined) is not noNeed
        Assert.Equal(FutureInfluence.Unknown, o.StrategicFit.FutureInfluence);
        Assert.Equal(StakeholderRole.Unknown, o.DecisionChain.Stakeholders[0].Role);
        Assert.Equal(Coverage.Unknown, o.DecisionChain.Stakeholders[0].Coverage);
    }

    [Fact]
    public void Known_negatives_stay_known_negatives()
    {
        var o = ReadFixture()[2].Opportunity;

        Assert.Equal(BudgetStatus.NoCommittedBudget, o.Budget.Status);
        Assert.Equal(Evidence.No, o.DecisionChain.ProcurementEngaged);
        Assert.Equal(Evidence.No, o.StrategicFit.Strategy);
        Assert.Equal(Evidence.No, o.Need.RequirementsDocumented);
        Assert.Equal(PurchaseProcess.Committee, o.DecisionChain.PurchaseProcess);
        Assert.Equal(Stance.Opponent, o.DecisionChain.Stakeholders[0].Stance);
    }

    [Fact]
    public void A_value_the_mapping_does_not_know_stops_the_read_naming_row_and_column()
    {
        var csv = SalvirtFixture.ThreeRows.Replace("Joint past", "Carrier pigeon", StringComparison.Ordinal);

        var e = Assert.Throws<HistoryFormatException>(() => HistoryReader.Read(new StringReader(csv), HistoryMapping.Builtin("salvirt")));

        Assert.Contains("row 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("Source", e.Message, StringComparison.Ordinal);
        Assert.Contains("Carrier pigeon", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var csv = "Status;Budgt_alloc\nWon;Yes\n";

        var e = Assert.Throws<HistoryFormatException>(() => HistoryReader.Read(new StringReader(csv), HistoryMapping.Builtin("salvirt")));

        Assert.Contains("Competitors", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_file_with_a_value_the_contract_rejects_is_refused_when_loaded()
    {
        const string json = """
            { "name": "x", "outcome": { "column": "S", "won": "W", "lost": "L" },
              "columns": { "B": { "field": "budget.status", "values": { "Y": "plenty" } } } }
            """;

        var e = Assert.Throws<HistoryMappingException>(() => HistoryMapping.Parse(json));

        Assert.Contains("budget.status", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapping_file_naming_a_field_outside_the_contract_is_refused()
    {
        const string json = """
            { "name": "x", "outcome": { "column": "S", "won": "W", "lost": "L" },
              "columns": { "B": { "field": "budget.colour", "values": { "Y": "red" } } } }
            """;

        Assert.Throws<HistoryMappingException>(() => HistoryMapping.Parse(json));
    }

    /// <summary>
    /// The label never leaks into the features (issue 23): after the tender the win probability states the outcome, so a
    /// history is scored as it stood before the decision, with the outcome only as its label.
    /// </summary>
    [Theory]
    [InlineData("""{ "name": "x", "outcome": { "column": "S", "won": "W", "lost": "L" }, "columns": { "S": { "field": "milestones.bidOutcome", "values": { "W": "won", "L": "lost" } } } }""", "milestones.bidOutcome")]
    [InlineData("""{ "name": "x", "stage": "closed", "outcome": { "column": "S", "won": "W", "lost": "L" }, "columns": {} }""", "before the decision")]
    [InlineData("""{ "name": "x", "stage": "implementation", "outcome": { "column": "S", "won": "W", "lost": "L" }, "columns": {} }""", "before the decision")]
    public void A_mapping_that_would_score_the_outcome_as_evidence_is_refused(string json, string why)
    {
        var e = Assert.Throws<HistoryMappingException>(() => HistoryMapping.Parse(json));

        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_histories_are_scored_before_the_decision_so_their_win_probability_is_estimated()
    {
        var scorer = OpportunityScoring.Rules.OpportunityRules.CreateScorer();
        foreach (var row in ReadFixture())
        {
            var p = scorer.Score(row.Opportunity, new DateOnly(2027, 1, 10)).WinProbability;
            Assert.True(p is > 0 and < 1, $"{row.Opportunity.Id}: {p}");
        }
    }

    [Fact]
    public void A_mapping_file_is_reusable_for_any_csv_history()
    {
        const string json = """
            { "name": "crm", "delimiter": ",", "outcome": { "column": "Result", "won": ["Closed Won"], "lost": ["Closed Lost"] },
              "id": { "column": "Id", "prefix": "crm-" },
              "columns": { "Budget": { "field": "budget.status", "values": { "yes": "canBuy", "?": "unknown" } } } }
            """;
        var mapping = HistoryMapping.Parse(json);

        var rows = HistoryReader.Read(new StringReader("Id,Budget,Result\n7,Yes,Closed Won\n8,?,Closed Lost\n"), mapping);

        Assert.Equal("crm-7", rows[0].Opportunity.Id);
        Assert.Equal(BudgetStatus.CanBuy, rows[0].Opportunity.Budget.Status);
        Assert.Equal(BudgetStatus.Unknown, rows[1].Opportunity.Budget.Status);
        Assert.False(rows[1].Won);
    }

    [Fact]
    public void Every_built_in_mapping_loads_and_documents_its_ignored_columns()
    {
        foreach (var name in HistoryMapping.BuiltinNames)
        {
            var mapping = HistoryMapping.Builtin(name);
            Assert.Equal(name, mapping.Name);
            Assert.NotEmpty(mapping.Columns);
            Assert.All(mapping.Ignored.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        }

        var ibm = HistoryMapping.Builtin("ibm");
        Assert.Contains("Elapsed Days In Sales Stage", ibm.Ignored.Keys);
        Assert.DoesNotContain(ibm.Columns, c => c.Column.Contains("Days", StringComparison.Ordinal));
    }

    [Fact]
    public void The_salvirt_mapping_accounts_for_all_22_input_columns()
    {
        var mapping = HistoryMapping.Builtin("salvirt");
        var inputs = SalvirtFixture.Header.Split(';').Where(c => c != "Status");

        var accounted = mapping.Columns.Select(c => c.Column).Concat(mapping.Ignored.Keys).ToHashSet();

        Assert.All(inputs, c => Assert.Contains(c, accounted));
        Assert.Equal(22, inputs.Count());
    }
}
