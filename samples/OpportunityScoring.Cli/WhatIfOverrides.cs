using System.Text.Json;
using System.Text.Json.Nodes;
using OpportunityScoring.Ledger;
using OpportunityScoring.Pipelines;

namespace OpportunityScoring.Cli;

/// <summary>
/// <c>whatif --store</c>: the overrides in force whose engine decision the proposed policy would change — a policy change
/// re-raises them (docs/review.md), so the what-if says which before the policy is adopted.
/// </summary>
internal static class WhatIfOverrides
{
    /// <summary>An override in force and the engine's decision now and under the proposed policy.</summary>
    internal sealed record ReRaised(long OverrideId, string OpportunityId, string Kind, string Value, string ApprovedBy, string Reason, string EngineNow, string EngineProposed);

    public static List<ReRaised> Find(IDecisionLedger ledger, WhatIfResult result)
    {
        var changes = result.Changes.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var found = new List<ReRaised>();
        foreach (var o in ledger.OverridesOf().Where(o => o.State == OverrideState.Active))
        {
            if (!changes.TryGetValue(o.OpportunityId, out var c))
            {
                continue;
            }

            var (before, after) = o.Kind switch
            {
                OverrideKind.Bid => (Word(c.BidBefore), Word(c.BidAfter)),
                OverrideKind.Gate => (ContractWords.Of(c.GateBefore), ContractWords.Of(c.GateAfter)),
                _ => (c.GradeBefore.ToString(), c.GradeAfter.ToString()),
            };
            if (before != after)
            {
                found.Add(new ReRaised(o.OverrideId, o.OpportunityId, LoopWords.Of(o.Kind), o.Value, o.ApprovedBy, o.Reason, before, after));
            }
        }

        return found;
    }

    /// <summary>The what-if's JSON with <c>overridesReRaised</c> added.</summary>
    public static string AddTo(string whatIfJson, IReadOnlyList<ReRaised> reRaised)
    {
        var node = JsonNode.Parse(whatIfJson)!.AsObject();
        node["overridesReRaised"] = JsonSerializer.SerializeToNode(reRaised, LoopOutput.Json);
        return node.ToJsonString(LoopOutput.Json);
    }

    public static void Write(IReadOnlyList<ReRaised> reRaised, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine(reRaised.Count == 0
            ? "Overrides in force: the proposed policy changes none of the engine's decisions they override."
            : $"Overrides in force that the proposed policy would re-raise (the engine's decision they override changes): {reRaised.Count}");
        foreach (var r in reRaised)
        {
            output.WriteLine($"  override {r.OverrideId} {r.OpportunityId}: {r.Kind} {r.Value} (approved by {r.ApprovedBy}: {r.Reason}); engine {r.EngineNow} → {r.EngineProposed}: decide again.");
        }
    }

    private static string Word(BidRecommendation? bid) => bid is { } b ? ContractWords.Of(b) : "none";
}
