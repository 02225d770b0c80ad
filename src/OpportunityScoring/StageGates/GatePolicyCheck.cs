namespace OpportunityScoring.StageGates;

/// <summary>
/// Checks the stage gates of a policy: a gate per stage, requirements the rules implement (once each), a minimum grade
/// exactly when the gate requires one, positive staleness limits, knock-outs that can end a pursuit, drift tolerances.
/// </summary>
internal sealed class GatePolicyCheck(GatePolicy? gates, IReadOnlyList<string>? knockOutCodes, List<PolicyIssue> issues) : PolicyCheck(issues)
{
    public void Run()
    {
        if (gates is null)
        {
            Add("gatesMissing", "gates", "give the stage gates (development, initiation, proposal, tender, implementation, drift)");
            return;
        }

        foreach (var stage in Enum.GetValues<Stage>().Where(s => s != Stage.Closed))
        {
            var name = ContractWords.Of(stage);
            var gate = gates.For(stage);
            if (gate is null)
            {
                Add("gateMissing", $"gates.{name}", $"give the gate of stage {name}");
                continue;
            }

            var known = GateCodes.Requirements[stage];
            for (var i = 0; i < gate.Requires.Count; i++)
            {
                var code = gate.Requires[i];
                if (!known.Contains(code))
                {
                    Add("unknownGateRequirement", $"gates.{name}.requires[{i}]", $"'{code}' is not evidence the {name} gate can check; use {string.Join(", ", known)}");
                }
                else if (gate.Requires.Take(i).Contains(code))
                {
                    Add("duplicateGateRequirement", $"gates.{name}.requires[{i}]", $"'{code}' is listed twice");
                }
            }

            if (gate.Requires.Contains("minimumGrade") && gate.MinimumGrade is null)
            {
                Add("minimumGradeMissing", $"gates.{name}.minimumGrade", "the gate requires minimumGrade: give the worst grade that meets the company's requirement (A–D)");
            }

            if (gate.MinimumGrade is not null && !gate.Requires.Contains("minimumGrade"))
            {
                Add("minimumGradeUnused", $"gates.{name}.minimumGrade", "a minimum grade is set but 'minimumGrade' is not in requires, so it is never checked; add it or remove the grade");
            }

            if (gate.StaleAfterDays is <= 0)
            {
                Add("staleAfterDaysRange", $"gates.{name}.staleAfterDays", $"{gate.StaleAfterDays} days is not a limit; give a positive number or leave it out");
            }
        }

        for (var i = 0; i < gates.EndOnKnockOuts.Count; i++)
        {
            var code = gates.EndOnKnockOuts[i];
            if (knockOutCodes?.Contains(code) != true)
            {
                Add("endOnKnockOutNeverFires", $"gates.endOnKnockOuts[{i}]", $"knock-out '{code}' is not in knockOuts, so it can never end a pursuit; add it to knockOuts or remove it here");
            }
        }

        if (gates.Drift is null)
        {
            Add("driftMissing", "gates.drift", "give the drift tolerances (amountTolerance, marginTolerance)");
        }
        else
        {
            if (gates.Drift.AmountTolerance < 0)
            {
                Add("driftToleranceRange", "gates.drift.amountTolerance", "the tolerance must not be negative");
            }

            if (gates.Drift.MarginTolerance < 0)
            {
                Add("driftToleranceRange", "gates.drift.marginTolerance", "the tolerance must not be negative");
            }
        }
    }
}
