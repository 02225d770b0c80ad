using System.Linq.Expressions;
using System.Reflection;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// The evidence read once. A read of an immutable member of an initial fact's local (<c>opp.Need</c>, <c>opp.Stage</c>)
/// becomes a local loaded once after the facts (see <see cref="Loads"/>: an initial fact is never null, so the load
/// cannot fail). A read, on such a local, of a further immutable member or of a property marked
/// <see cref="DerivedAttribute"/> (a figure derived from immutable evidence, such as <c>opp.DecisionChain.BestSupport</c>)
/// becomes a local computed where it is first read and reused after: it fails, if it fails, where it did before, and a
/// derived figure that several rules read is computed once per opportunity instead of once per read.
/// </summary>
internal sealed class MemberHoister(HashSet<ParameterExpression> facts) : ExpressionVisitor
{
    private readonly Dictionary<(ParameterExpression, MemberInfo), ParameterExpression> _hoisted = [];
    private readonly HashSet<ParameterExpression> _stable = [.. facts];
    private readonly Dictionary<ParameterExpression, ParameterExpression> _computed = []; // a lazy local → its "computed" flag

    /// <summary>The locals created.</summary>
    public List<ParameterExpression> Locals { get; } = [];

    /// <summary>Their loads (and the lazy locals' flags cleared), to run once the facts' locals are loaded.</summary>
    public List<Expression> Loads { get; } = [];

    protected override Expression VisitMember(MemberExpression node)
    {
        var receiver = node.Expression is null ? null : Visit(node.Expression);
        if (receiver is ParameterExpression owner && _stable.Contains(owner) && !owner.Type.IsValueType && Cacheable(node.Member))
        {
            if (!_hoisted.TryGetValue((owner, node.Member), out var local))
            {
                local = Expression.Variable(node.Type, $"{owner.Name}_{node.Member.Name}");
                _hoisted[(owner, node.Member)] = local;
                _stable.Add(local);
                Locals.Add(local);
                if (facts.Contains(owner) && IsImmutable(node.Member))
                {
                    Loads.Add(Expression.Assign(local, node.Update(owner)));
                }
                else
                {
                    var computed = Expression.Variable(typeof(bool), $"{local.Name}_computed");
                    _computed[local] = computed;
                    Locals.Add(computed);
                    Loads.Add(Expression.Assign(computed, Expression.Constant(false)));
                }
            }

            return _computed.TryGetValue(local, out var flag)
                ? Expression.Condition(flag, local, Expression.Block(
                    Expression.Assign(local, node.Update(owner)),
                    Expression.Assign(flag, Expression.Constant(true)),
                    local))
                : local;
        }

        return node.Update(receiver);
    }

    protected override Expression VisitLambda<T>(Expression<T> node) => node; // a nested lambda would capture the locals

    private static bool Cacheable(MemberInfo member) => IsImmutable(member)
        || (member is PropertyInfo { GetMethod: { } getter } p && getter.GetParameters().Length == 0 && p.IsDefined(typeof(DerivedAttribute), inherit: false));

    private static bool IsImmutable(MemberInfo member) =>
        member is PropertyInfo p ? ConstantFolder.IsImmutableAutoProperty(p) : member is FieldInfo { IsInitOnly: true };
}
