using NRules.RuleModel;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// What the flat and the fused runs share as a rule's context: the rules only insert facts, so every other operation of
/// <see cref="IContext"/> (update, retract, linked facts, halt) fails naming the rule that asked for it. The members are
/// public so the runs' interface maps to them; insert and resolve stay in the sealed runs, off any virtual call.
/// </summary>
internal abstract class InsertOnlyContext(RuleRanks? ranks = null) : RuleCursor(ranks)
{
    /// <summary>The rule firing, for the error; null between rules.</summary>
    protected abstract string? FiringRuleName { get; }

    public void Update(object fact) => throw Unsupported("Update");
    public void UpdateAll(IEnumerable<object> facts) => throw Unsupported("UpdateAll");
    public bool TryUpdate(object fact) => throw Unsupported("TryUpdate");
    public void Retract(object fact) => throw Unsupported("Retract");
    public void RetractAll(IEnumerable<object> facts) => throw Unsupported("RetractAll");
    public bool TryRetract(object fact) => throw Unsupported("TryRetract");
    public IReadOnlyCollection<object> GetLinkedKeys() => throw Unsupported("GetLinkedKeys");
    public object GetLinked(object key) => throw Unsupported("GetLinked");
    public void InsertLinked(object key, object fact) => throw Unsupported("InsertLinked");
    public void InsertAllLinked(IEnumerable<KeyValuePair<object, object>> keyedFacts) => throw Unsupported("InsertAllLinked");
    public void UpdateLinked(object key, object fact) => throw Unsupported("UpdateLinked");
    public void UpdateAllLinked(IEnumerable<KeyValuePair<object, object>> keyedFacts) => throw Unsupported("UpdateAllLinked");
    public void RetractLinked(object key, object fact) => throw Unsupported("RetractLinked");
    public void RetractAllLinked(IEnumerable<KeyValuePair<object, object>> keyedFacts) => throw Unsupported("RetractAllLinked");
    public void Halt() => throw Unsupported("Halt");

    /// <summary>The error for an operation the compiled engines do not support, naming the rule firing.</summary>
    protected FlatRuleException Unsupported(string what) =>
        new(FiringRuleName, new NotSupportedException($"{what} is not supported by the compiled engine; use the Rete engine for this rule set"), condition: false);
}
