namespace OpportunityScoring.Grading;

/// <summary>
/// Checks the grading section of a policy: the criteria weights (summing to 100) and item shares (summing to 1), the
/// credit scales (monotone, unknown above the known negative and never above the best answer), the step credits, the
/// grade bands (no gap, no overlap: hit policy unique), the knock-outs, the decision chain's weights and the
/// win-probability model.
/// </summary>
internal sealed partial class GradingPolicyCheck(GradingPolicyCheck.Section p, List<PolicyIssue> issues) : PolicyCheck(issues)
{
    /// <summary>The grading section as the policy document has it (its keys sit at the document's top level).</summary>
    internal sealed record Section(
        IReadOnlyDictionary<string, CriterionPolicy>? Criteria, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Scales,
        StepCredit? BudgetCoverage, StepCredit? MarginCredit, IReadOnlyList<GradeBand>? GradeBands, IReadOnlyList<KnockOutPolicy>? KnockOuts,
        IReadOnlyDictionary<string, decimal>? RoleWeights, IReadOnlyDictionary<string, decimal>? InfluenceWeights, WinProbabilityPolicy? WinProbability);

    /// <summary>The checks of the section's own values, in the order their problems are listed.</summary>
    public void Run()
    {
        CheckCriteria();
        CheckScales();
        CheckSteps("budgetCoverage", p.BudgetCoverage);
        CheckSteps("marginCredit", p.MarginCredit);
        CheckBands();
        CheckKnockOuts();
        CheckEnumWeights<StakeholderRole>("roleWeights", p.RoleWeights);
        CheckEnumWeights<Influence>("influenceWeights", p.InfluenceWeights);
        CheckWinProbability();
    }

    /// <summary>The checks of the answer scale's unknown credit against the items it also stands for (listed after the gates').</summary>
    public void RunDerived() => CheckUnknownAgainstDerivedCredits();

    private void CheckCriteria()
    {
        if (p.Criteria is null)
        {
            Add("criteriaMissing", "criteria", "list the seven criteria: " + string.Join(", ", GradingCodes.CriterionNames));
            return;
        }

        foreach (var name in p.Criteria.Keys.Where(k => !GradingCodes.CriterionNames.Contains(k)))
        {
            Add("unknownCriterion", $"criteria.{name}", $"'{name}' is not a criterion; use one of {string.Join(", ", GradingCodes.CriterionNames)}");
        }

        decimal sum = 0;
        var outOfRange = false;
        foreach (var name in GradingCodes.CriterionNames)
        {
            if (!p.Criteria.TryGetValue(name, out var c) || c is null)
            {
                Add("criterionMissing", $"criteria.{name}", $"criterion '{name}' is missing; give it a weight (0 to leave it out) and its items");
                continue;
            }

            if (c.Weight < 0)
            {
                Add("weightNegative", $"criteria.{name}.weight", $"weight {F(c.Weight)} is negative; weights must be 0 or more");
                outOfRange = true;
            }
            else if (c.Weight > 100m)
            {
                Add("weightTooLarge", $"criteria.{name}.weight", $"weight {F(c.Weight)} is above 100; the weights are shares of 100 points");
                outOfRange = true;
            }
            else
            {
                sum += c.Weight;
            }

            CheckPrecision($"criteria.{name}.weight", c.Weight);
            CheckShares(name, c);
        }

        if (p.Criteria.Count > 0 && !outOfRange && sum != 100m)
        {
            Add("weightsSum", "criteria", $"the criteria weights sum to {F(sum)}, not 100; change them by {F(100m - sum)} in all");
        }
    }

    private void CheckShares(string criterion, CriterionPolicy c)
    {
        var known = GradingCodes.Items[criterion];
        if (c.Items is null)
        {
            Add("itemsMissing", $"criteria.{criterion}.items", $"give the share of each item: {string.Join(", ", known)}");
            return;
        }

        foreach (var item in c.Items.Keys.Where(k => !known.Contains(k)))
        {
            Add("unknownItem", $"criteria.{criterion}.items.{item}", $"'{item}' is not an evidence item of {criterion}; use {string.Join(", ", known)}");
        }

        decimal sum = 0;
        var outOfRange = false;
        foreach (var item in known)
        {
            if (!c.Items.TryGetValue(item, out var share))
            {
                Add("itemMissing", $"criteria.{criterion}.items.{item}", $"the share of '{item}' is missing (write 0 to ignore it)");
                continue;
            }

            if (share < 0 || share > 1)
            {
                Add("shareOutOfRange", $"criteria.{criterion}.items.{item}", $"share {F(share)} is outside 0–1");
                outOfRange = true;
                continue;
            }

            CheckPrecision($"criteria.{criterion}.items.{item}", share);
            sum += share;
        }

        if (!outOfRange && sum != 1m)
        {
            Add("sharesSum", $"criteria.{criterion}.items", $"the item shares of {criterion} sum to {F(sum)}, not 1");
        }
    }

    private void CheckBands()
    {
        if (p.GradeBands is null || p.GradeBands.Count == 0)
        {
            Add("bandsMissing", "gradeBands", "give one band per grade A–D covering 0–100");
            return;
        }

        if (HasNullEntries("gradeBands", p.GradeBands))
        {
            return;
        }

        foreach (var grade in Enum.GetValues<Grade>())
        {
            var n = p.GradeBands.Count(b => b.Grade == grade);
            if (n == 0)
            {
                Add("bandMissingGrade", "gradeBands", $"grade {grade} has no band; every grade A–D needs exactly one");
            }
            else if (n > 1)
            {
                Add("bandDuplicateGrade", "gradeBands", $"grade {grade} has {n} bands; give it exactly one");
            }
        }

        var sorted = p.GradeBands.Select((b, i) => (Band: b, Index: i)).OrderBy(x => x.Band.Min).ThenBy(x => x.Band.Max).ToList();
        foreach (var (band, index) in sorted.Where(x => x.Band.Min >= x.Band.Max))
        {
            Add("bandEmpty", $"gradeBands[{index}]", $"band {band.Grade} runs from {F(band.Min)} to {F(band.Max)}: min must be below max");
        }

        if (sorted[0].Band.Min != 0m)
        {
            Add("bandGap", $"gradeBands[{sorted[0].Index}]", $"scores from 0 to {F(sorted[0].Band.Min)} have no grade: the lowest band ({sorted[0].Band.Grade}) must start at 0");
        }

        if (sorted[^1].Band.Max != 100m)
        {
            Add("bandGap", $"gradeBands[{sorted[^1].Index}]", $"the highest band ({sorted[^1].Band.Grade}) must end at 100, not {F(sorted[^1].Band.Max)}");
        }

        for (var i = 1; i < sorted.Count; i++)
        {
            var (lo, loIndex) = sorted[i - 1];
            var (hi, hiIndex) = sorted[i];
            if (hi.Min > lo.Max)
            {
                Add("bandGap", $"gradeBands[{hiIndex}]", $"scores from {F(lo.Max)} to {F(hi.Min)} have no grade: band {hi.Grade} must start where band {lo.Grade} ends ({F(lo.Max)})");
            }
            else if (hi.Min < lo.Max)
            {
                Add("bandOverlap", $"gradeBands[{hiIndex}]", $"bands {lo.Grade} and {hi.Grade} overlap from {F(hi.Min)} to {F(lo.Max)}: band {hi.Grade} must start at {F(lo.Max)}");
            }

            if (hi.Grade >= lo.Grade && hi.Grade != lo.Grade)
            {
                Add("bandOrder", $"gradeBands[{hiIndex}]", $"band {hi.Grade} lies above band {lo.Grade}: a higher score must never give a worse grade");
            }
        }
    }

    private void CheckKnockOuts()
    {
        if (p.KnockOuts is null)
        {
            Add("knockOutsMissing", "knockOuts", "give the knock-outs (an empty list for none)");
            return;
        }

        if (HasNullEntries("knockOuts", p.KnockOuts))
        {
            return;
        }

        for (var i = 0; i < p.KnockOuts.Count; i++)
        {
            var k = p.KnockOuts[i];
            if (!GradingCodes.KnockOutCodes.Contains(k.Code))
            {
                Add("unknownKnockOut", $"knockOuts[{i}].code", $"'{k.Code}' is not a knock-out the rules implement; use {string.Join(", ", GradingCodes.KnockOutCodes)}");
            }

            if (p.KnockOuts.Take(i).Any(o => o.Code == k.Code))
            {
                Add("duplicateKnockOut", $"knockOuts[{i}]", $"knock-out '{k.Code}' is listed twice; keep one");
            }

            if (k.Cap == Grade.A)
            {
                Add("knockOutNeverCaps", $"knockOuts[{i}].cap", $"a cap of A never lowers a grade, so knock-out '{k.Code}' can never change anything; cap at B, C or D, or remove it");
            }
        }
    }

    private void CheckEnumWeights<TEnum>(string path, IReadOnlyDictionary<string, decimal>? weights) where TEnum : struct, Enum
    {
        var words = Enum.GetValues<TEnum>().Select(ContractWords.Of).ToArray();
        if (weights is null)
        {
            Add("weightsMissing", path, $"give a weight for {string.Join(", ", words)}");
            return;
        }

        foreach (var word in weights.Keys.Where(k => !words.Contains(k)))
        {
            Add("unknownWeightKey", $"{path}.{word}", $"'{word}' is not allowed; use {string.Join(", ", words)}");
        }

        foreach (var word in words)
        {
            if (!weights.TryGetValue(word, out var w))
            {
                Add("weightMissing", $"{path}.{word}", $"give a weight (0 or more) for '{word}'");
            }
            else if (w < 0)
            {
                Add("weightNegative", $"{path}.{word}", $"weight {F(w)} is negative");
            }
            else if (w > MaxRelativeWeight)
            {
                Add("weightTooLarge", $"{path}.{word}", $"weight {F(w)} is above {F(MaxRelativeWeight)}; these weights only rank the stakeholders against each other");
            }
            else
            {
                CheckPrecision($"{path}.{word}", w);
            }
        }
    }

    private void CheckWinProbability()
    {
        var w = p.WinProbability;
        if (w is null)
        {
            Add("winProbabilityMissing", "winProbability", "give the win-probability model (intercept, scoreSlope)");
            return;
        }

        if (w.ScoreSlope < 0)
        {
            Add("winSlopeNegative", "winProbability.scoreSlope", $"slope {F(w.ScoreSlope)} is negative: a higher score would lower the win probability");
        }

        foreach (var (name, slope) in w.CriterionSlopes)
        {
            if (!GradingCodes.CriterionNames.Contains(name))
            {
                Add("unknownCriterion", $"winProbability.criterionSlopes.{name}", $"'{name}' is not a criterion; use one of {string.Join(", ", GradingCodes.CriterionNames)}");
            }
            else if (slope < 0)
            {
                Add("winSlopeNegative", $"winProbability.criterionSlopes.{name}", $"slope {F(slope)} is negative: better {name} evidence would lower the win probability");
            }
        }

        foreach (var (name, slope) in w.SignalSlopes)
        {
            if (name is not ("knockOut" or "redFlags") && !name.StartsWith("flag.", StringComparison.Ordinal))
            {
                Add("unknownSignal", $"winProbability.signalSlopes.{name}", $"'{name}' is not a signal; use knockOut, redFlags or flag.<red-flag code>");
            }
            else if (slope > 0)
            {
                Add("winSignalPositive", $"winProbability.signalSlopes.{name}", $"slope {F(slope)} is positive: a knock-out or red flag would raise the win probability");
            }
        }

        if (w.DealSize is { } d && d.Center <= 0)
        {
            Add("dealSizeCenter", "winProbability.dealSize.center", $"the center {F(d.Center)} must be a positive amount (the history's median deal)");
        }
    }
}
