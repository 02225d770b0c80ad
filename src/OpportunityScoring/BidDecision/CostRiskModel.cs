using MathNet.Numerics.Distributions;

namespace OpportunityScoring.BidDecision;
/// <summary>
/// Cost risk on MathNet.Numerics: the cost as a Beta-PERT or triangular distribution over low / estimate / high,
/// and the probabilities that it passes the floor and the loss thresholds — exactly from the CDF, or by seeded
/// Monte Carlo when the policy asks for it (the two agree within sampling error; a test holds them to it).
/// </summary>
internal static class CostRiskModel
{
    /// <summary>Estimates the cost risk.</summary>
    /// <param name="low">The lowest plausible cost.</param>
    /// <param name="mode">The most likely cost.</param>
    /// <param name="high">The highest plausible cost.</param>
    /// <param name="costAtFloor">The cost above which the margin falls below the floor.</param>
    /// <param name="costAtLoss">The cost above which the project loses money.</param>
    /// <param name="policy">The distribution, method and sampling settings.</param>
    /// <returns>The risk.</returns>
    public static CostRisk Estimate(decimal low, decimal mode, decimal high, decimal costAtFloor, decimal costAtLoss, CostRiskPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (low > high || mode < low || mode > high)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), $"the cost range [{low}, {high}] must contain the estimate {mode}");
        }

        double pFloor, pLoss;
        if (high == low)
        {
            pFloor = (double)(low > costAtFloor ? 1 : 0);
            pLoss = (double)(low > costAtLoss ? 1 : 0);
        }
        else if (policy.Method == "monteCarlo")
        {
            var dist = Create(policy.Distribution, (double)low, (double)mode, (double)high, new Random(policy.Seed));
            int aboveFloor = 0, aboveLoss = 0;
            for (var i = 0; i < policy.Samples; i++)
            {
                var cost = dist();
                if (cost > (double)costAtFloor)
                {
                    aboveFloor++;
                }

                if (cost > (double)costAtLoss)
                {
                    aboveLoss++;
                }
            }

            pFloor = (double)aboveFloor / policy.Samples;
            pLoss = (double)aboveLoss / policy.Samples;
        }
        else
        {
            var cdf = Cdf(policy.Distribution, (double)low, (double)mode, (double)high);
            pFloor = 1d - cdf((double)costAtFloor);
            pLoss = 1d - cdf((double)costAtLoss);
        }

        return new CostRisk(policy.Distribution, policy.Method, N(low), N(mode), N(high), N(costAtFloor), N(costAtLoss), Round(pFloor), Round(pLoss));
    }

    private static decimal N(decimal d) => Numbers.Normalize(Math.Round(d, 2, MidpointRounding.AwayFromZero));

    private static double Round(double p) => Math.Round(Math.Clamp(p, 0d, 1d), 4, MidpointRounding.AwayFromZero);

    private static Func<double, double> Cdf(string distribution, double a, double m, double b)
    {
        if (distribution == "triangular")
        {
            var t = new Triangular(a, b, m);
            return x => x <= a ? 0 : x >= b ? 1 : t.CumulativeDistribution(x);
        }

        var (alpha, beta) = PertShape(a, m, b);
        var beta01 = new Beta(alpha, beta);
        return x => x <= a ? 0 : x >= b ? 1 : beta01.CumulativeDistribution((x - a) / (b - a));
    }

    private static Func<double> Create(string distribution, double a, double m, double b, Random random)
    {
        if (distribution == "triangular")
        {
            var t = new Triangular(a, b, m, random);
            return t.Sample;
        }

        var (alpha, beta) = PertShape(a, m, b);
        var beta01 = new Beta(alpha, beta, random);
        return () => a + (beta01.Sample() * (b - a));
    }

    /// <summary>The Beta-PERT shape: α = 1 + 4(m − a)/(b − a), β = 1 + 4(b − m)/(b − a).</summary>
    private static (double Alpha, double Beta) PertShape(double a, double m, double b) =>
        (1d + (4d * (m - a) / (b - a)), 1d + (4d * (b - m) / (b - a)));
}
