using System.Linq.Expressions;
using System.Reflection;
using NRules.RuleModel;

namespace OpportunityScoring.Engine.Flat;

internal sealed class VariableFinder(HashSet<ParameterExpression> read) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node)
    {
        read.Add(node);
        return node;
    }
}

/// <summary>
/// For the decisions-only variant of an action: an argument of an explanation-only type (a message, a factor
/// value) that goes straight to a method of one of the rule's dependencies or to a rule action marked
/// <see cref="ExplanationSinkAttribute"/> (both hand it to a ledger, which drops it when it keeps no explanations) and is built only by members marked <see cref="ExplanationOnlyAttribute"/> (no
/// effect besides their result, throwing only on a null argument) becomes the type's placeholder. Everything
/// else the argument computes is still evaluated, in the same order, with the marked members' null checks, so a
/// failure or an effect happens exactly as in a full run. An unmarked call producing the value, a null or
/// blank constant where a marked member refuses null, or a computed string given to one, keeps the argument whole.
/// </summary>
internal sealed class Elider(IReadOnlyDictionary<Type, object> explanationOnly, HashSet<ParameterExpression> dependencies) : ExpressionVisitor
{
    private static readonly MethodInfo ThrowIfNull =
        typeof(ArgumentNullException).GetMethod(nameof(ArgumentNullException.ThrowIfNull), [typeof(object), typeof(string)])!;

    private readonly NullabilityInfoContext _nullability = new();

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        var call = (MethodCallExpression)base.VisitMethodCall(node);
        if (!IsDependency(call.Object) && !(call.Object is null && call.Method.IsDefined(typeof(ExplanationSinkAttribute), inherit: false)))
        {
            return call;
        }

        var parameters = call.Method.GetParameters();
        Expression[]? arguments = null;
        for (var i = 0; i < parameters.Length; i++)
        {
            var argument = call.Arguments[i];
            var effects = new List<Expression>();
            if (explanationOnly.TryGetValue(parameters[i].ParameterType, out var placeholder)
                && argument.NodeType != ExpressionType.Constant
                && TryElide(argument, _nullability.Create(parameters[i]), parameters[i].Name, effects))
            {
                arguments ??= [.. call.Arguments];
                var value = Expression.Constant(placeholder, parameters[i].ParameterType);
                arguments[i] = effects.Count == 0 ? value : Expression.Block(parameters[i].ParameterType, [.. effects, value]);
            }
        }

        return arguments is null ? call : call.Update(call.Object, arguments);
    }

    private bool IsDependency(Expression? instance)
    {
        while (instance is UnaryExpression { NodeType: ExpressionType.Convert } convert)
        {
            instance = convert.Operand;
        }

        return instance is ParameterExpression p && dependencies.Contains(p);
    }

    /// <summary>
    /// Whether the value can be left unbuilt without a difference a full run could show; if so, adds what must
    /// still be evaluated for it (in order) to <paramref name="effects"/>.
    /// </summary>
    private bool TryElide(Expression e, NullabilityInfo? target, string? name, List<Expression> effects)
    {
        var refusesNull = target is not null && target.WriteState != NullabilityState.Nullable && !e.Type.IsValueType;
        switch (e)
        {
            case ConstantExpression c:
                return !refusesNull || (c.Value is string text ? !string.IsNullOrWhiteSpace(text) : c.Value is not null);
            case MethodCallExpression m when m.Method.IsDefined(typeof(ExplanationOnlyAttribute), inherit: false):
                return m.Object is null && TryElideArguments(m.Method.GetParameters(), m.Arguments, effects);
            case NewExpression n when n.Constructor is { } ctor && ctor.IsDefined(typeof(ExplanationOnlyAttribute), inherit: false):
                return TryElideArguments(ctor.GetParameters(), n.Arguments, effects);
            case NewArrayExpression { NodeType: ExpressionType.NewArrayInit } array:
                return array.Expressions.All(x => TryElide(x, target?.ElementType, name, effects));
            case UnaryExpression { NodeType: ExpressionType.Convert } box when box.Operand.Type.IsValueType && !box.Type.IsValueType:
                return TryElide(box.Operand, null, name, effects);
            case ConditionalExpression conditional:
                var whenTrue = new List<Expression>();
                var whenFalse = new List<Expression>();
                if (!TryElide(conditional.IfTrue, target, name, whenTrue) || !TryElide(conditional.IfFalse, target, name, whenFalse))
                {
                    return false;
                }

                effects.Add(Expression.IfThenElse(conditional.Test, Statements(whenTrue), Statements(whenFalse)));
                return true;
            case ParameterExpression when !refusesNull:
                return true;
            default:
                if (refusesNull && e.Type == typeof(string))
                {
                    return false; // a marked member may refuse a blank string too
                }

                effects.Add(refusesNull ? Expression.Call(ThrowIfNull, Expression.Convert(e, typeof(object)), Expression.Constant(name, typeof(string))) : e);
                return true;
        }
    }

    private bool TryElideArguments(ParameterInfo[] parameters, System.Collections.ObjectModel.ReadOnlyCollection<Expression> arguments, List<Expression> effects)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            if (!TryElide(arguments[i], _nullability.Create(parameters[i]), parameters[i].Name, effects))
            {
                return false;
            }
        }

        return true;
    }

    private static Expression Statements(List<Expression> effects) => effects.Count == 0 ? Expression.Empty() : Expression.Block(typeof(void), effects);
}

/// <summary>
/// Reads the declarations from the rule's variables, and folds <c>ctx.Rule</c> (and <c>ctx.Rule.Name</c>) into
/// constants: in the compiled engine an action's rule is always its own, so the two interface calls per action
/// that rules make to name themselves become a constant.
/// </summary>
internal sealed class Rebinder(Dictionary<ParameterExpression, Expression> map, ParameterExpression? context, IRuleDefinition rule) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var e) ? e : base.VisitParameter(node);

    protected override Expression VisitMember(MemberExpression node)
    {
        if (context is not null && node.Member.DeclaringType == typeof(IContext) && node.Member.Name == nameof(IContext.Rule)
            && node.Expression is ParameterExpression p && map.TryGetValue(p, out var bound) && bound == context)
        {
            return Expression.Constant(rule, typeof(IRuleDefinition));
        }

        var visited = base.VisitMember(node);
        return visited is MemberExpression { Expression: ConstantExpression { Value: IRuleDefinition r }, Member.Name: nameof(IRuleDefinition.Name) } m
               && m.Member.DeclaringType == typeof(IRuleDefinition)
            ? Expression.Constant(r.Name, typeof(string))
            : visited;
    }
}
