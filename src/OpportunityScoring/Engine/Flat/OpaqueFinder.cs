using System.Linq.Expressions;

namespace OpportunityScoring.Engine.Flat;

/// <summary>Finds what the generator cannot inline: an invocation of a delegate that is not a lambda written in the rule.</summary>
internal sealed class OpaqueFinder : ExpressionVisitor
{
    private string? _why;

    public static string? Find(IEnumerable<Expression> expressions)
    {
        var finder = new OpaqueFinder();
        foreach (var e in expressions)
        {
            finder.Visit(e);
        }

        return finder._why;
    }

    protected override Expression VisitInvocation(InvocationExpression node)
    {
        if (node.Expression is not LambdaExpression)
        {
            _why ??= $"it invokes an opaque delegate ({node.Expression.Type.Name})";
        }

        return base.VisitInvocation(node);
    }

    protected override Expression VisitExtension(Expression node)
    {
        _why ??= $"it holds a {node.GetType().Name} node";
        return node;
    }
}
