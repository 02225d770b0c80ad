namespace OpportunityScoring;

/// <summary>Checks an opportunity against the contract's rules for values (amounts, ranges, ids).</summary>
internal static class OpportunityValidator
{
    /// <summary>
    /// The largest amount accepted (10¹⁸ in the opportunity's currency): beyond any contract in any currency, and the
    /// bound under which every sum, ratio and percentage the rules and the pipeline summary compute stays exact.
    /// </summary>
    public const decimal MaxAmount = 1_000_000_000_000_000_000m;

    /// <summary>The smallest contract amount accepted (0.001, a thousandth of the currency unit): a smaller one makes every ratio to it meaningless.</summary>
    public const decimal MinContractAmount = 0.001m;

    /// <summary>
    /// The most stakeholders a decision chain may list (200): the people who take part in the decision — a large
    /// enterprise's buying group is 6 to 20, a public tender's committee a few dozen — not everyone at the customer. The
    /// explanations re-score an opportunity once per stakeholder, so the limit also bounds what one record can cost.
    /// </summary>
    public const int MaxStakeholders = 200;

    /// <summary>
    /// The most competitors a record may name (50): a tender draws a handful of bidders, an open public tender rarely
    /// more than a few dozen; beyond that the list is not evidence about this opportunity.
    /// </summary>
    public const int MaxCompetitors = 50;

    /// <summary>
    /// The most change orders a record may carry (100): a contract changed more often than that is a new contract, and
    /// the limit bounds the errors one hostile record can produce.
    /// </summary>
    public const int MaxChangeOrders = 100;

    /// <summary>Every problem with an opportunity; empty when it can be assessed.</summary>
    /// <param name="opportunity">The opportunity.</param>
    /// <param name="index">Its position in the input.</param>
    /// <returns>The errors, each naming the field.</returns>
    public static IReadOnlyList<InputError> Validate(Opportunity opportunity, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var errors = new List<InputError>();
        var id = string.IsNullOrWhiteSpace(opportunity.Id) ? null : opportunity.Id;
        void Error(string field, string message) => errors.Add(new InputError(id, index, field, message));

        if (id is null)
        {
            Error("id", "id is required and must not be empty");
        }

        if (!Enum.IsDefined(opportunity.Stage))
        {
            Error("stage", $"stage {(int)opportunity.Stage} is not a stage");
        }

        if (opportunity.ExpectedContractAmount <= 0)
        {
            Error("expectedContractAmount", $"the expected contract amount must be positive, not {opportunity.ExpectedContractAmount}");
        }
        else
        {
            ContractAmount(opportunity.ExpectedContractAmount, "expectedContractAmount", Error);
        }

        NonNegative(opportunity.EstimatedCost, "estimatedCost", Error);
        NonNegative(opportunity.SalesExpenseBudget, "salesExpenseBudget", Error);
        NonNegative(opportunity.BidCost, "bidCost", Error);
        NonNegative(opportunity.Budget.Amount, "budget.amount", Error);
        if (opportunity.CostRange is { } range)
        {
            NonNegative(range.Low, "costRange.low", Error);
            NonNegative(range.High, "costRange.high", Error);
            if (range.Low > range.High)
            {
                Error("costRange", $"the low cost ({range.Low}) is above the high cost ({range.High})");
            }
            else if (opportunity.EstimatedCost is { } cost && (cost < range.Low || cost > range.High))
            {
                Error("costRange", $"the estimated cost ({cost}) lies outside the cost range [{range.Low}, {range.High}]");
            }
        }

        if (opportunity.InitiationReport is { } report)
        {
            if (report.ExpectedContractAmount is { } a && a <= 0)
            {
                Error("initiationReport.expectedContractAmount", $"the report's expected contract amount must be positive, not {a}");
            }
            else if (report.ExpectedContractAmount is { } positive)
            {
                ContractAmount(positive, "initiationReport.expectedContractAmount", Error);
            }

            NonNegative(report.SalesExpenseBudget, "initiationReport.salesExpenseBudget", Error);
            if (report.GrossMarginEstimate is { } m && (m > 1 || m < -10))
            {
                Error("initiationReport.grossMarginEstimate", $"the gross-margin estimate is a fraction (0.22 for 22%); {m} is out of range");
            }
        }

        if (opportunity.Competition.Competitors.Count > MaxCompetitors)
        {
            Error("competition.competitors", $"{opportunity.Competition.Competitors.Count} competitors, above the limit of {MaxCompetitors}: name the ones that bid against us");
        }

        if (opportunity.DecisionChain.Stakeholders.Count > MaxStakeholders)
        {
            Error("decisionChain.stakeholders", $"{opportunity.DecisionChain.Stakeholders.Count} stakeholders, above the limit of {MaxStakeholders}: list the people who take part in the decision");
        }

        ChangeOrders(opportunity, Error);

        for (var i = 0; i < Math.Min(opportunity.Competition.Competitors.Count, MaxCompetitors + 1); i++)
        {
            if (string.IsNullOrWhiteSpace(opportunity.Competition.Competitors[i]))
            {
                Error($"competition.competitors[{i}]", "a competitor must be named (a non-empty string)");
            }
        }

        for (var i = 0; i < Math.Min(opportunity.DecisionChain.Stakeholders.Count, MaxStakeholders + 1); i++)
        {
            if (opportunity.DecisionChain.Stakeholders[i] is null)
            {
                Error($"decisionChain.stakeholders[{i}]", "a stakeholder must be an object, not null");
            }
        }

        return errors;
    }

    /// <summary>The change orders: each one an object whose amount is within ±10¹⁸; with them the initiation report's amount stays positive.</summary>
    private static void ChangeOrders(Opportunity opportunity, Action<string, string> error)
    {
        var changes = opportunity.ChangeOrders;
        if (changes.Count > MaxChangeOrders)
        {
            error("changeOrders", $"{changes.Count} change orders, above the limit of {MaxChangeOrders}: record the contract's changes, not every revision");
            return;
        }

        var total = 0m;
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i] is not { } change)
            {
                error($"changeOrders[{i}]", "a change order must be an object, not null");
                continue;
            }

            if (Math.Abs(change.Amount) > MaxAmount)
            {
                error($"changeOrders[{i}].amount", $"changeOrders[{i}].amount is {change.Amount}, beyond the largest amount accepted (10^18): check its unit");
                return;
            }

            total += change.Amount;
        }

        if (opportunity.InitiationReport?.ExpectedContractAmount is { } reported && reported > 0 && changes.Count > 0 && reported + total <= 0)
        {
            error("changeOrders", $"the change orders ({total}) take the initiation report's amount ({reported}) to {reported + total}: a contract amount stays positive");
        }
    }

    private static void NonNegative(decimal? value, string field, Action<string, string> error)
    {
        if (value is < 0)
        {
            error(field, $"{field} must not be negative ({value})");
        }
        else if (value is > MaxAmount)
        {
            error(field, $"{field} is {value}, above the largest amount accepted (10^18): check its unit");
        }
    }

    private static void ContractAmount(decimal value, string field, Action<string, string> error)
    {
        if (value < MinContractAmount)
        {
            error(field, $"{field} is {value}, below the smallest contract amount accepted (0.001): check its unit");
        }
        else
        {
            NonNegative(value, field, error); // the upper bound, as for every amount
        }
    }
}
