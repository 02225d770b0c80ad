using OpportunityScoring.Rules.StageGates;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.Consistency;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Properties;

/// <summary>
/// The checklist gate requirements (the bid document's review, the implementation plan) test every check without building
/// the list their messages name: the test must read exactly the checks the list holds.
/// </summary>
public sealed class ChecklistTests
{
    public static TheoryData<int> EveryCheckOfTheBidDocument => [.. Enumerable.Range(0, typeof(BidDocumentReview).GetProperties().Count(p => p.PropertyType == typeof(Evidence)))];

    public static TheoryData<int> EveryPartOfThePlan => [.. Enumerable.Range(0, typeof(ImplementationPlan).GetProperties().Count(p => p.PropertyType == typeof(Evidence)))];

    [Fact]
    public void The_all_yes_tests_agree_with_the_lists_on_generated_and_edge_case_opportunities()
    {
        var opportunities = new PipelineGenerator(17, Build.AsOf).Generate(2_000).Concat(ReferenceDifferentialTests.EdgeCases()).ToList();

        Assert.All(opportunities, o => Assert.Equal(Checklists.AllYes(Checklists.BidDocument(o)), Checklists.BidDocumentAllYes(o)));
        Assert.All(opportunities, o => Assert.Equal(Checklists.AllYes(Checklists.ImplementationPlan(o)), Checklists.ImplementationPlanAllYes(o)));
        Assert.Contains(opportunities, Checklists.BidDocumentAllYes);
        Assert.Contains(opportunities, o => !Checklists.BidDocumentAllYes(o));
    }

    [Theory]
    [MemberData(nameof(EveryCheckOfTheBidDocument))]
    public void A_bid_document_with_one_check_not_a_yes_is_not_all_yes_and_the_list_names_that_check(int check)
    {
        var review = WithOneNotYes(new BidDocumentReview(), check);
        var o = Build.Strong() with { Milestones = Build.Strong().Milestones with { BidDocumentReview = review } };

        Assert.False(Checklists.BidDocumentAllYes(o));
        Assert.Single(Checklists.BidDocument(o), c => c.Answer != Evidence.Yes);
        Assert.True(Checklists.BidDocumentAllYes(Build.Strong() with { Milestones = Build.Strong().Milestones with { BidDocumentReview = WithOneNotYes(new BidDocumentReview(), -1) } }));
    }

    [Theory]
    [MemberData(nameof(EveryPartOfThePlan))]
    public void An_implementation_plan_with_one_part_not_a_yes_is_not_all_yes_and_the_list_names_that_part(int part)
    {
        var plan = WithOneNotYes(new ImplementationPlan(), part);
        var o = Build.Strong() with { Milestones = Build.Strong().Milestones with { ImplementationPlan = plan } };

        Assert.False(Checklists.ImplementationPlanAllYes(o));
        Assert.Single(Checklists.ImplementationPlan(o), c => c.Answer != Evidence.Yes);
        Assert.True(Checklists.ImplementationPlanAllYes(Build.Strong() with { Milestones = Build.Strong().Milestones with { ImplementationPlan = WithOneNotYes(new ImplementationPlan(), -1) } }));
    }

    /// <summary>Every answer a yes except the one at <paramref name="index"/> (none with -1), which is a partial.</summary>
    private static T WithOneNotYes<T>(T value, int index)
    {
        var evidence = typeof(T).GetProperties().Where(p => p.PropertyType == typeof(Evidence)).ToList();
        for (var i = 0; i < evidence.Count; i++)
        {
            evidence[i].SetValue(value, i == index ? Evidence.Partial : Evidence.Yes);
        }

        return value;
    }
}
