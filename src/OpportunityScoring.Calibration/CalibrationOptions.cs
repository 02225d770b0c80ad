namespace OpportunityScoring.Calibration;

/// <summary>Settings of a calibration or evaluation.</summary>
public sealed class CalibrationOptions
{
    /// <summary>The number of cross-validation folds. The default is 10.</summary>
    public int Folds { get; init; } = 10;

    /// <summary>The seed of the stratified folds. The default is 42.</summary>
    public int Seed { get; init; } = CrossValidation.DefaultSeed;

    /// <summary>
    /// A fixed L2 penalty λ; when <see langword="null"/> (the default) λ is chosen from <see cref="LambdaGrid"/> by an
    /// inner stratified 5-fold cross-validation on the training data (lowest log loss), inside every outer fold too.
    /// </summary>
    public double? Lambda { get; init; }

    /// <summary>The candidate penalties for the inner cross-validation.</summary>
    public IReadOnlyList<double> LambdaGrid { get; init; } = [0.1, 0.3, 1, 3, 10, 30];

    /// <summary>The version of the calibrated policy; the source's minor version + 1 (patch 0) when <see langword="null"/>.</summary>
    public string? Version { get; init; }

    /// <summary>What the history is (recorded as <c>metadata.dataset</c>).</summary>
    public string? Dataset { get; init; }

    /// <summary>The day every opportunity is assessed on; a fixed day keeps calibrations reproducible. The default is 2000-01-01.</summary>
    public DateOnly AsOf { get; init; } = new(2000, 1, 1);

}
