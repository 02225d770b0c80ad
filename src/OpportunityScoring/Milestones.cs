namespace OpportunityScoring;

/// <summary>
/// The stage milestones of the source: the work each stage's gate can require. Every answer is <c>yes</c>,
/// <c>partial</c>, <c>no</c> or <c>unknown</c> (absent); unknown is missing evidence, never a no. Two answers belong to the
/// current stage and start again in each stage: <see cref="InitiationReportReviewed"/> and <see cref="StageSummaryFiled"/>.
/// </summary>
public sealed record Milestones
{
    internal static readonly Milestones None = new();

    /// <summary>The key-account follow-up table (大客戶客戶跟進表) is filled.</summary>
    public Evidence FollowUpTableFilled { get; init; }

    /// <summary>Short-listed as a candidate supplier (候選供應商).</summary>
    public Evidence Shortlisted { get; init; }

    /// <summary>Product or solution demo done (產品/解決方案演示).</summary>
    public Evidence SolutionDemoDone { get; init; }

    /// <summary>The customer has visited our company (公司參觀).</summary>
    public Evidence CompanyVisitDone { get; init; }

    /// <summary>The customer has visited a reference customer of ours (客戶參觀).</summary>
    public Evidence ReferenceVisitDone { get; init; }

    /// <summary>Written proposal submitted (提交建議書).</summary>
    public Evidence ProposalSubmitted { get; init; }

    /// <summary>The initiation report re-evaluated in the current stage (重新評估立項報告中的內容: at the proposal and at the tender).</summary>
    public Evidence InitiationReportReviewed { get; init; }

    /// <summary>The customer's objections resolved (解除客戶異議).</summary>
    public Evidence ObjectionsResolved { get; init; }

    /// <summary>Value-added service offered to the customer (為客戶提供增值服務).</summary>
    public Evidence ValueAddedServiceOffered { get; init; }

    /// <summary>Tender documents received.</summary>
    public Evidence TenderDocumentsReceived { get; init; }

    /// <summary>
    /// The bid strategy meeting held (方案溝通會): the overall bid strategy, the owners, the partners' owners, the team and
    /// its roles, the schedule and the focus areas (customer relations, technical solution, implementation, project manager).
    /// </summary>
    public Evidence BidStrategyMeetingHeld { get; init; }

    /// <summary>A bid team with owners and a schedule assigned.</summary>
    public Evidence BidTeamAssigned { get; init; }

    /// <summary>The staged review of the bid document (分階段的檢查方案書), one answer per check.</summary>
    public BidDocumentReview BidDocumentReview { get; init => field = value ?? BidDocumentReview.None; } = BidDocumentReview.None;

    /// <summary>The business requirements and the bid proposal talked through with the customer (針對業務需求書和投標方案書的溝通).</summary>
    public Evidence RequirementsCommunicated { get; init; }

    /// <summary>The competitive strategy set from the competitors and our strengths and weaknesses (確定競爭策略).</summary>
    public Evidence CompetitiveStrategySet { get; init; }

    /// <summary>The presenters and the people answering questions chosen, with their content (確定主要講標人和答疑人及內容).</summary>
    public Evidence PresentersAssigned { get; init; }

    /// <summary>The bid price decided and reviewed (投標價格決策…審核).</summary>
    public Evidence BidPriceApproved { get; init; }

    /// <summary>The statement of work (工作說明書) reviewed with the bid price.</summary>
    public Evidence StatementOfWorkReviewed { get; init; }

    /// <summary>The tender's outcome.</summary>
    public BidOutcome BidOutcome { get; init; }

    /// <summary>The commercial negotiation after a won tender: sole or competitive.</summary>
    public CommercialNegotiation Negotiation { get; init; }

    /// <summary>The commercial negotiation concluded and the contract signed.</summary>
    public Evidence ContractSigned { get; init; }

    /// <summary>The current stage's summary report filed (階段總結報告).</summary>
    public Evidence StageSummaryFiled { get; init; }

    /// <summary>Hand-over from pre-sales to implementation done (售前與實施交接).</summary>
    public Evidence HandOverDone { get; init; }

    /// <summary>The project implementation team formed, with roles, plan, communication and management (成立專案實施小組).</summary>
    public Evidence ProjectTeamFormed { get; init; }

    /// <summary>A project manager appointed (委任專案經理).</summary>
    public Evidence ProjectManagerAppointed { get; init; }

    /// <summary>The customer helped to form its own project management team (協助客戶成立專案管理小組).</summary>
    public Evidence CustomerProjectTeamFormed { get; init; }

    /// <summary>The implementation plan approved (客戶專案實施計畫).</summary>
    public Evidence ImplementationPlanApproved { get; init; }

    /// <summary>What the implementation plan covers, one answer per part the source lists.</summary>
    public ImplementationPlan ImplementationPlan { get; init => field = value ?? ImplementationPlan.None; } = ImplementationPlan.None;

    /// <summary>Payments collected on schedule per the contract.</summary>
    public Evidence PaymentsOnSchedule { get; init; }

    /// <summary>The products shipped and delivered per the contract (合同履約,辦理產品出貨與運輸).</summary>
    public Evidence DeliveryCompleted { get; init; }

    /// <summary>The implementation's stage reviews organised (專案實施的階段評審活動).</summary>
    public Evidence StageReviewsHeld { get; init; }

    /// <summary>Acceptance signed by the customer (專案驗收).</summary>
    public Evidence AcceptanceSigned { get; init; }

    /// <summary>The project closed out (結項).</summary>
    public Evidence ProjectClosedOut { get; init; }
}

/// <summary>
/// The staged review of the bid document (source: "要分階段的檢查方案書的基本思路、技術水平和質量。如:方案的合理性、技術的可行性、
/// 能否滿足客戶的需求、總體投標價的構成、投標資質檔案是否符合標書要求、商務檔案齊全、能否按時完成標書"): one answer per check.
/// </summary>
public sealed record BidDocumentReview
{
    internal static readonly BidDocumentReview None = new();

    /// <summary>The proposal is sound (方案的合理性).</summary>
    public Evidence SolutionSound { get; init; }

    /// <summary>The technology is feasible (技術的可行性).</summary>
    public Evidence TechnicallyFeasible { get; init; }

    /// <summary>The proposal meets the customer's requirements (能否滿足客戶的需求).</summary>
    public Evidence MeetsRequirements { get; init; }

    /// <summary>The make-up of the total bid price is checked (總體投標價的構成).</summary>
    public Evidence PriceBreakdownChecked { get; init; }

    /// <summary>The qualification documents meet the tender's requirements (投標資質檔案是否符合標書要求).</summary>
    public Evidence QualificationsCompliant { get; init; }

    /// <summary>The commercial documents are complete (商務檔案齊全).</summary>
    public Evidence CommercialDocumentsComplete { get; init; }

    /// <summary>The bid document will be finished on time (能否按時完成標書).</summary>
    public Evidence OnSchedule { get; init; }
}

/// <summary>
/// What the customer project implementation plan covers (source: "客戶專案工程實施計畫包括:合同中工作範圍的實施情況、專案實施的主要
/// 風險和解決辦法、專案管理、續單、客戶關係維護"): one answer per part.
/// </summary>
public sealed record ImplementationPlan
{
    internal static readonly ImplementationPlan None = new();

    /// <summary>The work scope of the contract and how it is carried out (合同中工作範圍的實施情況).</summary>
    public Evidence WorkScope { get; init; }

    /// <summary>The main risks and their remedies (專案實施的主要風險和解決辦法).</summary>
    public Evidence RisksAndRemedies { get; init; }

    /// <summary>The project management (專案管理).</summary>
    public Evidence ProjectManagement { get; init; }

    /// <summary>Follow-on orders (續單).</summary>
    public Evidence FollowOnOrders { get; init; }

    /// <summary>The upkeep of the customer relationship (客戶關係維護).</summary>
    public Evidence RelationshipUpkeep { get; init; }
}

/// <summary>
/// A contract change (合同變更) after the initiation report, e.g. for implementation work added by changed requirements
/// (因需求變更而導致的工程實施工作量增加).
/// </summary>
public sealed record ChangeOrder
{
    /// <summary>The day the change was agreed.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>What the change adds to the contract amount (negative when it removes work), in the opportunity's currency.</summary>
    public required decimal Amount { get; init; }

    /// <summary>Why the contract changed.</summary>
    public string? Reason { get; init; }
}
