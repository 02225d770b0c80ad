using MathNet.Numerics.Random;

namespace OpportunityScoring.Calibration;

/// <summary>Stratified k-fold cross-validation with a fixed seed: the same data and seed always give the same folds.</summary>
public static class CrossValidation
{
    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 42;

    /// <summary>
    /// Assigns every sample to one of <paramref name="folds"/> folds so that each fold holds (as nearly as integers allow)
    /// the same share of each class: each class is shuffled with a Mersenne Twister seeded by <paramref name="seed"/>
    /// and dealt round-robin, the second class continuing where the first stopped so fold sizes differ by at most one.
    /// </summary>
    /// <param name="outcomes">The class of each sample.</param>
    /// <param name="folds">The number of folds (2 or more, at most the number of samples).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The fold (0 … folds − 1) of each sample.</returns>
    public static int[] StratifiedFolds(IReadOnlyList<bool> outcomes, int folds, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        if (folds > outcomes.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"cannot make {folds} folds of {outcomes.Count} samples");
        }

        var random = new MersenneTwister(seed, threadSafe: false);
        var assignment = new int[outcomes.Count];
        var next = 0;
        foreach (var cls in new[] { true, false })
        {
            var members = Enumerable.Range(0, outcomes.Count).Where(i => outcomes[i] == cls).ToArray();
            for (var i = members.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            foreach (var m in members)
            {
                assignment[m] = next % folds;
                next++;
            }
        }

        return assignment;
    }

    /// <summary>
    /// Out-of-fold predictions: for each fold, fits on the other folds and predicts the held-out one, so every sample
    /// is predicted by a model that never saw it.
    /// </summary>
    /// <typeparam name="TModel">The fitted model's type.</typeparam>
    /// <param name="count">The number of samples.</param>
    /// <param name="foldOf">The fold of each sample (from <see cref="StratifiedFolds"/>).</param>
    /// <param name="fit">Fits a model on the given training indices.</param>
    /// <param name="predict">Predicts one sample (by index) with a model.</param>
    /// <returns>The held-out prediction of each sample.</returns>
    public static double[] OutOfFold<TModel>(int count, IReadOnlyList<int> foldOf, Func<IReadOnlyList<int>, TModel> fit, Func<TModel, int, double> predict)
    {
        ArgumentNullException.ThrowIfNull(foldOf);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(predict);
        var predictions = new double[count];
        var k = foldOf.Count == 0 ? 0 : foldOf.Max() + 1;
        for (var f = 0; f < k; f++)
        {
            var train = new List<int>(count);
            var test = new List<int>();
            for (var i = 0; i < count; i++)
            {
                (foldOf[i] == f ? test : train).Add(i);
            }

            var model = fit(train);
            foreach (var i in test)
            {
                predictions[i] = predict(model, i);
            }
        }

        return predictions;
    }
}
