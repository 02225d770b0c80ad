using NRules.Fluent.Dsl;

namespace OpportunityScoring.Rules.StageGates;

/// <summary>Gate development: the customer's need level is known.</summary>
[Name("Gate.Development.NeedAssessed")]
[Description("Development gate requirement 'needAssessed' (when the policy lists it): the customer's need level is known; otherwise the gate defers — assess the customer's need (需求): how much they need it.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class DevelopmentNeedAssessedRule() : GateRequirementRule(Stage.Development, "needAssessed", o => o.Need.Level != NeedLevel.Unknown, "assess the customer's need (需求): how much they need it");

/// <summary>Gate development: the budget status is known.</summary>
[Name("Gate.Development.BudgetAssessed")]
[Description("Development gate requirement 'budgetAssessed' (when the policy lists it): the budget status is known; otherwise the gate defers — assess the budget (預算): is it approved, estimated or absent.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class DevelopmentBudgetAssessedRule() : GateRequirementRule(Stage.Development, "budgetAssessed", o => o.Budget.Status != BudgetStatus.Unknown, "assess the budget (預算): is it approved, estimated or absent");

/// <summary>Gate development: the purchase timeframe or decision date is known.</summary>
[Name("Gate.Development.TimelineAssessed")]
[Description("Development gate requirement 'timelineAssessed' (when the policy lists it): the purchase timeframe or decision date is known; otherwise the gate defers — assess the purchase schedule (專案/購買進度表): when the customer buys.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class DevelopmentTimelineAssessedRule() : GateRequirementRule(Stage.Development, "timelineAssessed", o => o.Timeline.PurchaseTimeframe != PurchaseTimeframe.Unknown || o.Timeline.DecisionDate != null, "assess the purchase schedule (專案/購買進度表): when the customer buys");

/// <summary>Gate development: our competitive position is known.</summary>
[Name("Gate.Development.CompetitionAssessed")]
[Description("Development gate requirement 'competitionAssessed' (when the policy lists it): our competitive position is known; otherwise the gate defers — assess the competition (競爭): who competes and where we stand.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class DevelopmentCompetitionAssessedRule() : GateRequirementRule(Stage.Development, "competitionAssessed", o => o.Competition.Position != CompetitivePosition.Unknown, "assess the competition (競爭): who competes and where we stand");

/// <summary>Gate development: the stakeholder map is not empty.</summary>
[Name("Gate.Development.DecisionChainAssessed")]
[Description("Development gate requirement 'decisionChainAssessed' (when the policy lists it): the stakeholder map is not empty; otherwise the gate defers — map the decision chain (決策鏈): roles, weight and stance of the key people.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class DevelopmentDecisionChainAssessedRule() : GateRequirementRule(Stage.Development, "decisionChainAssessed", o => o.DecisionChain.IsMapped, "map the decision chain (決策鏈): roles, weight and stance of the key people");

/// <summary>Gate development: strategic fit or relevance to future direction is known.</summary>
[Name("Gate.Development.StrategicFitAssessed")]
[Description("Development gate requirement 'strategicFitAssessed' (when the policy lists it): strategic fit or relevance to future direction is known; otherwise the gate defers — judge the strategic fit (戰略符合), or the relevance to future direction if it does not fit.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class DevelopmentStrategicFitAssessedRule() : GateRequirementRule(Stage.Development, "strategicFitAssessed", o => o.StrategicFit.Strategy != Evidence.Unknown || o.StrategicFit.FutureInfluence != FutureInfluence.Unknown, "judge the strategic fit (戰略符合), or the relevance to future direction if it does not fit");

/// <summary>Gate development: a cost or margin estimate exists.</summary>
[Name("Gate.Development.GrossMarginAssessed")]
[Description("Development gate requirement 'grossMarginAssessed' (when the policy lists it): a cost or margin estimate exists; otherwise the gate defers — estimate the gross margin (毛利率): a cost estimate or a margin estimate.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class DevelopmentGrossMarginAssessedRule() : GateRequirementRule(Stage.Development, "grossMarginAssessed", o => o.GrossMargin != null, "estimate the gross margin (毛利率): a cost estimate or a margin estimate");

/// <summary>Gate development: a key account's follow-up table is filled.</summary>
[Name("Gate.Development.FollowUpTable")]
[Description("Development gate requirement 'followUpTable' (when the policy lists it): a key account's follow-up table is filled; otherwise the gate defers — fill in the key-account follow-up table (大客戶客戶跟進表).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class DevelopmentFollowUpTableRule() : GateRequirementRule(Stage.Development, "followUpTable", o => o.Account.KeyAccount != true || o.Milestones.FollowUpTableFilled == Evidence.Yes, "fill in the key-account follow-up table (大客戶客戶跟進表)");

/// <summary>Gate initiation: the initiation report names the project.</summary>
[Name("Gate.Initiation.ProjectName")]
[Description("Initiation gate requirement 'initiationReport.projectName' (when the policy lists it): the initiation report names the project; otherwise the gate defers — give the initiation report (立項報告) its project name (專案名稱).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationProjectNameRule() : GateRequirementRule(Stage.Initiation, "initiationReport.projectName", o => !string.IsNullOrWhiteSpace(o.InitiationReport?.ProjectName), "give the initiation report (立項報告) its project name (專案名稱)");

/// <summary>Gate initiation: the initiation report has a project number.</summary>
[Name("Gate.Initiation.ProjectNumber")]
[Description("Initiation gate requirement 'initiationReport.projectNumber' (when the policy lists it): the initiation report has a project number; otherwise the gate defers — give the initiation report its project number (專案編號).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationProjectNumberRule() : GateRequirementRule(Stage.Initiation, "initiationReport.projectNumber", o => !string.IsNullOrWhiteSpace(o.InitiationReport?.ProjectNumber), "give the initiation report its project number (專案編號)");

/// <summary>Gate initiation: the initiation report names the customer-side owner.</summary>
[Name("Gate.Initiation.CustomerOwner")]
[Description("Initiation gate requirement 'initiationReport.customerOwner' (when the policy lists it): the initiation report names the customer-side owner; otherwise the gate defers — name the customer-side owner (客戶方負責人) in the initiation report.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationCustomerOwnerRule() : GateRequirementRule(Stage.Initiation, "initiationReport.customerOwner", o => !string.IsNullOrWhiteSpace(o.InitiationReport?.CustomerOwner), "name the customer-side owner (客戶方負責人) in the initiation report");

/// <summary>Gate initiation: the initiation report states the expected contract amount.</summary>
[Name("Gate.Initiation.ExpectedContractAmount")]
[Description("Initiation gate requirement 'initiationReport.expectedContractAmount' (when the policy lists it): the initiation report states the expected contract amount; otherwise the gate defers — state the expected contract amount (預計簽約金額) in the initiation report.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationExpectedContractAmountRule() : GateRequirementRule(Stage.Initiation, "initiationReport.expectedContractAmount", o => o.InitiationReport?.ExpectedContractAmount != null, "state the expected contract amount (預計簽約金額) in the initiation report");

/// <summary>Gate initiation: the initiation report estimates the gross margin.</summary>
[Name("Gate.Initiation.GrossMarginEstimate")]
[Description("Initiation gate requirement 'initiationReport.grossMarginEstimate' (when the policy lists it): the initiation report estimates the gross margin; otherwise the gate defers — estimate the project's gross margin (專案毛利率估計) in the initiation report.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationGrossMarginEstimateRule() : GateRequirementRule(Stage.Initiation, "initiationReport.grossMarginEstimate", o => o.InitiationReport?.GrossMarginEstimate != null, "estimate the project's gross margin (專案毛利率估計) in the initiation report");

/// <summary>Gate initiation: the initiation report gives the sales expense budget.</summary>
[Name("Gate.Initiation.SalesExpenseBudget")]
[Description("Initiation gate requirement 'initiationReport.salesExpenseBudget' (when the policy lists it): the initiation report gives the sales expense budget; otherwise the gate defers — give the sales expense budget (銷售費用預算) in the initiation report.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationSalesExpenseBudgetRule() : GateRequirementRule(Stage.Initiation, "initiationReport.salesExpenseBudget", o => o.InitiationReport?.SalesExpenseBudget != null, "give the sales expense budget (銷售費用預算) in the initiation report");

/// <summary>Gate initiation: the initiation report classifies the project.</summary>
[Name("Gate.Initiation.Classification")]
[Description("Initiation gate requirement 'initiationReport.classification' (when the policy lists it): the initiation report classifies the project; otherwise the gate defers — classify the project (專案分類) in the initiation report.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationClassificationRule() : GateRequirementRule(Stage.Initiation, "initiationReport.classification", o => !string.IsNullOrWhiteSpace(o.InitiationReport?.Classification), "classify the project (專案分類) in the initiation report");

/// <summary>Gate initiation: the initiation report gives the expected signing date.</summary>
[Name("Gate.Initiation.ExpectedSignDate")]
[Description("Initiation gate requirement 'initiationReport.expectedSignDate' (when the policy lists it): the initiation report gives the expected signing date; otherwise the gate defers — give the expected signing date (預計簽約時間) in the initiation report.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationExpectedSignDateRule() : GateRequirementRule(Stage.Initiation, "initiationReport.expectedSignDate", o => o.InitiationReport?.ExpectedSignDate != null, "give the expected signing date (預計簽約時間) in the initiation report");

/// <summary>Gate initiation: we are short-listed (a known no ends the pursuit instead).</summary>
[Name("Gate.Initiation.Shortlisted")]
[Description("Initiation gate requirement 'shortlisted' (when the policy lists it): we are short-listed (a known no ends the pursuit instead); otherwise the gate defers — become a short-listed candidate supplier (候選供應商).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class InitiationShortlistedRule() : GateRequirementRule(Stage.Initiation, "shortlisted", o => o.Milestones.Shortlisted == Evidence.Yes, "become a short-listed candidate supplier (候選供應商)");

/// <summary>Gate proposal: the solution demo is done.</summary>
[Name("Gate.Proposal.SolutionDemoDone")]
[Description("Proposal gate requirement 'solutionDemoDone' (when the policy lists it): the solution demo is done; otherwise the gate defers — demonstrate the product or solution (產品/解決方案演示).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ProposalSolutionDemoDoneRule() : GateRequirementRule(Stage.Proposal, "solutionDemoDone", o => o.Milestones.SolutionDemoDone == Evidence.Yes, "demonstrate the product or solution (產品/解決方案演示)");

/// <summary>Gate proposal: the written proposal is submitted.</summary>
[Name("Gate.Proposal.ProposalSubmitted")]
[Description("Proposal gate requirement 'proposalSubmitted' (when the policy lists it): the written proposal is submitted; otherwise the gate defers — submit the written proposal (建議書).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ProposalProposalSubmittedRule() : GateRequirementRule(Stage.Proposal, "proposalSubmitted", o => o.Milestones.ProposalSubmitted == Evidence.Yes, "submit the written proposal (建議書)");

/// <summary>Gate proposal: the customer's objections are resolved.</summary>
[Name("Gate.Proposal.ObjectionsResolved")]
[Description("Proposal gate requirement 'objectionsResolved' (when the policy lists it): the customer's objections are resolved; otherwise the gate defers — resolve the customer's objections (解除客戶異議).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ProposalObjectionsResolvedRule() : GateRequirementRule(Stage.Proposal, "objectionsResolved", o => o.Milestones.ObjectionsResolved == Evidence.Yes, "resolve the customer's objections (解除客戶異議)");

/// <summary>Gate proposal: the economic buyer or decision maker is met.</summary>
[Name("Gate.Proposal.KeyBuyerCovered")]
[Description("Proposal gate requirement 'keyBuyerCovered' (when the policy lists it): the economic buyer or decision maker is met; otherwise the gate defers — meet the economic buyer or decision maker (主要決策人).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ProposalKeyBuyerCoveredRule() : GateRequirementRule(Stage.Proposal, "keyBuyerCovered", o => o.DecisionChain.KeyBuyerCoverage == Coverage.Met || o.DecisionChain.KeyBuyerCoverage == Coverage.InDepth, "meet the economic buyer or decision maker (主要決策人)");

/// <summary>Gate proposal: the tender documents are received.</summary>
[Name("Gate.Proposal.TenderDocumentsReceived")]
[Description("Proposal gate requirement 'tenderDocumentsReceived' (when the policy lists it): the tender documents are received; otherwise the gate defers — obtain the tender documents (招標書) and prepare the bid.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ProposalTenderDocumentsReceivedRule() : GateRequirementRule(Stage.Proposal, "tenderDocumentsReceived", o => o.Milestones.TenderDocumentsReceived == Evidence.Yes, "obtain the tender documents (招標書) and prepare the bid");

/// <summary>Gate tender: the tender documents are received.</summary>
[Name("Gate.Tender.TenderDocumentsReceived")]
[Description("Tender gate requirement 'tenderDocumentsReceived' (when the policy lists it): the tender documents are received; otherwise the gate defers — obtain the tender documents (招標書).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class TenderTenderDocumentsReceivedRule() : GateRequirementRule(Stage.Tender, "tenderDocumentsReceived", o => o.Milestones.TenderDocumentsReceived == Evidence.Yes, "obtain the tender documents (招標書)");

/// <summary>Gate tender: the bid team is assigned.</summary>
[Name("Gate.Tender.BidTeamAssigned")]
[Description("Tender gate requirement 'bidTeamAssigned' (when the policy lists it): the bid team is assigned; otherwise the gate defers — assign the bid team: owners, partners, schedule (確定方案書的負責人…時間計畫安排).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class TenderBidTeamAssignedRule() : GateRequirementRule(Stage.Tender, "bidTeamAssigned", o => o.Milestones.BidTeamAssigned == Evidence.Yes, "assign the bid team: owners, partners, schedule (確定方案書的負責人…時間計畫安排)");

/// <summary>Gate tender: the bid price is decided and reviewed.</summary>
[Name("Gate.Tender.BidPriceApproved")]
[Description("Tender gate requirement 'bidPriceApproved' (when the policy lists it): the bid price is decided and reviewed; otherwise the gate defers — decide and review the bid price (投標價格決策，並對投標價格審核).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class TenderBidPriceApprovedRule() : GateRequirementRule(Stage.Tender, "bidPriceApproved", o => o.Milestones.BidPriceApproved == Evidence.Yes, "decide and review the bid price (投標價格決策，並對投標價格審核)");

/// <summary>Gate tender: the bid is won.</summary>
[Name("Gate.Tender.BidOutcome")]
[Description("Tender gate requirement 'bidOutcome' (when the policy lists it): the bid is won; otherwise the gate defers — win the bid (中標): await or secure the tender result.")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class TenderBidOutcomeRule() : GateRequirementRule(Stage.Tender, "bidOutcome", o => o.Milestones.BidOutcome == BidOutcome.Won, "win the bid (中標): await or secure the tender result");

/// <summary>Gate implementation: the hand-over is done.</summary>
[Name("Gate.Implementation.HandOverDone")]
[Description("Implementation gate requirement 'handOverDone' (when the policy lists it): the hand-over is done; otherwise the gate defers — hand over from pre-sales to implementation (售前與實施交接).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ImplementationHandOverDoneRule() : GateRequirementRule(Stage.Implementation, "handOverDone", o => o.Milestones.HandOverDone == Evidence.Yes, "hand over from pre-sales to implementation (售前與實施交接)");

/// <summary>Gate implementation: a project manager is appointed.</summary>
[Name("Gate.Implementation.ProjectManagerAppointed")]
[Description("Implementation gate requirement 'projectManagerAppointed' (when the policy lists it): a project manager is appointed; otherwise the gate defers — appoint the project manager (委任專案經理).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ImplementationProjectManagerAppointedRule() : GateRequirementRule(Stage.Implementation, "projectManagerAppointed", o => o.Milestones.ProjectManagerAppointed == Evidence.Yes, "appoint the project manager (委任專案經理)");

/// <summary>Gate implementation: the implementation plan is approved.</summary>
[Name("Gate.Implementation.ImplementationPlanApproved")]
[Description("Implementation gate requirement 'implementationPlanApproved' (when the policy lists it): the implementation plan is approved; otherwise the gate defers — agree the implementation plan: scope, risks, management (客戶專案實施計畫).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ImplementationImplementationPlanApprovedRule() : GateRequirementRule(Stage.Implementation, "implementationPlanApproved", o => o.Milestones.ImplementationPlanApproved == Evidence.Yes, "agree the implementation plan: scope, risks, management (客戶專案實施計畫)");

/// <summary>Gate implementation: payments are on schedule.</summary>
[Name("Gate.Implementation.PaymentsOnSchedule")]
[Description("Implementation gate requirement 'paymentsOnSchedule' (when the policy lists it): payments are on schedule; otherwise the gate defers — collect payments on time per the contract (保證收款按時完成).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ImplementationPaymentsOnScheduleRule() : GateRequirementRule(Stage.Implementation, "paymentsOnSchedule", o => o.Milestones.PaymentsOnSchedule == Evidence.Yes, "collect payments on time per the contract (保證收款按時完成)");

/// <summary>Gate implementation: acceptance is signed.</summary>
[Name("Gate.Implementation.AcceptanceSigned")]
[Description("Implementation gate requirement 'acceptanceSigned' (when the policy lists it): acceptance is signed; otherwise the gate defers — obtain the customer's acceptance (專案驗收與結項).")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
public sealed class ImplementationAcceptanceSignedRule() : GateRequirementRule(Stage.Implementation, "acceptanceSigned", o => o.Milestones.AcceptanceSigned == Evidence.Yes, "obtain the customer's acceptance (專案驗收與結項)");
