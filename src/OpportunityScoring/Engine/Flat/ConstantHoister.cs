using System.Linq.Expressions;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// Replaces each object constant of the fused method (a policy section, a rule's definition, a shared message) with a
/// local loaded once at the method's start (see <see cref="Loads"/>). A compiled expression tree cannot embed an object
/// in its code: every use of such a constant reads the closure's constants array and casts the element to the
/// constant's type (an interface cast takes the slow path), so a constant read by thirty rules costs thirty array loads
/// and casts per opportunity; a local costs one. Constants the compiler emits inline (numbers, enumerations, strings,
/// types, <see langword="null"/>) are left alone, and so are nested lambdas: a local they read would become a closure.
/// </summary>
internal sealed class ConstantHoister : ExpressionVisitor
{
    private readonly Dictionary<(object Value, Type Type), ParameterExpression> _hoisted = new(new ByReference());

    /// <summary>The locals created.</summary>
    public List<ParameterExpression> Locals { get; } = [];

    /// <summary>Their loads, to run before anything reads them.</summary>
    public List<Expression> Loads { get; } = [];

    protected override Expression VisitConstant(ConstantExpression node)
    {
        if (node.Value is not { } value || EmittedInline(node.Type, value))
        {
            return node;
        }

        if (!_hoisted.TryGetValue((value, node.Type), out var local))
        {
            local = Expression.Variable(node.Type, $"constant{Locals.Count}");
            _hoisted[(value, node.Type)] = local;
            Locals.Add(local);
            Loads.Add(Expression.Assign(local, node));
        }

        return local;
    }

    protected override Expression VisitLambda<T>(Expression<T> node) => node; // a nested lambda keeps its constants

    /// <summary>Whether the expression compiler writes the constant into the code (no closure read, no cast).</summary>
    private static bool EmittedInline(Type type, object value) =>
        value is string or Type or decimal || type.IsPrimitive || type.IsEnum
        || (Nullable.GetUnderlyingType(type) is { } underlying && (underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(decimal)));

    /// <summary>Constants are the same when they hold the same object (boxed values by value) and have the same static type.</summary>
    private sealed class ByReference : IEqualityComparer<(object Value, Type Type)>
    {
        public bool Equals((object Value, Type Type) x, (object Value, Type Type) y) =>
            x.Type == y.Type && (ReferenceEquals(x.Value, y.Value) || (x.Value.GetType().IsValueType && x.Value.Equals(y.Value)));

        public int GetHashCode((object Value, Type Type) obj) =>
            HashCode.Combine(obj.Value.GetType().IsValueType ? obj.Value.GetHashCode() : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Value), obj.Type);
    }
}
