namespace OpportunityScoring.Grading;

// The credit scales (monotone, unknown above the known negative and never above the best answer), the step credits
// and the answer scale's unknown credit against the items it also stands for.
internal sealed partial class GradingPolicyCheck
{
    private void CheckScales()
    {
        if (p.Scales is null)
        {
            Add("scalesMissing", "scales", "give the credit scales: " + string.Join(", ", GradingCodes.Scales.Select(s => s.Name)));
            return;
        }

        foreach (var name in p.Scales.Keys.Where(k => GradingCodes.Scales.All(s => s.Name != k)))
        {
            Add("unknownScale", $"scales.{name}", $"'{name}' is not a scale; use {string.Join(", ", GradingCodes.Scales.Select(s => s.Name))}");
        }

        foreach (var def in GradingCodes.Scales)
        {
            var path = $"scales.{def.Name}";
            if (!p.Scales.TryGetValue(def.Name, out var scale) || scale is null)
            {
                Add("scaleMissing", path, $"scale '{def.Name}' is missing; give a credit for {string.Join(", ", def.AllValues)}");
                continue;
            }

            foreach (var word in scale.Keys.Where(k => !def.AllValues.Contains(k)))
            {
                Add("unknownScaleValue", $"{path}.{word}", $"'{word}' is not a value of {def.Name}; use {string.Join(", ", def.AllValues)}");
            }

            var complete = true;
            foreach (var word in def.AllValues)
            {
                if (!scale.TryGetValue(word, out var credit))
                {
                    Add("scaleValueMissing", $"{path}.{word}", $"give the credit (0–1) for '{word}'");
                    complete = false;
                }
                else if (credit < 0 || credit > 1)
                {
                    Add("creditOutOfRange", $"{path}.{word}", $"credit {F(credit)} is outside 0–1");
                }
                else
                {
                    CheckPrecision($"{path}.{word}", credit);
                }
            }

            if (!complete)
            {
                continue;
            }

            for (var i = 1; i < def.WorstToBest.Length; i++)
            {
                var lo = def.WorstToBest[i - 1];
                var hi = def.WorstToBest[i];
                if (scale[hi] < scale[lo])
                {
                    Add("scaleNotMonotone", path, $"'{hi}' earns {F(scale[hi])}, less than the worse answer '{lo}' ({F(scale[lo])}); a better answer must never earn less");
                }
            }

            if (def.HasUnknown)
            {
                var unknown = scale["unknown"];
                var best = def.WorstToBest[^1];
                if (unknown > scale[best])
                {
                    Add("unknownAboveBest", $"{path}.unknown", $"unknown earns {F(unknown)}, more than the best answer '{best}' ({F(scale[best])}); confirming the evidence would lower the score");
                }

                if (def.KnownNegative is { } negative && unknown <= scale[negative])
                {
                    Add("unknownScoredAsNo", $"{path}.unknown", $"unknown earns {F(unknown)}, no more than the known negative '{negative}' ({F(scale[negative])}); unknown is not no — give it more");
                }
            }
        }
    }

    private void CheckSteps(string path, StepCredit? steps)
    {
        if (steps?.Steps is null || steps.Steps.Count == 0)
        {
            Add("stepsMissing", path, "give the steps (atLeast, credit) and the credit otherwise");
            return;
        }

        if (HasNullEntries(path + ".steps", steps.Steps))
        {
            return;
        }

        if (steps.Otherwise < 0 || steps.Otherwise > 1)
        {
            Add("creditOutOfRange", $"{path}.otherwise", $"credit {F(steps.Otherwise)} is outside 0–1");
        }

        CheckPrecision($"{path}.otherwise", steps.Otherwise);

        for (var i = 0; i < steps.Steps.Count; i++)
        {
            var s = steps.Steps[i];
            if (s.Credit < 0 || s.Credit > 1)
            {
                Add("creditOutOfRange", $"{path}.steps[{i}].credit", $"credit {F(s.Credit)} is outside 0–1");
            }

            CheckPrecision($"{path}.steps[{i}].credit", s.Credit);

            if (i > 0 && s.AtLeast >= steps.Steps[i - 1].AtLeast)
            {
                Add("stepsOrder", $"{path}.steps[{i}]", $"thresholds must fall from step to step; {F(s.AtLeast)} does not fall below {F(steps.Steps[i - 1].AtLeast)}");
            }

            if (i > 0 && s.Credit > steps.Steps[i - 1].Credit)
            {
                Add("stepsNotMonotone", $"{path}.steps[{i}]", $"a lower threshold earns more ({F(s.Credit)}) than the one above it ({F(steps.Steps[i - 1].Credit)})");
            }
        }

        if (steps.Steps.Count > 0 && steps.Otherwise > steps.Steps[^1].Credit)
        {
            Add("stepsNotMonotone", $"{path}.otherwise", $"the credit below the last step ({F(steps.Otherwise)}) exceeds the last step's ({F(steps.Steps[^1].Credit)})");
        }
    }

    /// <summary>
    /// The answer scale's unknown credit also stands for an unknown budget amount, an unknown margin and unknown
    /// opposition: it must stay above those items' known negatives and never above their best answers.
    /// </summary>
    private void CheckUnknownAgainstDerivedCredits()
    {
        if (p.Scales is null || !p.Scales.TryGetValue("answer", out var answer) || answer is null || !answer.TryGetValue("unknown", out var unknown))
        {
            return;
        }

        foreach (var (path, steps) in new[] { ("budgetCoverage", p.BudgetCoverage), ("marginCredit", p.MarginCredit) })
        {
            if (steps?.Steps is not { Count: > 0 })
            {
                continue;
            }

            if (unknown > steps.Steps[0].Credit)
            {
                Add("unknownAboveBest", $"{path}.steps[0].credit", $"an unknown {path} earns the answer scale's unknown credit {F(unknown)}, more than the best step ({F(steps.Steps[0].Credit)}); confirming it would lower the score");
            }

            if (unknown <= steps.Otherwise)
            {
                Add("unknownScoredAsNo", $"{path}.otherwise", $"an unknown {path} earns {F(unknown)}, no more than the worst known value ({F(steps.Otherwise)}); unknown is not no");
            }
        }

        if (p.Scales.TryGetValue("opposition", out var opposition) && opposition is not null
            && opposition.TryGetValue("none", out var none) && opposition.TryGetValue("high", out var high))
        {
            if (unknown > none)
            {
                Add("unknownAboveBest", "scales.opposition.none", $"unknown opposition earns {F(unknown)}, more than having no opponents ({F(none)})");
            }

            if (unknown <= high)
            {
                Add("unknownScoredAsNo", "scales.opposition.high", $"unknown opposition earns {F(unknown)}, no more than high-influence opposition ({F(high)}); unknown is not no");
            }
        }
    }
}
