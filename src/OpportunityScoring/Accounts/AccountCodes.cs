namespace OpportunityScoring.Accounts;

/// <summary>The account slice's codes: the items of the grade, the service targets, the knock-outs, the health.</summary>
internal static class AccountCodes
{
    /// <summary>The dimensions of the account grade.</summary>
    public static class Dimension
    {
        public const string Value = "value";
        public const string Potential = "potential";
        public const string Relationship = "relationship";
        public const string StrategicFit = "strategicFit";
        public const string Service = "service";
    }

    /// <summary>The items each credit is given for (a message name <c>account.item.&lt;item&gt;</c> in every language).</summary>
    public static class Item
    {
        public const string Revenue = "revenue";
        public const string WeightedPipeline = "weightedPipeline";
        public const string FollowOnOrders = "followOnOrders";
        public const string ShareOfWallet = "shareOfWallet";
        public const string SeniorPlan = "seniorPlan";
        public const string SeniorVisit = "seniorVisit";
        public const string Champions = "champions";
        public const string StrategicFit = "strategicFit";
        public const string Acceptance = "acceptance";
        public const string Satisfaction = "satisfaction";
        public const string Complaints = "complaints";
        public const string Payments = "payments";
    }

    /// <summary>The knock-outs the rules implement.</summary>
    public static IReadOnlyList<string> KnockOuts { get; } = ["failedAcceptance", "paymentsOverdue", "strainedRelationship", "openSeriousComplaint"];

    /// <summary>The service targets (each a red flag when missed).</summary>
    public static IReadOnlyList<string> Targets { get; } = [Item.Acceptance, Item.Satisfaction, Item.Complaints, Item.Payments, Item.SeniorVisit];
}

/// <summary>How an account's service stands against its targets.</summary>
internal enum ServiceHealth
{
    /// <summary>No service record says: never read as a miss.</summary>
    Unknown = 0,
    /// <summary>Every target that can be measured is met.</summary>
    OnTarget,
    /// <summary>At least one target is missed.</summary>
    Missed,
}
