using NRules.Fluent.Dsl;
using NRules.RuleModel;
using OpportunityScoring.StageGates;

namespace OpportunityScoring.Rules.StageGates;

/// <summary>
/// A piece of evidence a stage's gate can require (the policy lists which it does): its stable code, the name its
/// reason carries, whether an opportunity has it, and what the source says to obtain (its description). The stage's
/// requirements rule checks the policy's list against this table, so each requirement is still explained by its
/// own code and name.
/// </summary>
internal sealed record GateRequirement(Stage Stage, string Code, string Name, Func<Opportunity, bool> Satisfied, string What, string Description)
{
    /// <summary>
    /// What to obtain: the catalogue's text for the code (<c>gate.missing.{code}</c>, in the reader's language) when it
    /// says what this requirement says, else the requirement's own words (shared, built once).
    /// </summary>
    public MessageText Message { get; } = Texts.English.Has("gate.missing." + Code) && Texts.English.Get("gate.missing." + Code) == What
        ? MessageText.Of("gate.missing." + Code)
        : MessageText.Literal(What);

    /// <summary>
    /// For a checklist requirement (the bid document's review, the implementation plan's contents): the message naming the
    /// checks not yet confirmed; <see langword="null"/> for a requirement whose message is always <see cref="Message"/>.
    /// </summary>
    public Func<Opportunity, MessageText>? Detail { get; init; }

    /// <summary>What an opportunity that does not meet the requirement is to obtain.</summary>
    public MessageText MessageFor(Opportunity opportunity) => Detail?.Invoke(opportunity) ?? Message;
}

/// <summary>The checklists a gate requirement can hold: each check's catalogue name and answer.</summary>
internal static class Checklists
{
    /// <summary>The staged review of the bid document: seven checks.</summary>
    public static (string Code, Evidence Answer)[] BidDocument(Opportunity o)
    {
        var r = o.Milestones.BidDocumentReview;
        return
        [
            ("solutionSound", r.SolutionSound), ("technicallyFeasible", r.TechnicallyFeasible), ("meetsRequirements", r.MeetsRequirements),
            ("priceBreakdownChecked", r.PriceBreakdownChecked), ("qualificationsCompliant", r.QualificationsCompliant),
            ("commercialDocumentsComplete", r.CommercialDocumentsComplete), ("onSchedule", r.OnSchedule),
        ];
    }

    /// <summary>The implementation plan's five parts.</summary>
    public static (string Code, Evidence Answer)[] ImplementationPlan(Opportunity o)
    {
        var p = o.Milestones.ImplementationPlan;
        return
        [
            ("workScope", p.WorkScope), ("risksAndRemedies", p.RisksAndRemedies), ("projectManagement", p.ProjectManagement),
            ("followOnOrders", p.FollowOnOrders), ("relationshipUpkeep", p.RelationshipUpkeep),
        ];
    }

    /// <summary>Whether every check is a yes.</summary>
    public static bool AllYes((string Code, Evidence Answer)[] checks) => checks.All(c => c.Answer == Evidence.Yes);

    /// <summary>Whether every check of <see cref="BidDocument"/> is a yes, read from the review without building the list (a gate requirement's test runs for every tender).</summary>
    public static bool BidDocumentAllYes(Opportunity o)
    {
        var r = o.Milestones.BidDocumentReview;
        return r.SolutionSound == Evidence.Yes && r.TechnicallyFeasible == Evidence.Yes && r.MeetsRequirements == Evidence.Yes
            && r.PriceBreakdownChecked == Evidence.Yes && r.QualificationsCompliant == Evidence.Yes
            && r.CommercialDocumentsComplete == Evidence.Yes && r.OnSchedule == Evidence.Yes;
    }

    /// <summary>Whether every part of <see cref="ImplementationPlan"/> is a yes, read from the plan without building the list.</summary>
    public static bool ImplementationPlanAllYes(Opportunity o)
    {
        var p = o.Milestones.ImplementationPlan;
        return p.WorkScope == Evidence.Yes && p.RisksAndRemedies == Evidence.Yes && p.ProjectManagement == Evidence.Yes
            && p.FollowOnOrders == Evidence.Yes && p.RelationshipUpkeep == Evidence.Yes;
    }

    /// <summary>The message of a checklist requirement: the checks not yet a yes, by their catalogue names.</summary>
    [ExplanationOnly]
    public static MessageText Open(string code, string namePrefix, (string Code, Evidence Answer)[] checks) =>
        MessageText.Of("gate.missing." + code, MessageText.Join(namePrefix, [.. checks.Where(c => c.Answer != Evidence.Yes).Select(c => c.Code)]));
}

/// <summary>The evidence each stage's gate can require, in the order the gate lists what is missing (except the minimum grade, a rule of its own).</summary>
internal static class GateRequirements
{
    /// <summary>Every requirement, by stage.</summary>
    public static IReadOnlyList<GateRequirement> All { get; } =
    [
        new(Stage.Development, "needAssessed", "Gate.Development.NeedAssessed", o => o.Need.Level != NeedLevel.Unknown, "assess the customer's need (需求): how much they need it",
            "Development gate requirement 'needAssessed' (when the policy lists it): the customer's need level is known; otherwise the gate defers — assess the customer's need (需求): how much they need it."),
        new(Stage.Development, "budgetAssessed", "Gate.Development.BudgetAssessed", o => o.Budget.Status != BudgetStatus.Unknown, "assess the budget (預算): is it approved, estimated or absent",
            "Development gate requirement 'budgetAssessed' (when the policy lists it): the budget status is known; otherwise the gate defers — assess the budget (預算): is it approved, estimated or absent."),
        new(Stage.Development, "timelineAssessed", "Gate.Development.TimelineAssessed", o => o.Timeline.PurchaseTimeframe != PurchaseTimeframe.Unknown || o.Timeline.DecisionDate != null, "assess the purchase schedule (專案/購買進度表): when the customer buys",
            "Development gate requirement 'timelineAssessed' (when the policy lists it): the purchase timeframe or decision date is known; otherwise the gate defers — assess the purchase schedule (專案/購買進度表): when the customer buys."),
        new(Stage.Development, "competitionAssessed", "Gate.Development.CompetitionAssessed", o => o.Competition.Position != CompetitivePosition.Unknown, "assess the competition (競爭): who competes and where we stand",
            "Development gate requirement 'competitionAssessed' (when the policy lists it): our competitive position is known; otherwise the gate defers — assess the competition (競爭): who competes and where we stand."),
        new(Stage.Development, "decisionChainAssessed", "Gate.Development.DecisionChainAssessed", o => o.DecisionChain.IsMapped, "map the decision chain (決策鏈): roles, weight and stance of the key people",
            "Development gate requirement 'decisionChainAssessed' (when the policy lists it): the stakeholder map is not empty; otherwise the gate defers — map the decision chain (決策鏈): roles, weight and stance of the key people."),
        new(Stage.Development, "strategicFitAssessed", "Gate.Development.StrategicFitAssessed", o => o.StrategicFit.Strategy != Evidence.Unknown || o.StrategicFit.FutureInfluence != FutureInfluence.Unknown, "judge the strategic fit (戰略符合), or the relevance to future direction if it does not fit",
            "Development gate requirement 'strategicFitAssessed' (when the policy lists it): strategic fit or relevance to future direction is known; otherwise the gate defers — judge the strategic fit (戰略符合), or the relevance to future direction if it does not fit."),
        new(Stage.Development, "grossMarginAssessed", "Gate.Development.GrossMarginAssessed", o => o.GrossMargin != null, "estimate the gross margin (毛利率): a cost estimate or a margin estimate",
            "Development gate requirement 'grossMarginAssessed' (when the policy lists it): a cost or margin estimate exists; otherwise the gate defers — estimate the gross margin (毛利率): a cost estimate or a margin estimate."),
        new(Stage.Development, "followUpTable", "Gate.Development.FollowUpTable", o => o.Account.KeyAccount != true || o.Milestones.FollowUpTableFilled == Evidence.Yes, "fill in the key-account follow-up table (大客戶客戶跟進表)",
            "Development gate requirement 'followUpTable' (when the policy lists it): a key account's follow-up table is filled; otherwise the gate defers — fill in the key-account follow-up table (大客戶客戶跟進表)."),
        new(Stage.Development, "stageSummaryFiled", "Gate.Development.StageSummaryFiled", o => o.Milestones.StageSummaryFiled == Evidence.Yes, "file the stage summary report (階段總結報告)",
            "Development gate requirement 'stageSummaryFiled' (when the policy lists it): the current stage's summary report is filed; otherwise the gate defers — file the stage summary report (階段總結報告)."),
        new(Stage.Initiation, "initiationReport.projectName", "Gate.Initiation.ProjectName", o => !string.IsNullOrWhiteSpace(o.InitiationReport?.ProjectName), "give the initiation report (立項報告) its project name (專案名稱)",
            "Initiation gate requirement 'initiationReport.projectName' (when the policy lists it): the initiation report names the project; otherwise the gate defers — give the initiation report (立項報告) its project name (專案名稱)."),
        new(Stage.Initiation, "initiationReport.projectNumber", "Gate.Initiation.ProjectNumber", o => !string.IsNullOrWhiteSpace(o.InitiationReport?.ProjectNumber), "give the initiation report its project number (專案編號)",
            "Initiation gate requirement 'initiationReport.projectNumber' (when the policy lists it): the initiation report has a project number; otherwise the gate defers — give the initiation report its project number (專案編號)."),
        new(Stage.Initiation, "initiationReport.customerOwner", "Gate.Initiation.CustomerOwner", o => !string.IsNullOrWhiteSpace(o.InitiationReport?.CustomerOwner), "name the customer-side owner (客戶方負責人) in the initiation report",
            "Initiation gate requirement 'initiationReport.customerOwner' (when the policy lists it): the initiation report names the customer-side owner; otherwise the gate defers — name the customer-side owner (客戶方負責人) in the initiation report."),
        new(Stage.Initiation, "initiationReport.expectedContractAmount", "Gate.Initiation.ExpectedContractAmount", o => o.InitiationReport?.ExpectedContractAmount != null, "state the expected contract amount (預計簽約金額) in the initiation report",
            "Initiation gate requirement 'initiationReport.expectedContractAmount' (when the policy lists it): the initiation report states the expected contract amount; otherwise the gate defers — state the expected contract amount (預計簽約金額) in the initiation report."),
        new(Stage.Initiation, "initiationReport.grossMarginEstimate", "Gate.Initiation.GrossMarginEstimate", o => o.InitiationReport?.GrossMarginEstimate != null, "estimate the project's gross margin (專案毛利率估計) in the initiation report",
            "Initiation gate requirement 'initiationReport.grossMarginEstimate' (when the policy lists it): the initiation report estimates the gross margin; otherwise the gate defers — estimate the project's gross margin (專案毛利率估計) in the initiation report."),
        new(Stage.Initiation, "initiationReport.salesExpenseBudget", "Gate.Initiation.SalesExpenseBudget", o => o.InitiationReport?.SalesExpenseBudget != null, "give the sales expense budget (銷售費用預算) in the initiation report",
            "Initiation gate requirement 'initiationReport.salesExpenseBudget' (when the policy lists it): the initiation report gives the sales expense budget; otherwise the gate defers — give the sales expense budget (銷售費用預算) in the initiation report."),
        new(Stage.Initiation, "initiationReport.classification", "Gate.Initiation.Classification", o => !string.IsNullOrWhiteSpace(o.InitiationReport?.Classification), "classify the project (專案分類) in the initiation report",
            "Initiation gate requirement 'initiationReport.classification' (when the policy lists it): the initiation report classifies the project; otherwise the gate defers — classify the project (專案分類) in the initiation report."),
        new(Stage.Initiation, "initiationReport.expectedSignDate", "Gate.Initiation.ExpectedSignDate", o => o.InitiationReport?.ExpectedSignDate != null, "give the expected signing date (預計簽約時間) in the initiation report",
            "Initiation gate requirement 'initiationReport.expectedSignDate' (when the policy lists it): the initiation report gives the expected signing date; otherwise the gate defers — give the expected signing date (預計簽約時間) in the initiation report."),
        new(Stage.Initiation, "shortlisted", "Gate.Initiation.Shortlisted", o => o.Milestones.Shortlisted == Evidence.Yes, "become a short-listed candidate supplier (候選供應商)",
            "Initiation gate requirement 'shortlisted' (when the policy lists it): we are short-listed (a known no ends the pursuit instead); otherwise the gate defers — become a short-listed candidate supplier (候選供應商)."),
        new(Stage.Initiation, "stageSummaryFiled", "Gate.Initiation.StageSummaryFiled", o => o.Milestones.StageSummaryFiled == Evidence.Yes, "file the stage summary report (階段總結報告)",
            "Initiation gate requirement 'stageSummaryFiled' (when the policy lists it): the current stage's summary report is filed; otherwise the gate defers — file the stage summary report (階段總結報告)."),
        new(Stage.Proposal, "solutionDemoDone", "Gate.Proposal.SolutionDemoDone", o => o.Milestones.SolutionDemoDone == Evidence.Yes, "demonstrate the product or solution (產品/解決方案演示)",
            "Proposal gate requirement 'solutionDemoDone' (when the policy lists it): the solution demo is done; otherwise the gate defers — demonstrate the product or solution (產品/解決方案演示)."),
        new(Stage.Proposal, "companyVisitDone", "Gate.Proposal.CompanyVisitDone", o => o.Milestones.CompanyVisitDone == Evidence.Yes, "invite the customer to visit our company (公司參觀)",
            "Proposal gate requirement 'companyVisitDone' (when the policy lists it): the customer has visited our company; otherwise the gate defers — invite the customer to visit our company (公司參觀)."),
        new(Stage.Proposal, "referenceVisitDone", "Gate.Proposal.ReferenceVisitDone", o => o.Milestones.ReferenceVisitDone == Evidence.Yes, "take the customer to a reference customer (客戶參觀)",
            "Proposal gate requirement 'referenceVisitDone' (when the policy lists it): the customer has visited a reference customer; otherwise the gate defers — take the customer to a reference customer (客戶參觀)."),
        new(Stage.Proposal, "proposalSubmitted", "Gate.Proposal.ProposalSubmitted", o => o.Milestones.ProposalSubmitted == Evidence.Yes, "submit the written proposal (建議書)",
            "Proposal gate requirement 'proposalSubmitted' (when the policy lists it): the written proposal is submitted; otherwise the gate defers — submit the written proposal (建議書)."),
        new(Stage.Proposal, "initiationReportReviewed", "Gate.Proposal.InitiationReportReviewed", o => o.Milestones.InitiationReportReviewed == Evidence.Yes, "review the work so far and re-evaluate the initiation report (重新評估立項報告中的內容)",
            "Proposal gate requirement 'initiationReportReviewed' (when the policy lists it): the initiation report is re-evaluated in this stage; otherwise the gate defers — review the work so far and re-evaluate the initiation report (重新評估立項報告中的內容)."),
        new(Stage.Proposal, "objectionsResolved", "Gate.Proposal.ObjectionsResolved", o => o.Milestones.ObjectionsResolved == Evidence.Yes, "resolve the customer's objections (解除客戶異議)",
            "Proposal gate requirement 'objectionsResolved' (when the policy lists it): the customer's objections are resolved; otherwise the gate defers — resolve the customer's objections (解除客戶異議)."),
        new(Stage.Proposal, "valueAddedServiceOffered", "Gate.Proposal.ValueAddedServiceOffered", o => o.Milestones.ValueAddedServiceOffered == Evidence.Yes, "offer the customer a value-added service (增值服務)",
            "Proposal gate requirement 'valueAddedServiceOffered' (when the policy lists it): a value-added service is offered; otherwise the gate defers — offer the customer a value-added service (增值服務)."),
        new(Stage.Proposal, "keyBuyerCovered", "Gate.Proposal.KeyBuyerCovered", o => o.DecisionChain.KeyBuyerCoverage == Coverage.Met || o.DecisionChain.KeyBuyerCoverage == Coverage.InDepth, "meet the economic buyer or decision maker (主要決策人)",
            "Proposal gate requirement 'keyBuyerCovered' (when the policy lists it): the economic buyer or decision maker is met; otherwise the gate defers — meet the economic buyer or decision maker (主要決策人)."),
        new(Stage.Proposal, "tenderDocumentsReceived", "Gate.Proposal.TenderDocumentsReceived", o => o.Milestones.TenderDocumentsReceived == Evidence.Yes, "obtain the tender documents (招標書) and prepare the bid",
            "Proposal gate requirement 'tenderDocumentsReceived' (when the policy lists it): the tender documents are received; otherwise the gate defers — obtain the tender documents (招標書) and prepare the bid."),
        new(Stage.Proposal, "stageSummaryFiled", "Gate.Proposal.StageSummaryFiled", o => o.Milestones.StageSummaryFiled == Evidence.Yes, "file the stage summary report (階段總結報告)",
            "Proposal gate requirement 'stageSummaryFiled' (when the policy lists it): the current stage's summary report is filed; otherwise the gate defers — file the stage summary report (階段總結報告)."),
        new(Stage.Tender, "tenderDocumentsReceived", "Gate.Tender.TenderDocumentsReceived", o => o.Milestones.TenderDocumentsReceived == Evidence.Yes, "obtain the tender documents (招標書) and prepare the bid",
            "Tender gate requirement 'tenderDocumentsReceived' (when the policy lists it): the tender documents are received; otherwise the gate defers — obtain the tender documents (招標書) and prepare the bid."),
        new(Stage.Tender, "initiationReportReviewed", "Gate.Tender.InitiationReportReviewed", o => o.Milestones.InitiationReportReviewed == Evidence.Yes, "review the work so far and re-evaluate the initiation report (重新評估立項報告中的內容)",
            "Tender gate requirement 'initiationReportReviewed' (when the policy lists it): the initiation report is re-evaluated in this stage; otherwise the gate defers — review the work so far and re-evaluate the initiation report (重新評估立項報告中的內容)."),
        new(Stage.Tender, "bidStrategyMeetingHeld", "Gate.Tender.BidStrategyMeetingHeld", o => o.Milestones.BidStrategyMeetingHeld == Evidence.Yes, "hold the bid strategy meeting (方案溝通會): owners, partners' owners, team, schedule and focus areas",
            "Tender gate requirement 'bidStrategyMeetingHeld' (when the policy lists it): the bid strategy meeting is held; otherwise the gate defers — hold the bid strategy meeting (方案溝通會): owners, partners' owners, team, schedule and focus areas."),
        new(Stage.Tender, "bidTeamAssigned", "Gate.Tender.BidTeamAssigned", o => o.Milestones.BidTeamAssigned == Evidence.Yes, "assign the bid team: owners, partners, schedule (確定方案書的負責人…時間計畫安排)",
            "Tender gate requirement 'bidTeamAssigned' (when the policy lists it): the bid team is assigned; otherwise the gate defers — assign the bid team: owners, partners, schedule (確定方案書的負責人…時間計畫安排)."),
        new(Stage.Tender, "bidDocumentReviewed", "Gate.Tender.BidDocumentReviewed", Checklists.BidDocumentAllYes, "review the bid document stage by stage (分階段的檢查方案書)",
            "Tender gate requirement 'bidDocumentReviewed' (when the policy lists it): every check of the bid document's review is a yes; otherwise the gate defers — review the bid document stage by stage (分階段的檢查方案書).")
        {
            Detail = o => Checklists.Open("bidDocumentReviewed", "check.bidDocument.", Checklists.BidDocument(o)),
        },
        new(Stage.Tender, "requirementsCommunicated", "Gate.Tender.RequirementsCommunicated", o => o.Milestones.RequirementsCommunicated == Evidence.Yes, "talk the business requirements and the bid proposal through with the customer (業務需求書和投標方案書的溝通)",
            "Tender gate requirement 'requirementsCommunicated' (when the policy lists it): the requirements and the proposal are talked through with the customer; otherwise the gate defers — talk the business requirements and the bid proposal through with the customer (業務需求書和投標方案書的溝通)."),
        new(Stage.Tender, "competitiveStrategySet", "Gate.Tender.CompetitiveStrategySet", o => o.Milestones.CompetitiveStrategySet == Evidence.Yes, "set the competitive strategy from the competitors and our strengths and weaknesses (確定競爭策略)",
            "Tender gate requirement 'competitiveStrategySet' (when the policy lists it): the competitive strategy is set; otherwise the gate defers — set the competitive strategy from the competitors and our strengths and weaknesses (確定競爭策略)."),
        new(Stage.Tender, "presentersAssigned", "Gate.Tender.PresentersAssigned", o => o.Milestones.PresentersAssigned == Evidence.Yes, "choose the presenters and the people who answer questions, and what they say (講標人和答疑人)",
            "Tender gate requirement 'presentersAssigned' (when the policy lists it): the presenters and the people answering questions are chosen; otherwise the gate defers — choose the presenters and the people who answer questions, and what they say (講標人和答疑人)."),
        new(Stage.Tender, "bidPriceApproved", "Gate.Tender.BidPriceApproved", o => o.Milestones.BidPriceApproved == Evidence.Yes, "decide and review the bid price (投標價格決策，並對投標價格審核)",
            "Tender gate requirement 'bidPriceApproved' (when the policy lists it): the bid price is decided and reviewed; otherwise the gate defers — decide and review the bid price (投標價格決策，並對投標價格審核)."),
        new(Stage.Tender, "statementOfWorkReviewed", "Gate.Tender.StatementOfWorkReviewed", o => o.Milestones.StatementOfWorkReviewed == Evidence.Yes, "review the statement of work (工作說明書) with the bid price",
            "Tender gate requirement 'statementOfWorkReviewed' (when the policy lists it): the statement of work is reviewed; otherwise the gate defers — review the statement of work (工作說明書) with the bid price."),
        new(Stage.Tender, "bidOutcome", "Gate.Tender.BidOutcome", o => o.Milestones.BidOutcome == BidOutcome.Won, "win the bid (中標): await or secure the tender result",
            "Tender gate requirement 'bidOutcome' (when the policy lists it): the bid is won; otherwise the gate defers — win the bid (中標): await or secure the tender result."),
        new(Stage.Tender, "contractSigned", "Gate.Tender.ContractSigned", o => o.Milestones.ContractSigned == Evidence.Yes, "conclude the sole or competitive commercial negotiation and sign the contract (商務談判)",
            "Tender gate requirement 'contractSigned' (when the policy lists it): the commercial negotiation is concluded and the contract signed; otherwise the gate defers — conclude the sole or competitive commercial negotiation and sign the contract (商務談判)."),
        new(Stage.Tender, "stageSummaryFiled", "Gate.Tender.StageSummaryFiled", o => o.Milestones.StageSummaryFiled == Evidence.Yes, "file the stage summary report (階段總結報告)",
            "Tender gate requirement 'stageSummaryFiled' (when the policy lists it): the current stage's summary report is filed; otherwise the gate defers — file the stage summary report (階段總結報告)."),
        new(Stage.Implementation, "handOverDone", "Gate.Implementation.HandOverDone", o => o.Milestones.HandOverDone == Evidence.Yes, "hand over from pre-sales to implementation (售前與實施交接)",
            "Implementation gate requirement 'handOverDone' (when the policy lists it): the hand-over is done; otherwise the gate defers — hand over from pre-sales to implementation (售前與實施交接)."),
        new(Stage.Implementation, "projectTeamFormed", "Gate.Implementation.ProjectTeamFormed", o => o.Milestones.ProjectTeamFormed == Evidence.Yes, "form the project implementation team: roles, duties, plan, communication, management (成立專案實施小組)",
            "Implementation gate requirement 'projectTeamFormed' (when the policy lists it): the implementation team is formed; otherwise the gate defers — form the project implementation team: roles, duties, plan, communication, management (成立專案實施小組)."),
        new(Stage.Implementation, "projectManagerAppointed", "Gate.Implementation.ProjectManagerAppointed", o => o.Milestones.ProjectManagerAppointed == Evidence.Yes, "appoint the project manager (委任專案經理)",
            "Implementation gate requirement 'projectManagerAppointed' (when the policy lists it): a project manager is appointed; otherwise the gate defers — appoint the project manager (委任專案經理)."),
        new(Stage.Implementation, "customerProjectTeamFormed", "Gate.Implementation.CustomerProjectTeamFormed", o => o.Milestones.CustomerProjectTeamFormed == Evidence.Yes, "help the customer form its own project management team (協助客戶成立專案管理小組)",
            "Implementation gate requirement 'customerProjectTeamFormed' (when the policy lists it): the customer's project management team is formed; otherwise the gate defers — help the customer form its own project management team (協助客戶成立專案管理小組)."),
        new(Stage.Implementation, "implementationPlanApproved", "Gate.Implementation.ImplementationPlanApproved", o => o.Milestones.ImplementationPlanApproved == Evidence.Yes, "agree the implementation plan: scope, risks, management (客戶專案實施計畫)",
            "Implementation gate requirement 'implementationPlanApproved' (when the policy lists it): the implementation plan is approved; otherwise the gate defers — agree the implementation plan: scope, risks, management (客戶專案實施計畫)."),
        new(Stage.Implementation, "implementationPlanComplete", "Gate.Implementation.ImplementationPlanComplete", Checklists.ImplementationPlanAllYes, "complete the implementation plan (客戶專案實施計畫)",
            "Implementation gate requirement 'implementationPlanComplete' (when the policy lists it): the implementation plan covers every part the source lists; otherwise the gate defers — complete the implementation plan (客戶專案實施計畫).")
        {
            Detail = o => Checklists.Open("implementationPlanComplete", "check.implementationPlan.", Checklists.ImplementationPlan(o)),
        },
        new(Stage.Implementation, "paymentsOnSchedule", "Gate.Implementation.PaymentsOnSchedule", o => o.Milestones.PaymentsOnSchedule == Evidence.Yes, "collect payments on time per the contract (保證收款按時完成)",
            "Implementation gate requirement 'paymentsOnSchedule' (when the policy lists it): payments are on schedule; otherwise the gate defers — collect payments on time per the contract (保證收款按時完成)."),
        new(Stage.Implementation, "deliveryCompleted", "Gate.Implementation.DeliveryCompleted", o => o.Milestones.DeliveryCompleted == Evidence.Yes, "ship and deliver the products per the contract (產品出貨與運輸)",
            "Implementation gate requirement 'deliveryCompleted' (when the policy lists it): the products are shipped and delivered; otherwise the gate defers — ship and deliver the products per the contract (產品出貨與運輸)."),
        new(Stage.Implementation, "stageReviewsHeld", "Gate.Implementation.StageReviewsHeld", o => o.Milestones.StageReviewsHeld == Evidence.Yes, "organise the implementation's stage reviews (階段評審)",
            "Implementation gate requirement 'stageReviewsHeld' (when the policy lists it): the stage reviews are organised; otherwise the gate defers — organise the implementation's stage reviews (階段評審)."),
        new(Stage.Implementation, "acceptanceSigned", "Gate.Implementation.AcceptanceSigned", o => o.Milestones.AcceptanceSigned == Evidence.Yes, "obtain the customer's acceptance (專案驗收)",
            "Implementation gate requirement 'acceptanceSigned' (when the policy lists it): acceptance is signed; otherwise the gate defers — obtain the customer's acceptance (專案驗收)."),
        new(Stage.Implementation, "projectClosedOut", "Gate.Implementation.ProjectClosedOut", o => o.Milestones.ProjectClosedOut == Evidence.Yes, "close out the project (結項)",
            "Implementation gate requirement 'projectClosedOut' (when the policy lists it): the project is closed out; otherwise the gate defers — close out the project (結項)."),
        new(Stage.Implementation, "stageSummaryFiled", "Gate.Implementation.StageSummaryFiled", o => o.Milestones.StageSummaryFiled == Evidence.Yes, "file the stage summary report (階段總結報告)",
            "Implementation gate requirement 'stageSummaryFiled' (when the policy lists it): the current stage's summary report is filed; otherwise the gate defers — file the stage summary report (階段總結報告)."),
    ];

    private static readonly GateRequirement[][] ByStage =
        [.. Enum.GetValues<Stage>().Select(stage => All.Where(r => r.Stage == stage).ToArray())];

    /// <summary>
    /// Records, on behalf of each requirement of the stage that the policy lists and the opportunity does not meet,
    /// the evidence still missing. What a policy lists is looked up once per policy (<see cref="Listed"/>), and the
    /// message of a requirement not met is built only when the gate's ledger keeps explanations.
    /// </summary>
    public static void Check(IContext ctx, Opportunity opportunity, GatePolicy policy)
    {
        var gate = (GateLedger)ctx.Resolve(typeof(GateLedger));
        var requirements = ListedBy(policy)[(int)opportunity.Stage];
        for (var i = 0; i < requirements.Length; i++)
        {
            var r = requirements[i];
            if (!r.Satisfied(opportunity))
            {
                gate.Missing(r.Name, r.Code, gate.KeepsExplanations ? r.MessageFor(opportunity) : MessageText.Omitted);
            }
        }
    }

    /// <summary>Per policy (immutable once valid), each stage's requirements that the policy lists, in the table's order.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GatePolicy, GateRequirement[][]> Listed = new();

    /// <summary>The last policy's lists: a run scores many opportunities under one policy, so one reference check, not a table look-up per opportunity.</summary>
    private static PolicyLists? s_last;

    private static GateRequirement[][] ListedBy(GatePolicy policy)
    {
        if (s_last is { } last && ReferenceEquals(last.Policy, policy))
        {
            return last.Lists;
        }

        var lists = Listed.GetValue(policy, static p => [.. ByStage.Select(stage => stage.Where(r => p.Requires(r.Stage, r.Code)).ToArray())]);
        s_last = new PolicyLists(policy, lists); // immutable: a thread that reads another's sees a whole pair
        return lists;
    }

    private sealed record PolicyLists(GatePolicy Policy, GateRequirement[][] Lists);
}

/// <summary>The names the stage requirements rules record reasons in: one per gate requirement (declared to the fused engine).</summary>
internal sealed class GateRequirementNames : Engine.IReasonNames
{
    /// <inheritdoc />
    public IEnumerable<string> Names => GateRequirements.All.Select(r => r.Name);
}

/// <summary>
/// A stage's gate requirements (source: each stage's exit evidence): one rule per stage that checks the evidence the
/// policy requires at that stage's gate against the table of <see cref="GateRequirements"/>; a requirement not met
/// defers the gate with its own code.
/// </summary>
internal abstract class StageRequirementsRule(Stage stage) : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        var current = stage;
        Opportunity opp = default!;
        GatePolicy policy = default!;
        When().Match(() => opp, o => o.Stage == current).Match(() => policy);
        Then().Do(ctx => GateRequirements.Check(ctx, opp, policy));
    }
}

/// <summary>The development (客戶開發) gate's requirements.</summary>
[Name("Gate.Development.Requirements")]
[Description("Development gate (客戶開發): defers the gate for each piece of exit evidence the policy requires and the opportunity lacks — the customer's need, budget, timeline, competition, decision chain, strategic fit and margin assessed, a key account's follow-up table filled (大客戶客戶跟進表), the stage summary report filed.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class DevelopmentRequirementsRule() : StageRequirementsRule(Stage.Development);

/// <summary>The initiation (立項) gate's requirements.</summary>
[Name("Gate.Initiation.Requirements")]
[Description("Initiation gate (立項): defers the gate for each piece of exit evidence the policy requires and the opportunity lacks — the initiation report (立項報告) complete — project name and number, customer-side owner, expected amount, margin estimate, sales expense budget, classification, expected signing date — the company short-listed, the stage summary report filed (the margin at the floor is a rule of its own).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class InitiationRequirementsRule() : StageRequirementsRule(Stage.Initiation);

/// <summary>The proposal (提案) gate's requirements.</summary>
[Name("Gate.Proposal.Requirements")]
[Description("Proposal gate (提案): defers the gate for each piece of exit evidence the policy requires and the opportunity lacks — the solution demonstrated, the customer's visits to our company and to a reference customer, the written proposal submitted, the initiation report re-evaluated, objections resolved, a value-added service offered, the main decision maker met, the tender documents received, the stage summary report filed.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class ProposalRequirementsRule() : StageRequirementsRule(Stage.Proposal);

/// <summary>The tender (招投標) gate's requirements.</summary>
[Name("Gate.Tender.Requirements")]
[Description("Tender gate (招投標): defers the gate for each piece of exit evidence the policy requires and the opportunity lacks — the tender documents received, the initiation report re-evaluated, the bid strategy meeting held (方案溝通會), the bid team assigned, the bid document reviewed stage by stage (seven checks), the requirements talked through with the customer, the competitive strategy set, the presenters chosen, the bid price decided and reviewed with the statement of work (工作說明書), the bid won, the sole or competitive commercial negotiation concluded, the stage summary report filed (階段總結報告).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class TenderRequirementsRule() : StageRequirementsRule(Stage.Tender);

/// <summary>The implementation (工程實施) gate's requirements.</summary>
[Name("Gate.Implementation.Requirements")]
[Description("Implementation gate (工程實施): defers the gate for each piece of exit evidence the policy requires and the opportunity lacks — the hand-over done, the implementation team formed, a project manager appointed, the customer helped to form its project team, the implementation plan agreed and complete (scope, risks and remedies, project management, follow-on orders, relationship upkeep), payments on schedule, delivery done, stage reviews held, acceptance signed, the project closed out, the stage summary report filed.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class ImplementationRequirementsRule() : StageRequirementsRule(Stage.Implementation);
