using OpportunityScoring.Calibration;

namespace OpportunityScoring.Tests.Statistics;

public sealed class CrossValidationTests
{
    private static readonly bool[] Outcomes = [.. Enumerable.Range(0, 103).Select(i => i % 3 == 0)];

    [Fact]
    public void Stratified_folds_partition_the_data()
    {
        var folds = CrossValidation.StratifiedFolds(Outcomes, 10, seed: 42);

        Assert.Equal(Outcomes.Length, folds.Length);
        Assert.All(folds, f => Assert.InRange(f, 0, 9));
        var sizes = folds.GroupBy(f => f).Select(g => g.Count()).ToList();
        Assert.Equal(10, sizes.Count);
        Assert.True(sizes.Max() - sizes.Min() <= 1);
    }

    [Fact]
    public void Stratified_folds_keep_the_class_balance_in_every_fold()
    {
        var folds = CrossValidation.StratifiedFolds(Outcomes, 10, seed: 42);
        var positives = Outcomes.Count(o => o); // 35

        for (var f = 0; f < 10; f++)
        {
            var inFold = Enumerable.Range(0, Outcomes.Length).Where(i => folds[i] == f).Count(i => Outcomes[i]);
            Assert.InRange(inFold, positives / 10, positives / 10 + 1);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_and_another_seed_other_folds()
    {
        var a = CrossValidation.StratifiedFolds(Outcomes, 5, seed: 42);
        var b = CrossValidation.StratifiedFolds(Outcomes, 5, seed: 42);
        var c = CrossValidation.StratifiedFolds(Outcomes, 5, seed: 43);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Out_of_fold_predictions_never_come_from_a_model_that_saw_the_row()
    {
        var folds = CrossValidation.StratifiedFolds(Outcomes, 4, seed: 1);

        var predictions = CrossValidation.OutOfFold(Outcomes.Length, folds,
            train => train.ToHashSet(),
            (seen, i) => seen.Contains(i) ? 1 : 0);

        Assert.All(predictions, p => Assert.Equal(0, p));
    }
}
