namespace OpportunityScoring.Grading;

/// <summary>A criterion's weight and the shares of its evidence items.</summary>
internal sealed class CriterionPolicy
{
    /// <summary>The criterion's weight in the 0–100 score.</summary>
    public decimal Weight { get; init; }

    /// <summary>The share (0–1, summing to 1) of each evidence item within the criterion.</summary>
    public required IReadOnlyDictionary<string, decimal> Items { get; init; }
}

/// <summary>A step function: the first step whose <see cref="CreditStepRow.AtLeast"/> the value reaches gives the credit.</summary>
internal sealed class StepCredit
{
    /// <summary>The steps, highest threshold first.</summary>
    public required IReadOnlyList<CreditStepRow> Steps { get; init; }

    /// <summary>The credit below the last step.</summary>
    public decimal Otherwise { get; init; }

    /// <summary>The credit a value earns.</summary>
    public decimal Credit(decimal value)
    {
        var steps = Steps;
        for (var i = 0; i < steps.Count; i++) // not foreach: an interface's enumerator is boxed on every call
        {
            if (value >= steps[i].AtLeast)
            {
                return steps[i].Credit;
            }
        }

        return Otherwise;
    }
}

/// <summary>One step of a <see cref="StepCredit"/>.</summary>
internal sealed class CreditStepRow
{
    /// <summary>The threshold the value must reach.</summary>
    public decimal AtLeast { get; init; }

    /// <summary>The credit (0–1) earned from this threshold up.</summary>
    public decimal Credit { get; init; }
}

/// <summary>A grade band: scores in [<see cref="Min"/>, <see cref="Max"/>) get <see cref="Grade"/>; the top band includes 100.</summary>
internal sealed class GradeBand
{
    /// <summary>The grade.</summary>
    public Grade Grade { get; init; }

    /// <summary>The lowest score in the band (inclusive).</summary>
    public decimal Min { get; init; }

    /// <summary>The upper bound (exclusive, except 100).</summary>
    public decimal Max { get; init; }
}

/// <summary>A knock-out: a known negative that caps the grade.</summary>
internal sealed class KnockOutPolicy
{
    /// <summary>The knock-out's stable code (<c>noNeed</c>, <c>outsideStrategy</c>, <c>noCommittedBudget</c>, <c>lossMaking</c>).</summary>
    public required string Code { get; init; }

    /// <summary>The best grade an opportunity with this knock-out can get.</summary>
    public Grade Cap { get; init; }
}
