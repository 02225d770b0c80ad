using NRules.Fluent.Dsl;

namespace OpportunityScoring.Rules.StageGates;

/// <summary>
/// A piece of evidence a stage's gate needs: fires when the opportunity is in <c>stage</c>, the policy requires
/// <c>code</c> for that stage, and the evidence is not there; records the code and what to obtain.
/// </summary>
public abstract class GateRequirementRule : Rule
{
    private readonly Stage _stage;
    private readonly string _code;
    private readonly Func<Opportunity, bool> _satisfied;
    private readonly string _message;

    /// <summary>Creates the rule.</summary>
    /// <param name="stage">The stage whose gate needs the evidence.</param>
    /// <param name="code">The requirement's stable code (as listed in the policy).</param>
    /// <param name="satisfied">Whether the opportunity has the evidence.</param>
    /// <param name="message">What to obtain, in the source's terms.</param>
    protected GateRequirementRule(Stage stage, string code, Func<Opportunity, bool> satisfied, string message)
    {
        _stage = stage;
        _code = code;
        _satisfied = satisfied;
        _message = message;
    }

    /// <inheritdoc />
    public override void Define()
    {
        var stage = _stage;
        var code = _code;
        var satisfied = _satisfied;
        // The catalogue's text (so it renders in the reader's language) when it is this rule's text; else the rule's own.
        var message = Texts.English.Has("gate.missing." + code) && Texts.English.Get("gate.missing." + code) == _message
            ? MessageText.Of("gate.missing." + code)
            : MessageText.Literal(_message);
        Opportunity opp = default!;
        ScoringPolicy policy = default!;
        Scorecard card = default!;
        Dependency().Resolve(() => card);
        When()
            .Match(() => opp, o => o.Stage == stage && !satisfied(o))
            .Match(() => policy, p => p.Requires(opp.Stage, code));
        Then().Do(ctx => card.GateMissing(ctx.Rule.Name, code, message));
    }
}
