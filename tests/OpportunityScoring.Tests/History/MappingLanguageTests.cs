using OpportunityScoring.Calibration.History;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.History;

/// <summary>The mapping language beyond value lists: outcome filter, typed cells, bins, derived columns, several fields, segment.</summary>
public sealed class MappingLanguageTests
{
    // A bid log in the shape real ones have: statuses beyond won/lost, money with symbols, dates, a line of business.
    private const string BidLog = """
        Id,Status,Value,Cost,Bid date,Decision date,Line,Relation,Budget
        B-1,Won,"$630,385",400000,2024-01-10,2024-02-09,Services,Existing,Approved
        B-2,Lost,"$1,200",1500,2024-03-01,2024-03-31,Hardware,New,None
        B-3,Not Bid,$900,800,2024-03-05,,Hardware,New,Approved
        B-4,Pending,$900,800,2024-04-05,,Hardware,New,Approved
        B-5,Lost,n/a,800,someday,2024-05-01,Services,Existing,Unknown
        B-6,Not Bid,$900,800,2024-04-05,,Services,New,Approved
        """;

    private const string Mapping = """
        {
          "name": "bidlog",
          "delimiter": ",",
          "outcome": { "column": "Status", "won": ["Won"], "lost": ["Lost"], "skip": ["Not Bid", "Pending"] },
          "id": { "column": "Id", "prefix": "" },
          "amount": { "column": "Value", "placeholder": 1 },
          "segment": { "column": "Line" },
          "derived": { "Cost share": { "ratio": ["Cost", "Value"] }, "Days to decide": { "difference": ["Decision date", "Bid date"] } },
          "columns": {
            "Cost": { "field": "estimatedCost", "type": "money" },
            "Decision date": { "field": "timeline.decisionDate", "type": "date" },
            "Days to decide": { "field": "timeline.purchaseTimeframe", "type": "number",
                                "bins": [ { "below": 45, "value": "thisQuarter" }, { "value": "thisYear" } ] },
            "Relation": { "fields": ["account.relationship", "competition.incumbent"],
                          "values": { "Existing": ["current", "us"], "New": ["new", "unknown"] } },
            "Budget": { "field": "budget.status", "values": { "Approved": "willBuy", "None": "noCommittedBudget", "Unknown": "unknown" } },
            "Bid date": { "ignore": "read by the derived days to decide" }
          }
        }
        """;

    private static HistoryReadResult Read(string csv = BidLog, string mapping = Mapping) =>
        HistoryReader.ReadWithReport(new StringReader(csv.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n"), HistoryMapping.Parse(mapping));

    [Fact]
    public void Rows_whose_outcome_is_listed_as_skipped_are_skipped_and_counted_by_value()
    {
        var read = Read();

        Assert.Equal(["B-1", "B-2", "B-5"], read.Opportunities.Select(o => o.Opportunity.Id));
        Assert.Equal(2, read.Skipped["Not Bid"]);
        Assert.Equal(1, read.Skipped["Pending"]);
    }

    [Fact]
    public void An_outcome_neither_won_lost_nor_skipped_stops_the_read_naming_row_column_and_value()
    {
        var csv = BidLog + "\nB-7,Cancelled,$1,1,2024-01-01,2024-01-02,Services,New,Approved";

        var e = Assert.Throws<HistoryFormatException>(() => Read(csv));

        Assert.Contains("row 7", e.Message, StringComparison.Ordinal);
        Assert.Contains("column Status", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Cancelled'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_with_symbols_and_separators_passes_through_and_an_unreadable_amount_is_counted_not_replaced_silently()
    {
        var read = Read();

        Assert.Equal(630_385m, read.Opportunities[0].Opportunity.ExpectedContractAmount);
        Assert.Equal(630_385d, read.Opportunities[0].Amount);
        Assert.Equal(400_000m, read.Opportunities[0].Opportunity.EstimatedCost);
        Assert.Null(read.Opportunities[2].Amount); // "n/a": the deal size is not known to the calibration
        Assert.Equal(1, read.Unparsed["Value"]);
    }

    [Fact]
    public void Dates_pass_through_and_bins_of_a_derived_difference_set_an_enumerated_field()
    {
        var read = Read();
        var won = read.Opportunities[0].Opportunity;

        Assert.Equal(new DateOnly(2024, 2, 9), won.Timeline.DecisionDate);
        Assert.Equal(PurchaseTimeframe.ThisQuarter, won.Timeline.PurchaseTimeframe); // 30 days to decide
        Assert.Equal(PurchaseTimeframe.Unknown, read.Opportunities[2].Opportunity.Timeline.PurchaseTimeframe); // bid date unreadable
        Assert.Equal(new DateOnly(2024, 2, 9), read.FirstDate); // the training window, from the mapped dates
        Assert.Equal(new DateOnly(2024, 5, 1), read.LastDate);
    }

    [Fact]
    public void One_column_feeds_several_fields_from_one_value_list()
    {
        var read = Read();

        Assert.Equal(Relationship.Current, read.Opportunities[0].Opportunity.Account.Relationship);
        Assert.Equal(Incumbent.Us, read.Opportunities[0].Opportunity.Competition.Incumbent);
        Assert.Equal(Relationship.New, read.Opportunities[1].Opportunity.Account.Relationship);
        Assert.Equal(Incumbent.Unknown, read.Opportunities[1].Opportunity.Competition.Incumbent);
    }

    [Fact]
    public void The_segment_column_is_kept_on_each_closed_opportunity_and_as_the_project_classification()
    {
        var read = Read();

        Assert.Equal(["Services", "Hardware", "Services"], read.Opportunities.Select(o => o.Segment));
        Assert.Equal("Services", read.Opportunities[0].Opportunity.InitiationReport?.Classification);
    }

    [Fact]
    public void A_segment_of_several_columns_combines_their_values_and_a_row_with_an_empty_one_shares_the_pooled_intercept()
    {
        var mapping = Mapping.Replace("\"segment\": { \"column\": \"Line\" }", "\"segment\": { \"columns\": [\"Line\", \"Relation\"] }", StringComparison.Ordinal);
        var csv = BidLog + "\nB-8,Won,$5,1,2024-01-01,2024-01-02,,New,Approved";

        var read = Read(csv, mapping);

        Assert.Equal(["Services / Existing", "Hardware / New", "Services / Existing", null], read.Opportunities.Select(o => o.Segment));
        Assert.Equal("Hardware / New", read.Opportunities[1].Opportunity.InitiationReport?.Classification);
        Assert.Null(read.Opportunities[3].Opportunity.InitiationReport?.Classification);
        Assert.Contains("Relation", read.SourceColumns);
    }

    [Theory]
    [InlineData("\"segment\": { \"column\": \"Line\", \"columns\": [\"Relation\"] }", "not both")]
    [InlineData("\"segment\": { \"columns\": [\"Line\", \"Line\"] }", "each column once")]
    [InlineData("\"segment\": { \"columns\": [] }", "segment.columns")]
    public void A_segment_that_names_its_columns_twice_or_both_ways_is_refused_when_the_mapping_loads(string segment, string expected)
    {
        var mapping = Mapping.Replace("\"segment\": { \"column\": \"Line\" }", segment, StringComparison.Ordinal);

        var e = Assert.Throws<HistoryMappingException>(() => HistoryMapping.Parse(mapping));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_baseline_sees_the_source_columns_the_mapping_reads_including_the_inputs_of_derived_columns()
    {
        var read = Read();

        Assert.Contains("Bid date", read.SourceColumns);
        Assert.Contains("Value", read.SourceColumns);
        Assert.Contains("Line", read.SourceColumns);
        Assert.DoesNotContain("Days to decide", read.SourceColumns);
        Assert.Equal(read.Opportunities.Count, read.Cells.Count);
    }

    [Theory]
    [InlineData("""{"field": "budget.status", "type": "money", "values": {"a": "willBuy"}}""", "no values list")]
    [InlineData("""{"field": "estimatedCost", "type": "percent"}""", "is not a type")]
    [InlineData("""{"field": "estimatedCost", "type": "number", "bins": [{"below": 5, "value": 1}, {"below": 3, "value": 2}]}""", "must increase")]
    [InlineData("""{"fields": ["account.relationship", "competition.incumbent"], "values": {"a": ["current"]}}""", "1 values for 2 fields")]
    public void A_malformed_column_entry_is_refused_when_the_mapping_is_loaded_naming_the_column(string entry, string expected)
    {
        var json = $$$"""{"name": "x", "outcome": {"column": "S", "won": ["W"], "lost": ["L"]}, "columns": {"Col": {{{entry}}} }}""";

        var e = Assert.Throws<HistoryMappingException>(() => HistoryMapping.Parse(json));

        Assert.Contains("columns.Col", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_tells_scored_fields_from_fields_that_are_read_but_unscored()
    {
        var read = Read();
        var mapping = HistoryMapping.Parse(Mapping);

        var coverage = MappingCoverage.Of(mapping, OpportunityRules.CreateScorer(), read.Opportunities);

        Assert.Contains(coverage, f => f.Field == "budget.status" && f.Scored);
        Assert.Contains(coverage, f => f.Field == "competition.incumbent" && f.Scored);
        Assert.Contains(coverage, f => f.Field == "account.relationship" && !f.Scored);
    }
}
