using System.Collections.Frozen;
using System.Globalization;

namespace OpportunityScoring.Grading;

/// <summary>
/// The grading section of a validated policy, compiled for the rules: criterion weights, each evidence item's share
/// and points, the credit of every answer on every scale, the decision chain's weights, the grade bands, the
/// knock-outs and the win-probability model. Built once per policy; read-only and thread safe. The grading rules match
/// it as a fact and read their thresholds from it.
/// </summary>
internal sealed class GradingPolicy
{
    private readonly decimal[] _weights;
    private readonly EvidenceItems[] _items;
    private readonly decimal[][] _scales; // by scale, indexed by the enum's value
    private readonly decimal[] _opposition;
    private readonly decimal[] _roleWeights;
    private readonly decimal[] _influenceWeights;
    private readonly GradeBand?[] _bands;
    private readonly FrozenDictionary<string, KnockOutPolicy> _knockOuts;

    /// <summary>Compiles the grading section of a policy that passed <see cref="GradingPolicyCheck"/>.</summary>
    public GradingPolicy(IReadOnlyDictionary<string, CriterionPolicy> criteria, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> scales,
        StepCredit budgetCoverage, StepCredit marginCredit, IReadOnlyList<GradeBand> gradeBands, IReadOnlyList<KnockOutPolicy> knockOuts,
        IReadOnlyDictionary<string, decimal> roleWeights, IReadOnlyDictionary<string, decimal> influenceWeights, WinProbabilityPolicy winProbability,
        bool calibrated, string? dataset)
    {
        _weights = new decimal[GradingCodes.CriterionNames.Count];
        _items = new EvidenceItems[_weights.Length];
        for (var i = 0; i < _weights.Length; i++)
        {
            var name = GradingCodes.CriterionNames[i];
            var c = criteria[name];
            _weights[i] = c.Weight;
            _items[i] = new EvidenceItems(c.Items.Select(kv => KeyValuePair.Create(kv.Key,
                new EvidenceItem(name + "." + kv.Key, GradingCodes.ItemText(name + "." + kv.Key), kv.Value, c.Weight * kv.Value))));
        }

        _scales =
        [
            Table<Evidence>(scales["answer"]), Table<NeedLevel>(scales["needLevel"]), Table<BudgetStatus>(scales["budgetStatus"]),
            Table<PurchaseTimeframe>(scales["purchaseTimeframe"]), Table<CompetitivePosition>(scales["competitivePosition"]),
            Table<BuyingCriteriaFavor>(scales["buyingCriteriaFavor"]), Table<Incumbent>(scales["incumbent"]),
            Table<FutureInfluence>(scales["futureInfluence"]), Table<Coverage>(scales["coverage"]), Table<Stance>(scales["stance"]),
        ];
        _opposition = [scales["opposition"]["none"], scales["opposition"]["medium"], scales["opposition"]["high"]];
        _roleWeights = Table<StakeholderRole>(roleWeights);
        _influenceWeights = Table<Influence>(influenceWeights);
        _bands = new GradeBand?[4];
        foreach (var band in gradeBands)
        {
            _bands[(int)band.Grade] = band;
        }

        _knockOuts = knockOuts.ToFrozenDictionary(k => k.Code, StringComparer.Ordinal);
        BudgetCoverage = budgetCoverage;
        MarginCredit = marginCredit;
        WinProbability = winProbability;
        Calibrated = calibrated;
        Dataset = dataset;
    }

    /// <summary>The credit of the budget amount as a fraction of the expected contract amount.</summary>
    public StepCredit BudgetCoverage { get; }

    /// <summary>The credit of the gross margin.</summary>
    public StepCredit MarginCredit { get; }

    /// <summary>The win-probability model.</summary>
    public WinProbabilityPolicy WinProbability { get; }

    /// <summary>Whether the win-probability model was calibrated on won/lost history.</summary>
    public bool Calibrated { get; }

    /// <summary>The history it was calibrated on, when named.</summary>
    public string? Dataset { get; }

    /// <summary>A criterion's weight (0–100).</summary>
    public decimal Weight(Criterion criterion) => _weights[(int)criterion];

    /// <summary>An evidence item of a criterion: its field, name, share and points.</summary>
    public EvidenceItem Item(Criterion criterion, string item) => _items[(int)criterion][item];

    /// <summary>The credit of a yes / partial / no / unknown answer.</summary>
    public decimal Credit(Evidence answer) => _scales[0][(int)answer];

    /// <summary>The credit of a need level.</summary>
    public decimal Credit(NeedLevel value) => _scales[1][(int)value];

    /// <summary>The credit of a budget status.</summary>
    public decimal Credit(BudgetStatus value) => _scales[2][(int)value];

    /// <summary>The credit of a purchase timeframe.</summary>
    public decimal Credit(PurchaseTimeframe value) => _scales[3][(int)value];

    /// <summary>The credit of a competitive position.</summary>
    public decimal Credit(CompetitivePosition value) => _scales[4][(int)value];

    /// <summary>The credit of whom the buying criteria favour.</summary>
    public decimal Credit(BuyingCriteriaFavor value) => _scales[5][(int)value];

    /// <summary>The credit of the incumbent.</summary>
    public decimal Credit(Incumbent value) => _scales[6][(int)value];

    /// <summary>The credit of the relevance to the future direction.</summary>
    public decimal Credit(FutureInfluence value) => _scales[7][(int)value];

    /// <summary>The credit of a coverage.</summary>
    public decimal Credit(Coverage value) => _scales[8][(int)value];

    /// <summary>The credit of a stance.</summary>
    public decimal Credit(Stance value) => _scales[9][(int)value];

    /// <summary>The credit of the opposition we face: high-influence opponents, else medium-influence ones, else none.</summary>
    public decimal OppositionCredit(int highInfluenceOpponents, int mediumInfluenceOpponents) =>
        highInfluenceOpponents > 0 ? _opposition[2] : mediumInfluenceOpponents > 0 ? _opposition[1] : _opposition[0];

    /// <summary>A stakeholder's weight in the decision chain: role weight × influence weight.</summary>
    public decimal StakeholderWeight(StakeholderRole role, Influence influence) => _roleWeights[(int)role] * _influenceWeights[(int)influence];

    /// <summary>The knock-out of a code, when the policy has it.</summary>
    public KnockOutPolicy? KnockOut(string code) => _knockOuts.GetValueOrDefault(code);

    /// <summary>Whether a score falls in a grade's band (the top band includes 100).</summary>
    public bool InBand(Grade grade, decimal score)
    {
        var band = _bands[(int)grade];
        return band is not null && score >= band.Min && (score < band.Max || (band.Max == 100m && score <= 100m));
    }

    /// <summary>A grade's band.</summary>
    public GradeBand Band(Grade grade) => _bands[(int)grade] ?? throw new ArgumentOutOfRangeException(nameof(grade));

    private static decimal[] Table<TEnum>(IReadOnlyDictionary<string, decimal> values) where TEnum : struct, Enum
    {
        var all = Enum.GetValues<TEnum>();
        var table = new decimal[all.Length];
        foreach (var v in all)
        {
            table[Convert.ToInt32(v, CultureInfo.InvariantCulture)] = values[ContractEnum<TEnum>.Name(v)];
        }

        return table;
    }
}

/// <summary>A criterion's evidence items by name, found by reference first (the rules pass interned literals).</summary>
internal sealed class EvidenceItems
{
    private readonly string[] _names;
    private readonly EvidenceItem[] _items;

    public EvidenceItems(IEnumerable<KeyValuePair<string, EvidenceItem>> items)
    {
        var list = items.ToList();
        _names = [.. list.Select(kv => string.Intern(kv.Key))];
        _items = [.. list.Select(kv => kv.Value)];
    }

    public EvidenceItem this[string name]
    {
        get
        {
            for (var i = 0; i < _names.Length; i++)
            {
                if (ReferenceEquals(_names[i], name))
                {
                    return _items[i];
                }
            }

            for (var i = 0; i < _names.Length; i++)
            {
                if (string.Equals(_names[i], name, StringComparison.Ordinal))
                {
                    return _items[i];
                }
            }

            throw new KeyNotFoundException($"The policy has no evidence item '{name}' under this criterion.");
        }
    }
}

/// <summary>An evidence item: its contract field, its name in messages, its share of the criterion and the points it can earn.</summary>
internal sealed record EvidenceItem(string Field, MessageText Name, decimal Share, decimal Max)
{
    /// <summary>The share in sub-score points (0–100 per criterion).</summary>
    public decimal SubScoreShare { get; } = Share * 100m;

    /// <summary>What to find out when the evidence is unknown.</summary>
    public MessageText FindOut => Missing.Text;

    /// <summary>The missing evidence an unknown answer records (immutable: shared by every assessment).</summary>
    public MissingEvidence Missing { get; } = new(Field, MessageText.Of("missing.findOut", Name));

    /// <summary>The field's place in the catalogue (<see cref="GradingCodes.FieldOrder"/>), found once: the order of the missing evidence.</summary>
    public int Order { get; } = GradingCodes.FieldOrder(Field);

    /// <summary>The reasons shared by this item's credits under its policy (see <see cref="CreditReasons"/>).</summary>
    public SharedCredits Credits { get; } = new();
}
