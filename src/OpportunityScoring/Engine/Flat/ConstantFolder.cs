using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// Folds what cannot change between two runs under one policy into constants: a declaration bound to a constant fact
/// (a policy section) becomes that fact, and a read of an immutable member of a constant — a closure's captured value,
/// a read-only field, an init-only auto-property of a record — becomes its value. Method calls are left alone (their
/// bodies are compiled code whose effects the folder cannot see), except that a whole condition reading only
/// constants is evaluated once by <see cref="TryEvaluate"/>: conditions are side-effect free by the engines' contract
/// (Rete evaluates an alpha condition once per fact, the flat engine once per run).
/// </summary>
internal sealed class ConstantFolder(IReadOnlyDictionary<ParameterExpression, object> constants) : ExpressionVisitor
{
    protected override Expression VisitParameter(ParameterExpression node) =>
        constants.TryGetValue(node, out var value) ? Expression.Constant(value, node.Type) : node;

    protected override Expression VisitMember(MemberExpression node)
    {
        var visited = (MemberExpression)base.VisitMember(node);
        object? target = null;
        if (visited.Expression is not null)
        {
            if (visited.Expression is not ConstantExpression { Value: { } instance })
            {
                return visited;
            }

            target = instance;
        }

        switch (visited.Member)
        {
            case FieldInfo field when field.IsLiteral || field.IsInitOnly || IsClosure(field.DeclaringType):
                return Expression.Constant(field.GetValue(target), visited.Type);
            case PropertyInfo property when target is not null && IsImmutableAutoProperty(property):
                return Expression.Constant(property.GetValue(target), visited.Type);
            default:
                return visited;
        }
    }

    /// <summary>Evaluates an expression that reads no parameter (a condition on constants only); <see langword="false"/> when it reads one or throws.</summary>
    public static bool TryEvaluate(Expression expression, out object? value)
    {
        value = null;
        var finder = new HashSet<ParameterExpression>();
        new VariableFinder(finder).Visit(expression);
        if (finder.Count > 0 || expression is ConstantExpression)
        {
            if (expression is ConstantExpression c)
            {
                value = c.Value;
                return true;
            }

            return false;
        }

        try
        {
            value = Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false; // leave it to fail at run time, as it does in the other engines
        }
    }

    private static bool IsClosure(Type? type) => type is not null && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    /// <summary>A property whose getter only reads a backing field set at construction (a record's positional or init-only property).</summary>
    internal static bool IsImmutableAutoProperty(PropertyInfo property) =>
        property.GetMethod is { } getter && getter.GetParameters().Length == 0 && getter.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        && (property.SetMethod is null || property.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)));
}
