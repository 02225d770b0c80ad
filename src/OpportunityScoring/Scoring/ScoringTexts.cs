namespace OpportunityScoring;

/// <summary>What each evidence item is called in messages (the source's words in brackets).</summary>
internal static class ScoringTexts
{
    private static readonly Dictionary<string, string> Items = new(StringComparer.Ordinal)
    {
        ["need.level"] = "the customer's need (需求)",
        ["need.requirementsDocumented"] = "documented requirements",
        ["need.evaluationCriteriaKnown"] = "the customer's evaluation items and buying criteria (優先評估項, 購買指標)",
        ["budget.status"] = "the budget status (預算)",
        ["budget.coverage"] = "the budget amount against the expected contract amount",
        ["timeline.purchaseTimeframe"] = "the purchase timeframe (進度)",
        ["timeline.schedule"] = "the purchase schedule: decision, tender and signing dates (專案/購買進度表)",
        ["competition.position"] = "our competitive position (競爭)",
        ["competition.buyingCriteriaFavor"] = "whom the buying criteria favour",
        ["competition.incumbent"] = "the incumbent supplier",
        ["decisionChain.keyBuyerCoverage"] = "our reach to the economic buyer or decision maker (決策者)",
        ["decisionChain.support"] = "a coach or champion inside the customer",
        ["decisionChain.opposition"] = "opposition among the stakeholders",
        ["decisionChain.procurementEngaged"] = "procurement's engagement (never bypass procurement)",
        ["decisionChain.breadth"] = "coverage of the whole decision chain, small people included",
        ["strategicFit.strategy"] = "fit with the company's strategic plan (戰略規劃)",
        ["strategicFit.marketPositioning"] = "fit with the market positioning (市場定位)",
        ["strategicFit.productDirection"] = "fit with the product and technology direction",
        ["strategicFit.futureInfluence"] = "relevance to future direction or market influence",
        ["grossMargin.margin"] = "the gross margin (毛利率)",
    };

    private static readonly Dictionary<string, MessageText> ItemTexts = Items.Keys.ToDictionary(k => k, k => MessageText.Of("item." + k), StringComparer.Ordinal);

    /// <summary>The item's English name (for texts built outside the catalogue).</summary>
    public static string ItemName(string field) => Items.TryGetValue(field, out var text) ? text : field;

    /// <summary>The item's name as a catalogue message (<c>item.{field}</c>), shared; a literal for fields outside the catalogue.</summary>
    public static MessageText Item(string field) => ItemTexts.TryGetValue(field, out var text) ? text : MessageText.Literal(field);

    /// <summary>Every item and its English name (the catalogue's <c>item.*</c> entries must match).</summary>
    public static IReadOnlyDictionary<string, string> All => Items;
}
