using System.Globalization;
using System.Text.RegularExpressions;
using OpportunityScoring.Json;

namespace OpportunityScoring;

/// <summary>Finds every problem with a policy, each with a stable code, a path and what to fix.</summary>
internal sealed partial class PolicyValidator(ScoringPolicy policy)
{
    private readonly List<PolicyIssue> _issues = [];

    public List<PolicyIssue> Run()
    {
        if (string.IsNullOrWhiteSpace(policy.Name))
        {
            Add("nameMissing", "name", "give the policy a name");
        }

        if (policy.Version is null || !SemVer().IsMatch(policy.Version))
        {
            Add("versionFormat", "version", $"'{policy.Version}' is not a semantic version; write major.minor.patch, e.g. 1.2.0");
        }

        CheckCriteria();
        CheckScales();
        CheckSteps("budgetCoverage", policy.BudgetCoverage);
        CheckSteps("marginCredit", policy.MarginCredit);
        CheckBands();
        CheckKnockOuts();
        CheckEnumWeights<StakeholderRole>("roleWeights", policy.RoleWeights);
        CheckEnumWeights<Influence>("influenceWeights", policy.InfluenceWeights);
        CheckWinProbability();
        CheckGates();
        CheckUnknownAgainstDerivedCredits();
        CheckBid();
        return _issues;
    }

    private void Add(string code, string path, string message) => _issues.Add(new PolicyIssue(code, path, message));

    /// <summary>The largest role or influence weight (they are relative; a bound keeps the decision chain's sums exact).</summary>
    internal const decimal MaxRelativeWeight = 1000m;

    /// <summary>The most decimals a weight, share, credit or role/influence weight may have.</summary>
    internal const int MaxDecimals = 6;

    /// <summary>
    /// A number that is multiplied into points must have at most <see cref="MaxDecimals"/> decimals: weight × share ×
    /// credit then has at most 18, every total is exact, and the score cannot depend on the order the rules add points.
    /// </summary>
    private void CheckPrecision(string path, decimal value)
    {
        if (Numbers.Normalize(value).Scale > MaxDecimals)
        {
            Add("precision", path, $"{F(value)} has more than {MaxDecimals} decimals; round it (points are added exactly, and longer numbers would make the score depend on the order of the rules)");
        }
    }

    /// <summary>Reports each null entry of a list (a stray <c>null</c> or trailing comma in the file); the list's other checks wait until they are gone.</summary>
    private bool HasNullEntries<T>(string path, IReadOnlyList<T?> list)
        where T : class
    {
        var any = false;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                Add("entryNull", $"{path}[{i}]", "this entry is null; remove it or write the object");
                any = true;
            }
        }

        return any;
    }

    private static string F(decimal d) => Numbers.Normalize(d).ToString(CultureInfo.InvariantCulture);

    private void CheckCriteria()
    {
        if (policy.Criteria is null)
        {
            Add("criteriaMissing", "criteria", "list the seven criteria: " + string.Join(", ", PolicyCatalog.CriterionNames));
            return;
        }

        foreach (var name in policy.Criteria.Keys.Where(k => !PolicyCatalog.CriterionNames.Contains(k)))
        {
            Add("unknownCriterion", $"criteria.{name}", $"'{name}' is not a criterion; use one of {string.Join(", ", PolicyCatalog.CriterionNames)}");
        }

        decimal sum = 0;
        var outOfRange = false;
        foreach (var name in PolicyCatalog.CriterionNames)
        {
            if (!policy.Criteria.TryGetValue(name, out var c) || c is null)
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

        if (policy.Criteria.Count > 0 && !outOfRange && sum != 100m)
        {
            Add("weightsSum", "criteria", $"the criteria weights sum to {F(sum)}, not 100; change them by {F(100m - sum)} in all");
        }
    }

    private void CheckShares(string criterion, CriterionPolicy c)
    {
        var known = PolicyCatalog.Items[criterion];
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

    private void CheckScales()
    {
        if (policy.Scales is null)
        {
            Add("scalesMissing", "scales", "give the credit scales: " + string.Join(", ", PolicyCatalog.Scales.Select(s => s.Name)));
            return;
        }

        foreach (var name in policy.Scales.Keys.Where(k => PolicyCatalog.Scales.All(s => s.Name != k)))
        {
            Add("unknownScale", $"scales.{name}", $"'{name}' is not a scale; use {string.Join(", ", PolicyCatalog.Scales.Select(s => s.Name))}");
        }

        foreach (var def in PolicyCatalog.Scales)
        {
            var path = $"scales.{def.Name}";
            if (!policy.Scales.TryGetValue(def.Name, out var scale) || scale is null)
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

    private void CheckBands()
    {
        if (policy.GradeBands is null || policy.GradeBands.Count == 0)
        {
            Add("bandsMissing", "gradeBands", "give one band per grade A–D covering 0–100");
            return;
        }

        if (HasNullEntries("gradeBands", policy.GradeBands))
        {
            return;
        }

        foreach (var grade in Enum.GetValues<Grade>())
        {
            var n = policy.GradeBands.Count(b => b.Grade == grade);
            if (n == 0)
            {
                Add("bandMissingGrade", "gradeBands", $"grade {grade} has no band; every grade A–D needs exactly one");
            }
            else if (n > 1)
            {
                Add("bandDuplicateGrade", "gradeBands", $"grade {grade} has {n} bands; give it exactly one");
            }
        }

        var sorted = policy.GradeBands.Select((b, i) => (Band: b, Index: i)).OrderBy(x => x.Band.Min).ThenBy(x => x.Band.Max).ToList();
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
        if (policy.KnockOuts is null)
        {
            Add("knockOutsMissing", "knockOuts", "give the knock-outs (an empty list for none)");
            return;
        }

        if (HasNullEntries("knockOuts", policy.KnockOuts))
        {
            return;
        }

        for (var i = 0; i < policy.KnockOuts.Count; i++)
        {
            var k = policy.KnockOuts[i];
            if (!PolicyCatalog.KnockOutCodes.Contains(k.Code))
            {
                Add("unknownKnockOut", $"knockOuts[{i}].code", $"'{k.Code}' is not a knock-out the rules implement; use {string.Join(", ", PolicyCatalog.KnockOutCodes)}");
            }

            if (policy.KnockOuts.Take(i).Any(o => o.Code == k.Code))
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
        var words = Enum.GetValues<TEnum>().Select(PolicyCatalog.Word).ToArray();
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

    /// <summary>
    /// The answer scale's unknown credit also stands for an unknown budget amount, an unknown margin and unknown
    /// opposition: it must stay above those items' known negatives and never above their best answers.
    /// </summary>
    private void CheckUnknownAgainstDerivedCredits()
    {
        if (policy.Scales is null || !policy.Scales.TryGetValue("answer", out var answer) || answer is null || !answer.TryGetValue("unknown", out var unknown))
        {
            return;
        }

        foreach (var (path, steps) in new[] { ("budgetCoverage", policy.BudgetCoverage), ("marginCredit", policy.MarginCredit) })
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

        if (policy.Scales.TryGetValue("opposition", out var opposition) && opposition is not null
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

    private void CheckBid()
    {
        var bid = policy.Bid;
        if (bid is null)
        {
            Add("bidMissing", "bid", "give the bid policy (marginFloor, reviewBand, fatalFactors, costRisk)");
            return;
        }

        if (bid.MarginFloor is < -1 or >= 1)
        {
            Add("marginFloorRange", "bid.marginFloor", $"the margin floor is a fraction (0.15 for 15%); {F(bid.MarginFloor)} is out of range");
        }

        foreach (var (classification, floor) in bid.FloorsByClassification)
        {
            if (floor is < -1 or >= 1)
            {
                Add("marginFloorRange", $"bid.floorsByClassification.{classification}", $"the floor is a fraction (0.15 for 15%); {F(floor)} is out of range");
            }
        }

        if (bid.ReviewBand is < 0 or >= 1)
        {
            Add("reviewBandRange", "bid.reviewBand", $"the review band is in margin points (0.05 for 5 points); {F(bid.ReviewBand)} is out of range");
        }

        for (var i = 0; i < bid.FatalFactors.Count; i++)
        {
            if (!PolicyCatalog.FatalFactorCodes.Contains(bid.FatalFactors[i]))
            {
                Add("unknownFatalFactor", $"bid.fatalFactors[{i}]", $"'{bid.FatalFactors[i]}' is not a fatal factor the rules implement; use {string.Join(", ", PolicyCatalog.FatalFactorCodes)}");
            }
        }

        foreach (var required in new[] { "marginBelowFloor", "loss" })
        {
            if (!bid.FatalFactors.Contains(required))
            {
                Add("fatalFactorRequired", "bid.fatalFactors", $"'{required}' cannot be switched off: the source's cutoff says do not bid when the margin falls below the company's requirement or the project would make a loss");
            }
        }

        var risk = bid.CostRisk;
        if (risk is null)
        {
            Add("costRiskMissing", "bid.costRisk", "give the cost-risk limits (reviewAbove, noBidAbove, lossReviewAbove)");
            return;
        }

        if (risk.Distribution is not ("pert" or "triangular"))
        {
            Add("costRiskDistribution", "bid.costRisk.distribution", $"'{risk.Distribution}' is not a distribution; use pert or triangular");
        }

        if (risk.Method is not ("exact" or "monteCarlo"))
        {
            Add("costRiskMethod", "bid.costRisk.method", $"'{risk.Method}' is not a method; use exact or monteCarlo");
        }

        if (risk.Samples is < 1000 or > 10_000_000)
        {
            Add("costRiskSamples", "bid.costRisk.samples", $"{risk.Samples} samples: use 1,000 to 10,000,000");
        }

        foreach (var (name, p) in new[] { ("reviewAbove", risk.ReviewAbove), ("noBidAbove", risk.NoBidAbove), ("lossReviewAbove", risk.LossReviewAbove) })
        {
            if (p is < 0 or > 1)
            {
                Add("probabilityRange", $"bid.costRisk.{name}", $"a probability is 0–1; {F(p)} is out of range");
            }
        }

        if (risk.ReviewAbove > risk.NoBidAbove)
        {
            Add("costRiskOrder", "bid.costRisk", $"reviewAbove ({F(risk.ReviewAbove)}) exceeds noBidAbove ({F(risk.NoBidAbove)}): a risk would be fatal before it is reviewed");
        }
    }

    private void CheckGates()
    {
        if (policy.Gates is null)
        {
            Add("gatesMissing", "gates", "give the stage gates (development, initiation, proposal, tender, implementation, drift)");
            return;
        }

        foreach (var stage in Enum.GetValues<Stage>().Where(s => s != Stage.Closed))
        {
            var name = PolicyCatalog.Word(stage);
            var gate = policy.Gates.For(stage);
            if (gate is null)
            {
                Add("gateMissing", $"gates.{name}", $"give the gate of stage {name}");
                continue;
            }

            var known = PolicyCatalog.GateRequirements[stage];
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

        for (var i = 0; i < policy.Gates.EndOnKnockOuts.Count; i++)
        {
            var code = policy.Gates.EndOnKnockOuts[i];
            if (policy.KnockOuts?.Any(k => k.Code == code) != true)
            {
                Add("endOnKnockOutNeverFires", $"gates.endOnKnockOuts[{i}]", $"knock-out '{code}' is not in knockOuts, so it can never end a pursuit; add it to knockOuts or remove it here");
            }
        }

        if (policy.Gates.Drift is null)
        {
            Add("driftMissing", "gates.drift", "give the drift tolerances (amountTolerance, marginTolerance)");
        }
        else
        {
            if (policy.Gates.Drift.AmountTolerance < 0)
            {
                Add("driftToleranceRange", "gates.drift.amountTolerance", "the tolerance must not be negative");
            }

            if (policy.Gates.Drift.MarginTolerance < 0)
            {
                Add("driftToleranceRange", "gates.drift.marginTolerance", "the tolerance must not be negative");
            }
        }
    }

    private void CheckWinProbability()
    {
        var w = policy.WinProbability;
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
            if (!PolicyCatalog.CriterionNames.Contains(name))
            {
                Add("unknownCriterion", $"winProbability.criterionSlopes.{name}", $"'{name}' is not a criterion; use one of {string.Join(", ", PolicyCatalog.CriterionNames)}");
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
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();
}
