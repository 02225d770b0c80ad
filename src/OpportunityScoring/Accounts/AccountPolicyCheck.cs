namespace OpportunityScoring.Accounts;

/// <summary>Checks the <c>accounts</c> section: step tables rising, points that add up to 100, bands, knock-outs, targets.</summary>
internal sealed class AccountPolicyCheck(AccountPolicy policy, List<PolicyIssue> issues) : PolicyCheck(issues)
{
    private static readonly string[] PlanWords = ["yes", "partial", "no", "unknown"];

    public void Run()
    {
        var broken = false;
        broken |= Steps("accounts.revenue", policy.Revenue);
        broken |= Steps("accounts.weightedPipeline", policy.WeightedPipeline);
        broken |= Steps("accounts.followOnOrders", policy.FollowOnOrders);
        broken |= Steps("accounts.shareOfWallet", policy.ShareOfWallet);
        broken |= Steps("accounts.champions", policy.Champions);
        if (policy.SeniorPlan is null || !PlanWords.All(policy.SeniorPlan.ContainsKey) || policy.SeniorPlan.Count != 4)
        {
            Add("seniorPlanScale", "accounts.seniorPlan", "give the points of yes, partial, no and unknown (and nothing else)");
            broken = true;
        }
        else if (policy.SeniorPlan.Values.Any(v => v < 0) || !(policy.SeniorPlan["yes"] >= policy.SeniorPlan["partial"] && policy.SeniorPlan["partial"] >= policy.SeniorPlan["unknown"] && policy.SeniorPlan["unknown"] >= policy.SeniorPlan["no"]))
        {
            Add("seniorPlanOrder", "accounts.seniorPlan", "points must satisfy yes ≥ partial ≥ unknown ≥ no ≥ 0 (a known no never earns more than unknown)");
        }

        if (policy.UnknownCredit is < 0 or > 1)
        {
            Add("unknownCreditRange", "accounts.unknownCredit", $"a share from 0 to 1; {F(policy.UnknownCredit)} is out of range");
        }

        if (policy.SeniorVisitPoints < 0 || policy.StrategicFitPoints < 0)
        {
            Add("pointsNegative", "accounts", "seniorVisitPoints and strategicFitPoints are 0 or more");
        }

        Targets(policy.Service);
        Bands(policy.GradeBands);
        KnockOuts(policy.KnockOuts);
        if (!broken && policy.Service is not null && policy.MaxTotal != 100m)
        {
            Add("accountPointsTotal", "accounts", $"the items' most points add up to {F(policy.MaxTotal)}, not 100: every point of the grade must be explained on a 0–100 scale");
        }
    }

    private bool Steps(string path, IReadOnlyList<PointStep>? steps)
    {
        if (steps is null || steps.Count == 0)
        {
            Add("stepsMissing", path, "give at least one step {atLeast, points}");
            return true;
        }

        if (HasNullEntries(path, steps))
        {
            return true;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            CheckPrecision($"{path}[{i}].points", steps[i].Points);
            if (steps[i].Points < 0 || steps[i].AtLeast < 0)
            {
                Add("stepNegative", $"{path}[{i}]", "atLeast and points are 0 or more");
            }

            if (i > 0 && (steps[i].AtLeast <= steps[i - 1].AtLeast || steps[i].Points < steps[i - 1].Points))
            {
                Add("stepsNotRising", $"{path}[{i}]", "steps rise: each atLeast above the one before, its points at least as many (more of a good thing never earns fewer points)");
            }
        }

        return false;
    }

    private void Targets(ServiceTargets? s)
    {
        if (s is null)
        {
            Add("serviceMissing", "accounts.service", "give the service targets (acceptancePassRate, satisfaction, satisfactionBaseYear, satisfactionRisePerYear, complaintsBelow, paymentsOnTimeRate, seniorVisitMonths) and their points");
            return;
        }

        if (s.AcceptancePassRate is <= 0 or > 1 || s.PaymentsOnTimeRate is <= 0 or > 1)
        {
            Add("targetRateRange", "accounts.service", "acceptancePassRate and paymentsOnTimeRate are fractions above 0 up to 1 (1 = 100%)");
        }

        if (s.Satisfaction is <= 0 or > 100 || s.SatisfactionRisePerYear is < 0 or > 10)
        {
            Add("satisfactionTargetRange", "accounts.service.satisfaction", "the satisfaction target is a score above 0 up to 100, rising 0 to 10 points a year");
        }

        if (s.SatisfactionBaseYear is < 1900 or > 2200)
        {
            Add("satisfactionBaseYear", "accounts.service.satisfactionBaseYear", "a year from 1900 to 2200");
        }

        if (s.ComplaintsBelow <= 0)
        {
            Add("complaintsBelowRange", "accounts.service.complaintsBelow", "the complaints a year must stay below a number above 0 (1: none)");
        }

        if (s.SeniorVisitMonths is < 1 or > 120 || s.PaymentGraceDays is < 0 or > 365 || s.OverdueKnockOutDays is < 1 or > 3650)
        {
            Add("serviceDaysRange", "accounts.service", "seniorVisitMonths 1–120, paymentGraceDays 0–365, overdueKnockOutDays 1–3650");
        }

        if (s.AcceptancePoints < 0 || s.SatisfactionPoints < 0 || s.ComplaintPoints < 0 || s.PaymentPoints < 0)
        {
            Add("pointsNegative", "accounts.service", "the points of each target are 0 or more");
        }
    }

    private void Bands(IReadOnlyList<AccountGradeBand>? bands)
    {
        if (bands is null || bands.Count != 4 || HasNullEntries("accounts.gradeBands", bands) || bands.Select(b => b.Grade).Distinct().Count() != 4)
        {
            Add("accountBands", "accounts.gradeBands", "give one band for each of A, B, C and D");
            return;
        }

        var ordered = bands.OrderBy(b => b.Grade).ToList();
        if (ordered[3].Min != 0 || ordered.Zip(ordered.Skip(1)).Any(p => p.First.Min <= p.Second.Min) || ordered[0].Min > 100)
        {
            Add("accountBandsOrder", "accounts.gradeBands", "the lowest totals fall from A to D, A at most 100 and D at 0 (every total has exactly one grade)");
        }
    }

    private void KnockOuts(IReadOnlyList<AccountKnockOut>? knockOuts)
    {
        if (knockOuts is null)
        {
            Add("accountKnockOutsMissing", "accounts.knockOuts", "give the knock-outs in force (an empty list for none)");
            return;
        }

        if (HasNullEntries("accounts.knockOuts", knockOuts))
        {
            return;
        }

        for (var i = 0; i < knockOuts.Count; i++)
        {
            if (!AccountCodes.KnockOuts.Contains(knockOuts[i].Code))
            {
                Add("unknownAccountKnockOut", $"accounts.knockOuts[{i}].code", $"'{knockOuts[i].Code}' is not a knock-out the rules implement; use {string.Join(", ", AccountCodes.KnockOuts)}");
            }
        }

        if (knockOuts.GroupBy(k => k.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            Add("accountKnockOutTwice", "accounts.knockOuts", $"'{twice.Key}' is listed {twice.Count()} times; keep one");
        }
    }
}
