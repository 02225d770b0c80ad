using NRules.Fluent.Dsl;

namespace OpportunityScoring.Rules.StageGates;

/// <summary>The implementation gate reads the account's service health (issue 19): a missed service target holds the gate.</summary>
[Name("Gate.Implementation.AccountService")]
[Description("In implementation, the gate needs the account's service targets met (its key-account record's red flags: acceptance, satisfaction, complaints, payments, senior visit); an account without a record or service records is unknown and never holds the gate; source: \"注重客戶關係維護和售後服務,以贏得信任,保持長久關係\" and \"專案驗收與結項\".")]
[Tag(RuleSetNames.StageGates)]
[Priority(Phase.Gate)]
internal sealed class AccountServiceGateRule : Rule
{
    /// <inheritdoc />
    public override void Define()
    {
        Opportunity opp = default!;
        When().Match(() => opp, o => o.Stage == Stage.Implementation && o.Account.ServiceTargetsMissed != null && o.Account.ServiceTargetsMissed.Count > 0);
        Then().Do(ctx => ctx.GateMissing("accountService", MessageText.Of("gate.missing.accountService", MessageText.Join("account.item.", opp.Account.ServiceTargetsMissed!))));
    }
}
