using System.Globalization;
using OpportunityScoring.Json;

namespace OpportunityScoring.Rules;

/// <summary>Evidence the rules derive from several fields, defined once so every rule reads it the same way.</summary>
public static class Derive
{
    /// <summary>The schedule's evidence: a decision date is a yes; only a tender or expected signing date a partial; none unknown.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <returns>The evidence.</returns>
    public static Evidence Schedule(Opportunity opportunity) =>
        opportunity.Timeline.DecisionDate is not null ? Evidence.Yes
        : opportunity.Timeline.TenderDate is not null || opportunity.ExpectedSignDate is not null || opportunity.InitiationReport?.ExpectedSignDate is not null ? Evidence.Partial
        : Evidence.Unknown;

    /// <summary>
    /// The breadth of our coverage of the decision chain: Σ weight × coverage credit / Σ weight over the
    /// stakeholders, with weight = the policy's role weight × influence weight; rounded to 0.01 (order independent).
    /// </summary>
    /// <param name="chain">The decision chain (mapped).</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The credit, 0–1.</returns>
    public static decimal Breadth(DecisionChain chain, ScoringPolicy policy)
    {
        decimal weighted = 0, total = 0;
        foreach (var s in chain.Stakeholders)
        {
            var w = policy.StakeholderWeight(s.Role, s.Influence);
            weighted += w * policy.Credit(s.Coverage);
            total += w;
        }

        return total == 0 ? policy.Credit(Evidence.Unknown) : Math.Round(weighted / total, 2, MidpointRounding.ToZero);
    }

    /// <summary>A fraction as a percentage for messages (0.225 → 22.5%).</summary>
    /// <param name="fraction">The fraction.</param>
    /// <returns>The text.</returns>
    public static string Percent(decimal fraction) =>
        Numbers.Normalize(Math.Round(fraction * 100m, 1, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";
}
