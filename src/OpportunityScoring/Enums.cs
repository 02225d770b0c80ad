using System.Text.Json.Serialization;

namespace OpportunityScoring;

/// <summary>An evidence answer. <see cref="Unknown"/> is not <see cref="No"/>: a missing answer is never scored or treated as a known negative.</summary>
public enum Evidence
{
    /// <summary>Nobody knows yet (the default when the field is absent).</summary>
    Unknown = 0,
    /// <summary>A known negative; may be fatal.</summary>
    No,
    /// <summary>Partly true or partly established.</summary>
    Partial,
    /// <summary>Established.</summary>
    Yes,
}

/// <summary>The five stages of the source (客戶開發, 立項, 提案, 招投標, 工程實施), plus closed.</summary>
public enum Stage
{
    /// <summary>Customer development (客戶開發): find and evaluate the lead, grade it.</summary>
    Development = 0,
    /// <summary>Project initiation (立項): initiation report, become a short-listed supplier.</summary>
    Initiation,
    /// <summary>Proposal (提案): demos, written proposal, resolve objections.</summary>
    Proposal,
    /// <summary>Tender / bidding (招投標): bid or no-bid, win or lose.</summary>
    Tender,
    /// <summary>Implementation (工程實施): hand-over, delivery, payments, acceptance.</summary>
    Implementation,
    /// <summary>The project is closed (結項).</summary>
    Closed,
}

/// <summary>The customer's need (Dynamics 365 <c>need</c>).</summary>
public enum NeedLevel
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>Must have.</summary>
    MustHave,
    /// <summary>Should have.</summary>
    ShouldHave,
    /// <summary>Good to have.</summary>
    GoodToHave,
    /// <summary>No need: a known negative.</summary>
    NoNeed,
}

/// <summary>Budget status (Dynamics 365 <c>budgetstatus</c>).</summary>
public enum BudgetStatus
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>Budget approved and committed to this purchase.</summary>
    WillBuy,
    /// <summary>Budget exists and can be used.</summary>
    CanBuy,
    /// <summary>Budget may be found.</summary>
    MayBuy,
    /// <summary>No committed budget: a known negative.</summary>
    NoCommittedBudget,
}

/// <summary>Purchase timeframe (Dynamics 365 <c>purchasetimeframe</c>).</summary>
public enum PurchaseTimeframe
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>Immediate.</summary>
    Immediate,
    /// <summary>This quarter.</summary>
    ThisQuarter,
    /// <summary>Next quarter.</summary>
    NextQuarter,
    /// <summary>This year.</summary>
    ThisYear,
}

/// <summary>How the customer decides (Dynamics 365 <c>purchaseprocess</c>).</summary>
public enum PurchaseProcess
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>One person decides.</summary>
    Individual,
    /// <summary>A committee decides.</summary>
    Committee,
}

/// <summary>A stakeholder's role in the customer's decision chain (決策鏈).</summary>
public enum StakeholderRole
{
    /// <summary>Not stated.</summary>
    Unknown = 0,
    /// <summary>Final approval of the money; can veto.</summary>
    EconomicBuyer,
    /// <summary>Makes the decision.</summary>
    DecisionMaker,
    /// <summary>Screens the solution technically.</summary>
    TechnicalEvaluator,
    /// <summary>Will use the solution.</summary>
    User,
    /// <summary>The purchasing department: never bypass it.</summary>
    Procurement,
    /// <summary>An insider who wants us to win.</summary>
    Coach,
    /// <summary>The customer's expert panel (專家小組).</summary>
    ExpertPanel,
}

/// <summary>A stakeholder's weight in the decision.</summary>
public enum Influence
{
    /// <summary>Not stated.</summary>
    Unknown = 0,
    /// <summary>High.</summary>
    High,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>Low ("small people" still count).</summary>
    Low,
}

/// <summary>A stakeholder's stance towards us.</summary>
public enum Stance
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>Actively sells for us.</summary>
    Champion,
    /// <summary>Favours us.</summary>
    Supporter,
    /// <summary>Neither for nor against.</summary>
    Neutral,
    /// <summary>Against us.</summary>
    Opponent,
}

/// <summary>How well we reach a stakeholder.</summary>
public enum Coverage
{
    /// <summary>Not stated.</summary>
    Unknown = 0,
    /// <summary>No contact: a known gap.</summary>
    None,
    /// <summary>Contacted.</summary>
    Contacted,
    /// <summary>Met.</summary>
    Met,
    /// <summary>Covered in depth.</summary>
    InDepth,
}

/// <summary>Who holds the account today.</summary>
public enum Incumbent
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>Nobody.</summary>
    None,
    /// <summary>We do.</summary>
    Us,
    /// <summary>A competitor does.</summary>
    Competitor,
}

/// <summary>Our competitive position.</summary>
public enum CompetitivePosition
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>Ahead.</summary>
    Leading,
    /// <summary>Level.</summary>
    Even,
    /// <summary>Behind.</summary>
    Behind,
}

/// <summary>Whom the customer's buying criteria (購買指標) favour.</summary>
public enum BuyingCriteriaFavor
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>Us.</summary>
    Us,
    /// <summary>Nobody in particular.</summary>
    Neutral,
    /// <summary>A competitor: if they really are against us, withdraw.</summary>
    Competitor,
}

/// <summary>Relevance to the company's future direction or market influence when the fit is not direct.</summary>
public enum FutureInfluence
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>High.</summary>
    High,
    /// <summary>Medium.</summary>
    Medium,
    /// <summary>Low.</summary>
    Low,
    /// <summary>None: a known negative.</summary>
    None,
}

/// <summary>Our relationship with the account.</summary>
public enum Relationship
{
    /// <summary>Not stated.</summary>
    Unknown = 0,
    /// <summary>A new customer.</summary>
    New,
    /// <summary>A current customer.</summary>
    Current,
    /// <summary>A former customer.</summary>
    Former,
}

/// <summary>The outcome of the tender.</summary>
public enum BidOutcome
{
    /// <summary>Not decided yet (the default).</summary>
    Pending = 0,
    /// <summary>Won: commercial negotiation follows.</summary>
    Won,
    /// <summary>Lost: the project is closed.</summary>
    Lost,
}

/// <summary>
/// Where the customer's own buying process stands (source: "銷售流程…對外應該緊密對應與配合大客戶的購買管理流程"), in the order a
/// customer goes through it. Each step has the earliest of our stages that keeps pace with it (docs/decisions.md).
/// </summary>
public enum BuyingStep
{
    /// <summary>Not known.</summary>
    Unknown = 0,
    /// <summary>The customer has identified a need (客戶立項前期): our development stage keeps pace.</summary>
    NeedsIdentified,
    /// <summary>The customer compares the suppliers' solutions (比較各個供應商提供的不同方案): we should be proposing.</summary>
    SolutionsEvaluated,
    /// <summary>The customer's project and budget are approved: we should be proposing.</summary>
    ProjectApproved,
    /// <summary>The customer has issued the tender (招標書): we should be bidding.</summary>
    TenderIssued,
    /// <summary>The customer evaluates the bids (評標): we should be bidding.</summary>
    BidsEvaluated,
    /// <summary>The customer has awarded the tender (中標): we should be at the tender, negotiating.</summary>
    Awarded,
    /// <summary>The customer has signed the contract: we should be implementing.</summary>
    Contracted,
}

/// <summary>The commercial negotiation after a won tender (source: "進入獨家的商務談判或多家的競爭性商務談判階段").</summary>
public enum CommercialNegotiation
{
    /// <summary>Not known, or not started.</summary>
    Unknown = 0,
    /// <summary>Sole negotiation (獨家的商務談判): the customer negotiates with us alone.</summary>
    Sole,
    /// <summary>Competitive negotiation (多家的競爭性商務談判): the customer negotiates with several winners.</summary>
    Competitive,
}

/// <summary>The A–D grade of an opportunity; A is best.</summary>
public enum Grade
{
    /// <summary>Grade A: the best.</summary>
    [JsonStringEnumMemberName("A")] A = 0,
    /// <summary>Grade B.</summary>
    [JsonStringEnumMemberName("B")] B,
    /// <summary>Grade C.</summary>
    [JsonStringEnumMemberName("C")] C,
    /// <summary>Grade D: the worst.</summary>
    [JsonStringEnumMemberName("D")] D,
}

/// <summary>The seven evaluation criteria (關鍵評估元素) of the source.</summary>
public enum Criterion
{
    /// <summary>需求: the customer's requirements.</summary>
    Need = 0,
    /// <summary>預算: the budget.</summary>
    Budget,
    /// <summary>專案/購買進度表: the project and purchase schedule.</summary>
    Timeline,
    /// <summary>競爭: the competition.</summary>
    Competition,
    /// <summary>決策鏈: the buying organisation and its people.</summary>
    DecisionChain,
    /// <summary>戰略符合: fit with the company's strategy.</summary>
    StrategicFit,
    /// <summary>毛利率: the project's gross margin.</summary>
    GrossMargin,
}
