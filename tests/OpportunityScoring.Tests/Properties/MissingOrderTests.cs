using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpportunityScoring.Grading;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Tests.Properties;

/// <summary>
/// The missing evidence of an assessment is ordered by its field's place in the catalogue, then by field name, equal
/// fields in recording order. The grading ledger records each shared item with its place, found once per policy (issue 26,
/// eighth round), instead of the log looking each field up when the assessment is built: the order must be exactly the
/// look-up's — for places given or not, fields outside the catalogue, repeated fields and more than eight items.
/// </summary>
public sealed class MissingOrderTests
{
    /// <summary>The catalogue's fields, fields outside it (sorting last, by name) and one field twice over.</summary>
    private static readonly string[] Fields =
    [
        .. GradingCodes.CriterionNames.SelectMany(c => GradingCodes.Items[c].Select(i => c + "." + i)),
        "zeta.outside", "alpha.outside", "budget.status",
    ];

    /// <summary>One recorded item: the field, and whether the caller gave its place.</summary>
    private sealed record Recorded(int Field, bool WithPlace);

    private static Gen<Recorded> Records =>
        from place in Gen.Choose(0, Fields.Length - 1)
        from withPlace in Gen.Elements(true, true, false)
        select new Recorded(place, withPlace);

    [Property(MaxTest = 2_000)]
    public Property Missing_evidence_recorded_with_its_place_sorts_exactly_as_by_looking_up_each_field() =>
        Prop.ForAll(
            Gen.ListOf(Records).ToArbitrary(),
            records =>
            {
                var log = new AssessmentLog(explains: true);
                var recorded = new List<MissingEvidence>();
                foreach (var r in records)
                {
                    var field = Fields[r.Field];
                    var item = new MissingEvidence(field, MessageText.Omitted);
                    if (r.WithPlace)
                    {
                        log.Missing(item, GradingCodes.FieldOrder(field));
                    }
                    else
                    {
                        log.Missing(item);
                    }

                    recorded.Add(item);
                }

                var lookedUp = StableSort.ToSortedArray(recorded, GradingCodes.FieldOrder, static (order, m) => order(m.Field), static (x, y) => string.CompareOrdinal(x.Field, y.Field));
                var linq = recorded.OrderBy(m => GradingCodes.FieldOrder(m.Field)).ThenBy(m => m.Field, StringComparer.Ordinal).ToArray();
                var sorted = log.SortedMissing(GradingCodes.FieldOrder);
                return log.MissingCount == recorded.Count
                    && sorted.Length == recorded.Count
                    && sorted.Zip(lookedUp).All(p => ReferenceEquals(p.First, p.Second))
                    && sorted.Zip(linq).All(p => ReferenceEquals(p.First, p.Second));
            });

    [Fact]
    public void A_place_the_caller_gives_is_the_one_the_sort_uses_and_a_reversed_place_gives_another_order()
    {
        var log = new AssessmentLog(explains: true);
        var need = new MissingEvidence("need.level", MessageText.Omitted);
        var margin = new MissingEvidence("grossMargin.margin", MessageText.Omitted);
        log.Missing(margin, 0);
        log.Missing(need, 1);
        Assert.Equal([margin, need], log.SortedMissing(GradingCodes.FieldOrder));

        var looked = new AssessmentLog(explains: true);
        looked.Missing(margin);
        looked.Missing(need);
        Assert.Equal([need, margin], looked.SortedMissing(GradingCodes.FieldOrder));
    }

    [Fact]
    public void Each_evidence_item_of_the_default_policy_carries_its_fields_place_in_the_catalogue()
    {
        var policy = OpportunityRules.DefaultPolicy.Grading;
        foreach (var criterion in Enum.GetValues<Criterion>())
        {
            foreach (var item in GradingCodes.Items[GradingCodes.NameOf(criterion)])
            {
                var evidence = policy.Item(criterion, item);
                Assert.Equal(GradingCodes.FieldOrder(evidence.Field), evidence.Order);
                Assert.NotEqual(int.MaxValue, evidence.Order);
            }
        }
    }
}
