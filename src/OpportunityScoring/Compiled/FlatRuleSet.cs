using System.Linq.Expressions;
using System.Reflection;
using NRules.RuleModel;

namespace OpportunityScoring;

/// <summary>
/// The same NRules rule definitions (the canonical <see cref="IRuleDefinition"/> model: patterns, condition
/// expressions, actions, priorities) compiled into a flat evaluator — no Rete network, no session. It supports the
/// shapes the shipped rule sets use: conjunctions of patterns over sealed fact types with at most one fact per type
/// per opportunity (the opportunity, the policy fact, derived facts the rules insert), dependencies, priorities and
/// insert-only actions. Any other shape makes <see cref="Compile(IEnumerable{IRuleDefinition})"/> refuse, naming the rule; the scorer then falls
/// back to Rete sessions, so the two engines never differ silently.
/// </summary>
public sealed class FlatRuleSet
{
    private readonly FlatRule[] _rules;          // in firing order: priority descending, then definition order
    private readonly int[][] _rulesBySlot;        // the rules that read each slot
    private readonly Type[] _slotTypes;            // the type of each slot: a handful, so a scan beats hashing

    private FlatRuleSet(FlatRule[] rules, Dictionary<Type, int> slots)
    {
        _rules = rules;
        _slotTypes = new Type[slots.Count];
        foreach (var (type, slot) in slots)
        {
            _slotTypes[slot] = type;
        }

        _rulesBySlot = new int[slots.Count][];
        for (var s = 0; s < slots.Count; s++)
        {
            _rulesBySlot[s] = Enumerable.Range(0, rules.Length).Where(i => rules[i].Slots.Contains(s) && !rules[i].DependencySlots.Contains(s)).ToArray();
        }
    }

    /// <summary>The number of rules compiled.</summary>
    public int Count => _rules.Length;

    /// <summary>Compiles rule definitions into a flat evaluator, or says which rules it cannot compile and why.</summary>
    /// <param name="rules">The rule definitions (as compiled for Rete).</param>
    /// <returns>The evaluator, or the refusals (one message per rule outside the supported shapes).</returns>
    public static FlatCompilation Compile(IEnumerable<IRuleDefinition> rules) => Compile(rules, new Dictionary<Type, object>());

    /// <summary>
    /// Compiles rule definitions into a flat evaluator, with a second variant of each action for runs that keep no
    /// explanations: in it, a value of an explanation-only type (e.g. a message) that an action hands straight to one of
    /// the rule's dependencies, built only by members marked <see cref="ExplanationOnlyAttribute"/>, is replaced by that
    /// type's placeholder, so nothing is formatted that nobody will read. Whatever else the value's construction
    /// evaluates (the builders' arguments, their null checks) still runs, so both variants fail and act alike.
    /// </summary>
    /// <param name="rules">The rule definitions (as compiled for Rete).</param>
    /// <param name="explanationOnly">
    /// The explanation-only types and their placeholders. A type belongs here only when its values never decide
    /// anything: no condition reads them, and the dependency that receives them drops them when it keeps no
    /// explanations.
    /// </param>
    /// <returns>The evaluator, or the refusals (one message per rule outside the supported shapes).</returns>
    public static FlatCompilation Compile(IEnumerable<IRuleDefinition> rules, IReadOnlyDictionary<Type, object> explanationOnly)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(explanationOnly);
        foreach (var (type, placeholder) in explanationOnly)
        {
            if (placeholder is null || !type.IsInstanceOfType(placeholder))
            {
                throw new ArgumentException($"the placeholder for the explanation-only type {type.Name} must be an instance of it", nameof(explanationOnly));
            }
        }

        var definitions = rules.ToList();
        var slots = new Dictionary<Type, int>();
        var refusals = new List<string>();
        var compiled = new List<FlatRule>();
        for (var index = 0; index < definitions.Count; index++)
        {
            var rule = definitions[index];
            try
            {
                compiled.Add(FlatRule.Compile(rule, index, slots, explanationOnly));
            }
            catch (NotSupportedException e)
            {
                refusals.Add($"rule {rule.Name}: {e.Message}");
            }
        }

        if (refusals.Count > 0)
        {
            return new FlatCompilation(null, refusals);
        }

        var ordered = compiled.OrderByDescending(r => r.Definition.Priority).ThenBy(r => r.Order).ToArray();
        return new FlatCompilation(new FlatRuleSet(ordered, slots), []);
    }

    /// <summary>Runs the rules over one opportunity's facts until nothing more fires.</summary>
    /// <param name="facts">The initial facts (at most one of each type).</param>
    /// <param name="dependencies">The services rules resolve as dependencies (e.g. the scorecard).</param>
    /// <exception cref="FlatRuleException">A condition or an action threw; carries the rule's name.</exception>
    public void Run(ReadOnlySpan<object> facts, ReadOnlySpan<object> dependencies) => Run(facts, dependencies, explanations: true);

    /// <summary>Runs the rules over one opportunity's facts until nothing more fires.</summary>
    /// <param name="facts">The initial facts (at most one of each type).</param>
    /// <param name="dependencies">The services rules resolve as dependencies (e.g. the scorecard).</param>
    /// <param name="explanations">
    /// <see langword="false"/> runs the actions' variant that computes no explanation-only values (see
    /// <see cref="Compile(IEnumerable{IRuleDefinition}, IReadOnlyDictionary{Type, object})"/>): only for dependencies that keep no explanations.
    /// </param>
    /// <exception cref="FlatRuleException">A condition or an action threw; carries the rule's name.</exception>
    /// <exception cref="ArgumentException">A run without explanations was given a <see cref="Scorecard"/> that keeps them.</exception>
    public void Run(ReadOnlySpan<object> facts, ReadOnlySpan<object> dependencies, bool explanations)
    {
        // One run state per thread and rule set, reused: a run allocates nothing of its own.
        var run = t_run is { } cached && ReferenceEquals(cached.Set, this) ? cached : (t_run = new FlatRun(this));
        run.Begin(explanations);
        try
        {
            foreach (var d in dependencies)
            {
                if (!explanations && d is Scorecard { Detail: ScoringDetail.Full })
                {
                    throw new ArgumentException("a run without explanations would leave placeholders in a scorecard that keeps them: give it a scorecard of ScoringDetail.Decisions, or run with explanations", nameof(dependencies));
                }

                if (SlotOf(d.GetType()) is var slot and >= 0)
                {
                    run.Facts[slot] = d;
                }
            }

            foreach (var fact in facts)
            {
                run.Place(fact, null);
            }

            run.MatchAll(); // once all initial facts are in: a rule is checked once, not once per fact it reads
            run.Fire();
        }
        finally
        {
            run.End();
        }
    }

    /// <summary>The slot that holds facts of exactly this type, or -1 when no rule reads it.</summary>
    private int SlotOf(Type type)
    {
        var types = _slotTypes;
        for (var i = 0; i < types.Length; i++)
        {
            if (ReferenceEquals(types[i], type))
            {
                return i;
            }
        }

        return -1;
    }

    [ThreadStatic]
    private static FlatRun? t_run;

    private sealed class FlatRun(FlatRuleSet set) : IContext
    {
        private const byte Matched = 1;
        private const byte Fired = 2;
        private readonly byte[] _state = new byte[set._rules.Length]; // per rule: 0, matched, or matched and fired
        private int _next;                                              // no matched, unfired rule comes before this index
        private FlatRule? _current;
        private bool _explanations;

        public FlatRuleSet Set => set;

        public object?[] Facts { get; } = new object?[set._slotTypes.Length];

        public IRuleDefinition Rule => _current?.Definition ?? throw new InvalidOperationException("no rule is firing");

        public IMatch Match => throw Unsupported("IContext.Match");

        public CancellationToken CancellationToken => CancellationToken.None;

        public void Insert(object fact, FlatRule? by)
        {
            if (Place(fact, by) is { } slot)
            {
                foreach (var i in set._rulesBySlot[slot])
                {
                    TryMatch(i);
                }
            }
        }

        /// <summary>Puts a fact into its slot without matching; the slot, or <see langword="null"/> when no rule reads the type.</summary>
        public int? Place(object fact, FlatRule? by)
        {
            ArgumentNullException.ThrowIfNull(fact);
            var slot = set.SlotOf(fact.GetType());
            if (slot < 0)
            {
                return null; // no rule matches this type
            }

            if (Facts[slot] is not null)
            {
                throw new FlatRuleException(by?.Definition.Name, new InvalidOperationException(
                    $"a second fact of type {fact.GetType().Name} was inserted; the compiled engine holds one fact per type per opportunity"), condition: false);
            }

            Facts[slot] = fact;
            return slot;
        }

        /// <summary>Matches every rule against the facts in place (after the initial facts were placed).</summary>
        public void MatchAll()
        {
            for (var i = 0; i < _state.Length; i++)
            {
                TryMatch(i);
            }
        }

        private void TryMatch(int i)
        {
            var rule = set._rules[i];
            if (_state[i] == 0 && rule.Matches(Facts))
            {
                _state[i] = Matched;
                if (i < _next)
                {
                    _next = i;
                }
            }
        }

        public void Begin(bool explanations)
        {
            _explanations = explanations;
            Array.Clear(_state);
            Array.Clear(Facts);
            _next = int.MaxValue;
            _current = null;
        }

        public void End()
        {
            Array.Clear(Facts); // hold no reference to the opportunity or its scorecard after the run
            _current = null;
        }

        /// <summary>Fires the first matched, unfired rule in firing order, again and again, until none is left.</summary>
        public void Fire()
        {
            while (true)
            {
                var next = -1;
                for (var i = _next; i < _state.Length; i++)
                {
                    if (_state[i] == Matched)
                    {
                        next = i;
                        break;
                    }
                }

                if (next < 0)
                {
                    _next = int.MaxValue;
                    return;
                }

                _state[next] = Fired;
                _next = next + 1;
                _current = set._rules[next];
                _current.Execute(this, Facts, _explanations);
                _current = null;
            }
        }

        public void Insert(object fact) => Insert(fact, _current);

        public void InsertAll(IEnumerable<object> facts)
        {
            foreach (var f in facts)
            {
                Insert(f, _current);
            }
        }

        public bool TryInsert(object fact)
        {
            Insert(fact, _current);
            return true;
        }

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
        public object Resolve(Type serviceType) => throw Unsupported("Resolve");

        private FlatRuleException Unsupported(string what) =>
            new(_current?.Definition.Name, new NotSupportedException($"{what} is not supported by the compiled engine; use the Rete engine for this rule set"), condition: false);
    }

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

        private sealed class VariableFinder(HashSet<ParameterExpression> read) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node)
            {
                read.Add(node);
                return node;
            }
        }

        /// <summary>
        /// For the decisions-only variant of an action: an argument of an explanation-only type (a message, a factor
        /// value) that goes straight to a method of one of the rule's dependencies (the scorecard, which drops it when
        /// it keeps no explanations) and is built only by members marked <see cref="ExplanationOnlyAttribute"/> (no
        /// effect besides their result, throwing only on a null argument) becomes the type's placeholder. Everything
        /// else the argument computes is still evaluated, in the same order, with the marked members' null checks, so a
        /// failure or an effect happens exactly as in a full run. An unmarked call producing the value, a null or
        /// blank constant where a marked member refuses null, or a computed string given to one, keeps the argument whole.
        /// </summary>
        private sealed class Elider(IReadOnlyDictionary<Type, object> explanationOnly, HashSet<ParameterExpression> dependencies) : ExpressionVisitor
        {
            private static readonly MethodInfo ThrowIfNull =
                typeof(ArgumentNullException).GetMethod(nameof(ArgumentNullException.ThrowIfNull), [typeof(object), typeof(string)])!;

            private readonly NullabilityInfoContext _nullability = new();

            protected override Expression VisitMethodCall(MethodCallExpression node)
            {
                var call = (MethodCallExpression)base.VisitMethodCall(node);
                if (!IsDependency(call.Object))
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
        private sealed class Rebinder(Dictionary<ParameterExpression, Expression> map, ParameterExpression? context, IRuleDefinition rule) : ExpressionVisitor
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
    }
}

/// <summary>The result of compiling rule definitions flat: the evaluator, or why not.</summary>
/// <param name="RuleSet">The evaluator, when every rule compiled.</param>
/// <param name="Refusals">One message per rule outside the supported shapes, naming it.</param>
public sealed record FlatCompilation(FlatRuleSet? RuleSet, IReadOnlyList<string> Refusals);

/// <summary>A rule's condition or action threw in the compiled engine.</summary>
public sealed class FlatRuleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FlatRuleException() { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public FlatRuleException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public FlatRuleException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a rule.</summary>
    /// <param name="ruleName">The rule.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="condition">Whether a condition (rather than an action) threw.</param>
    public FlatRuleException(string? ruleName, Exception innerException, bool condition = false)
        : base($"{(condition ? "a condition of" : "")} rule {ruleName} failed: {innerException?.Message}".Trim(), innerException)
    {
        RuleName = ruleName;
        InCondition = condition;
    }

    /// <summary>The rule that failed.</summary>
    public string? RuleName { get; }

    /// <summary>Whether a condition (rather than an action) threw.</summary>
    public bool InCondition { get; }
}
