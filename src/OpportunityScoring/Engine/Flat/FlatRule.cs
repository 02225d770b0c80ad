using System.Linq.Expressions;
using System.Reflection;
using NRules.RuleModel;

namespace OpportunityScoring.Engine.Flat;

internal sealed class FlatRule
{
    // One delegate per rule for its conditions (with the pattern facts' presence checks) and one for its actions:
    // a rule costs one call to match and one to fire, and reads each fact from the array once.
    private Func<object?[], bool> _matches = null!;
    private Action<IContext, object?[]> _execute = null!;
    private Action<IContext, object?[]> _decide = null!;

    private FlatRule(IRuleDefinition definition, int order)
    {
        Definition = definition;
        Order = order;
    }

    public IRuleDefinition Definition { get; }

    public int Order { get; }

    /// <summary>Every slot the rule reads (patterns and dependencies).</summary>
    public int[] Slots { get; private set; } = [];

    /// <summary>The slots that hold dependencies (present from the start).</summary>
    public int[] DependencySlots { get; private set; } = [];

    /// <summary>The slots of the rule's patterns, in pattern order (each must hold a fact for the rule to match).</summary>
    public int[] PatternSlots { get; private set; } = [];

    /// <summary>The rule's declarations (patterns and dependencies): the slot each reads and the variable its expressions use.</summary>
    public IReadOnlyList<(int Slot, ParameterExpression Variable)> Declarations { get; private set; } = [];

    /// <summary>The condition expressions, in pattern order, rewritten to read the declarations' variables.</summary>
    public IReadOnlyList<Expression> Conditions { get; private set; } = [];

    /// <summary>The action expressions, rewritten to read the declarations' variables and the context parameter <see cref="Context"/>.</summary>
    public IReadOnlyList<Expression> Actions { get; private set; } = [];

    /// <summary>The actions' decisions-only variant (explanation-only values replaced by placeholders); the same list when nothing is elided.</summary>
    public IReadOnlyList<Expression> DecisionActions { get; private set; } = [];

    /// <summary>The context parameter the action expressions read.</summary>
    public ParameterExpression Context { get; private set; } = null!;

    /// <summary>Whether every pattern's fact is present and every condition holds.</summary>
    public bool Matches(object?[] facts)
    {
        try
        {
            return _matches(facts);
        }
        catch (Exception e) when (e is not FlatRuleException)
        {
            throw new FlatRuleException(Definition.Name, e, condition: true);
        }
    }

    /// <summary>Runs the rule's actions; without <paramref name="explanations"/>, the variant that builds no explanation-only values.</summary>
    public void Execute(IContext context, object?[] facts, bool explanations)
    {
        try
        {
            (explanations ? _execute : _decide)(context, facts);
        }
        catch (Exception e) when (e is not FlatRuleException)
        {
            throw new FlatRuleException(Definition.Name, e, condition: false);
        }
    }

    public static FlatRule Compile(IRuleDefinition rule, int order, Dictionary<Type, int> slots, IReadOnlyDictionary<Type, object> explanationOnly)
    {
        if (rule.FilterGroup is { } filters && filters.Filters.Any())
        {
            throw new NotSupportedException("agenda filters are outside the shapes the compiled engine supports");
        }

        var declarations = new Dictionary<string, (int Slot, ParameterExpression Variable)>(StringComparer.Ordinal);
        var patternSlots = new List<int>();
        var patterns = new List<PatternElement>();
        foreach (var element in rule.LeftHandSide.ChildElements)
        {
            if (element is not PatternElement pattern)
            {
                throw new NotSupportedException($"a {element.ElementType} element is outside the shapes the compiled engine supports (patterns joined by and)");
            }

            if (pattern.Source is not null)
            {
                throw new NotSupportedException($"pattern {pattern.Declaration.Name} has a source (from/aggregate); the compiled engine supports plain fact patterns");
            }

            var type = pattern.ValueType;
            if (!type.IsSealed)
            {
                throw new NotSupportedException($"pattern {pattern.Declaration.Name} matches {type.Name}, which is not sealed; the compiled engine matches facts by exact type");
            }

            var slot = SlotOf(slots, type);
            if (patternSlots.Contains(slot))
            {
                throw new NotSupportedException($"two patterns match {type.Name}; the compiled engine holds one fact per type");
            }

            patternSlots.Add(slot);
            declarations[pattern.Declaration.Name] = (slot, Expression.Variable(type, pattern.Declaration.Name));
            patterns.Add(pattern);
        }

        var dependencySlots = new List<int>();
        foreach (var dependency in rule.DependencyGroup?.Dependencies ?? [])
        {
            var slot = SlotOf(slots, dependency.ServiceType);
            dependencySlots.Add(slot);
            declarations[dependency.Declaration.Name] = (slot, Expression.Variable(dependency.ServiceType, dependency.Declaration.Name));
        }

        var facts = Expression.Parameter(typeof(object?[]), "facts");
        var ctx = Expression.Parameter(typeof(IContext), "ctx");
        var actions = new List<Expression>();
        foreach (var action in rule.RightHandSide.Actions)
        {
            if ((action.ActionTrigger & ActionTrigger.Activated) == 0)
            {
                throw new NotSupportedException($"an action fires on {action.ActionTrigger} only; the compiled engine fires actions on activation");
            }

            actions.Add(Rebind(action.Expression, declarations, ctx, rule));
        }

        var conditions = patterns.SelectMany(p => p.Expressions).Select(c => Rebind(c.Expression, declarations, context: null, rule)).ToList();
        var execute = CompileActions(actions, declarations, facts, ctx, rule);
        var elider = new Elider(explanationOnly, (rule.DependencyGroup?.Dependencies ?? []).Select(d => declarations[d.Declaration.Name].Variable).ToHashSet());
        var elided = actions.Select(a => elider.Visit(a)!).ToList();
        return new FlatRule(rule, order)
        {
            _matches = CompileConditions(conditions, patternSlots, declarations, facts, rule),
            _execute = execute,
            _decide = elided.SequenceEqual(actions) ? execute : CompileActions(elided, declarations, facts, ctx, rule),
            DependencySlots = [.. dependencySlots],
            Slots = [.. patternSlots, .. dependencySlots],
            PatternSlots = [.. patternSlots],
            Declarations = [.. declarations.Values],
            Conditions = conditions,
            Actions = actions,
            DecisionActions = elided.SequenceEqual(actions) ? actions : elided,
            Context = ctx,
        };
    }

    private static int SlotOf(Dictionary<Type, int> slots, Type type)
    {
        if (!slots.TryGetValue(type, out var slot))
        {
            slot = slots.Count;
            slots[type] = slot;
        }

        return slot;
    }

    /// <summary>
    /// <c>facts =&gt; { if (any pattern's fact is missing) return false; load the declarations; return c1 &amp;&amp; c2 …; }</c>
    /// </summary>
    private static Func<object?[], bool> CompileConditions(List<Expression> conditions, List<int> patternSlots,
        Dictionary<string, (int Slot, ParameterExpression Variable)> declarations, ParameterExpression facts, IRuleDefinition rule)
    {
        var done = Expression.Label(typeof(bool), "done");
        var body = new List<Expression>();
        Expression? missing = null;
        foreach (var slot in patternSlots)
        {
            var isMissing = Expression.Equal(Fact(facts, slot), Expression.Constant(null));
            missing = missing is null ? isMissing : Expression.OrElse(missing, isMissing);
        }

        if (missing is not null)
        {
            body.Add(Expression.IfThen(missing, Expression.Return(done, Expression.Constant(false))));
        }

        var used = Loads(conditions, declarations, facts, body);
        var all = conditions.Count == 0 ? Expression.Constant(true) : conditions.Aggregate(Expression.AndAlso);
        body.Add(Expression.Label(done, all));
        return Compile<Func<object?[], bool>>(Expression.Block(typeof(bool), used, body), rule, facts);
    }

    /// <summary><c>(ctx, facts) =&gt; { load the declarations; action1; action2 …; }</c></summary>
    private static Action<IContext, object?[]> CompileActions(List<Expression> actions, Dictionary<string, (int Slot, ParameterExpression Variable)> declarations,
        ParameterExpression facts, ParameterExpression ctx, IRuleDefinition rule)
    {
        var body = new List<Expression>();
        var used = Loads(actions, declarations, facts, body);
        body.AddRange(actions);
        body.Add(Expression.Empty());
        return Compile<Action<IContext, object?[]>>(Expression.Block(typeof(void), used, body), rule, ctx, facts);
    }

    /// <summary>Adds <c>declaration = (T)facts[slot]</c> for each declaration the expressions read, and returns those variables.</summary>
    private static List<ParameterExpression> Loads(List<Expression> expressions, Dictionary<string, (int Slot, ParameterExpression Variable)> declarations,
        ParameterExpression facts, List<Expression> body)
    {
        var read = new HashSet<ParameterExpression>();
        var finder = new VariableFinder(read);
        foreach (var e in expressions)
        {
            finder.Visit(e);
        }

        var used = new List<ParameterExpression>();
        foreach (var (slot, variable) in declarations.Values)
        {
            if (read.Contains(variable))
            {
                used.Add(variable);
                body.Add(Expression.Assign(variable, Expression.Convert(Fact(facts, slot), variable.Type)));
            }
        }

        return used;
    }

    private static BinaryExpression Fact(ParameterExpression facts, int slot) => Expression.ArrayIndex(facts, Expression.Constant(slot));

    private static TDelegate Compile<TDelegate>(Expression body, IRuleDefinition rule, params ParameterExpression[] parameters)
        where TDelegate : Delegate
    {
        try
        {
            return Expression.Lambda<TDelegate>(body, rule.Name, parameters).Compile();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new NotSupportedException($"an expression cannot be compiled flat: {e.Message}", e);
        }
    }

    /// <summary>Rewrites a condition or action lambda's body to read its declarations from the rule's variables (and its context from <paramref name="context"/>).</summary>
    private static Expression Rebind(LambdaExpression lambda, Dictionary<string, (int Slot, ParameterExpression Variable)> declarations, ParameterExpression? context, IRuleDefinition rule)
    {
        var map = new Dictionary<ParameterExpression, Expression>();
        foreach (var p in lambda.Parameters)
        {
            if (context is not null && typeof(IContext).IsAssignableFrom(p.Type))
            {
                map[p] = context;
                continue;
            }

            if (!declarations.TryGetValue(p.Name ?? string.Empty, out var declaration))
            {
                throw new NotSupportedException($"an expression reads '{p.Name}', which is neither a pattern nor a dependency of the rule");
            }

            map[p] = declaration.Variable.Type == p.Type ? declaration.Variable : Expression.Convert(declaration.Variable, p.Type);
        }

        return new Rebinder(map, context, rule).Visit(lambda.Body);
    }

}
