using System.Text.Json;

namespace OpportunityScoring.Grading;

/// <summary>
/// The grading slice's vocabulary: the seven criteria (the source's 關鍵評估元素) and their evidence items, the
/// knock-outs the rules implement and the credit scales a policy gives. A policy may use these words and no others.
/// </summary>
internal static class GradingCodes
{
    /// <summary>The contract's name of each criterion, in <see cref="Criterion"/> order.</summary>
    public static IReadOnlyList<string> CriterionNames { get; } =
        ["need", "budget", "timeline", "competition", "decisionChain", "strategicFit", "grossMargin"];

    /// <summary>The evidence items of each criterion, by criterion name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Items { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        ["need"] = ["level", "requirementsDocumented", "evaluationCriteriaKnown"],
        ["budget"] = ["status", "coverage"],
        ["timeline"] = ["purchaseTimeframe", "schedule"],
        ["competition"] = ["position", "buyingCriteriaFavor", "incumbent"],
        ["decisionChain"] = ["keyBuyerCoverage", "support", "opposition", "procurementEngaged", "breadth"],
        ["strategicFit"] = ["strategy", "marketPositioning", "productDirection", "futureInfluence"],
        ["grossMargin"] = ["margin"],
    };

    /// <summary>Knock-out: the customer has no need (需求).</summary>
    public const string NoNeed = "noNeed";

    /// <summary>Knock-out: outside the company's strategy with no influence on its future direction (戰略符合).</summary>
    public const string OutsideStrategy = "outsideStrategy";

    /// <summary>Knock-out: no committed budget (預算).</summary>
    public const string NoCommittedBudget = "noCommittedBudget";

    /// <summary>Knock-out: a negative gross margin (毛利率).</summary>
    public const string LossMaking = "lossMaking";

    /// <summary>The knock-out codes the rule sets implement, in the order assessments list them.</summary>
    public static IReadOnlyList<string> KnockOutCodes { get; } = [NoNeed, OutsideStrategy, NoCommittedBudget, LossMaking];

    /// <summary>The credit scales a policy gives, with their values from worst to best and their known negative.</summary>
    public static readonly ScaleDefinition[] Scales =
    [
        ScaleDefinition.For<Evidence>("answer", ["no", "partial", "yes"], "no"),
        ScaleDefinition.For<NeedLevel>("needLevel", ["noNeed", "goodToHave", "shouldHave", "mustHave"], "noNeed"),
        ScaleDefinition.For<BudgetStatus>("budgetStatus", ["noCommittedBudget", "mayBuy", "canBuy", "willBuy"], "noCommittedBudget"),
        ScaleDefinition.For<PurchaseTimeframe>("purchaseTimeframe", ["thisYear", "nextQuarter", "thisQuarter", "immediate"], null),
        ScaleDefinition.For<CompetitivePosition>("competitivePosition", ["behind", "even", "leading"], "behind"),
        ScaleDefinition.For<BuyingCriteriaFavor>("buyingCriteriaFavor", ["competitor", "neutral", "us"], "competitor"),
        ScaleDefinition.For<Incumbent>("incumbent", ["competitor", "none", "us"], "competitor"),
        ScaleDefinition.For<FutureInfluence>("futureInfluence", ["none", "low", "medium", "high"], "none"),
        ScaleDefinition.For<Coverage>("coverage", ["none", "contacted", "met", "inDepth"], "none"),
        ScaleDefinition.For<Stance>("stance", ["opponent", "neutral", "supporter", "champion"], "opponent"),
        new ScaleDefinition("opposition", ["high", "medium", "none"], ["high", "medium", "none"], "high", HasUnknown: false),
    ];

    /// <summary>The contract's word for a criterion.</summary>
    public static string NameOf(Criterion criterion) => CriterionNames[(int)criterion];

    /// <summary>The criterion of a contract word, or <see langword="null"/>.</summary>
    public static Criterion? CriterionOf(string name)
    {
        for (var i = 0; i < CriterionNames.Count; i++)
        {
            if (CriterionNames[i] == name)
            {
                return (Criterion)i;
            }
        }

        return null;
    }

    private static readonly Dictionary<string, int> Fields = CriterionNames
        .SelectMany(c => Items[c].Select(i => c + "." + i))
        .Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);

    private static readonly Dictionary<string, MessageText> ItemTexts = Fields.Keys.ToDictionary(f => f, f => MessageText.Of("item." + f), StringComparer.Ordinal);

    /// <summary>The place of an evidence field (<c>criterion.item</c>) in the catalogue; <see cref="int.MaxValue"/> for fields outside it.</summary>
    public static int FieldOrder(string field) => Fields.TryGetValue(field, out var i) ? i : int.MaxValue;

    /// <summary>What an evidence item is called in messages: the catalogue's <c>item.{field}</c> text (shared); a literal for fields outside the catalogue.</summary>
    public static MessageText ItemText(string field) => ItemTexts.TryGetValue(field, out var text) ? text : MessageText.Literal(field);
}

/// <summary>A scale's name, its values from worst to best, and its known negative.</summary>
internal sealed record ScaleDefinition(string Name, string[] AllValues, string[] WorstToBest, string? KnownNegative, bool HasUnknown)
{
    public static ScaleDefinition For<TEnum>(string name, string[] worstToBest, string? negative) where TEnum : struct, Enum =>
        new(name, Enum.GetValues<TEnum>().Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString())).ToArray(), worstToBest, negative, HasUnknown: true);
}
