using System.Linq.Expressions;
using System.Reflection;
using NRules.RuleModel;

namespace OpportunityScoring.Engine.Flat;

/// <summary>
/// Generates the fused method of a flat rule set (see <see cref="FusedRuleSet"/>) as one method per run of consecutive
/// rules (<see cref="Chunks"/>): <c>(run, start) =&gt; { try { if (start != first) goto dispatch; rule first; …; return end;
/// dispatch: switch (pc) { case k: goto rule k; } } catch (e) { throw the rule's FlatRuleException; } }</c>, where rule
/// k is <c>rule_k: if (!fired[k] &amp;&amp; its facts are present) { load its declarations; if (its conditions) { fired[k] =
/// true; its actions; if (an action inserted a fact an earlier rule reads) { pc = that rule; if (it is before first)
/// return pc; goto dispatch; } } }</c>; <see cref="FusedMethod"/> calls the methods in turn and resumes where one returns.
/// </summary>
internal sealed class FusedGenerator
{
    private static readonly FieldInfo FactsField = typeof(FusedRun).GetField(nameof(FusedRun.Facts))!;
    private static readonly FieldInfo CurrentIndexField = typeof(FusedRun).GetField(nameof(FusedRun.CurrentIndex))!;
    private static readonly FieldInfo RewindField = typeof(FusedRun).GetField(nameof(FusedRun.Rewind))!;
    private static readonly FieldInfo FiredField = typeof(FusedRun).GetField(nameof(FusedRun.Fired))!;
    private static readonly MethodInfo FailMethod = typeof(FusedGenerator).GetMethod(nameof(Fail), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo MatchesMethod = typeof(FlatRule).GetMethod(nameof(FlatRule.Matches))!;
    private static readonly MethodInfo ExecuteMethod = typeof(FlatRule).GetMethod(nameof(FlatRule.Execute))!;

    private readonly FlatRuleSet _flat;
    private readonly int _rulesPerMethod;
    private readonly Dictionary<int, object> _constantSlots = [];
    private readonly HashSet<int> _initialSlots = [];
    private readonly bool[] _fallsBack;
    private readonly List<string> _fellBack = [];
    private readonly List<string> _neverMatch = [];
    private readonly Expression?[] _conditions; // per rule: the folded conjunction, null when the rule never matches

    public FusedGenerator(FlatRuleSet flat, IReadOnlyList<object> constantFacts, IReadOnlyList<Type> initialTypes, int rulesPerMethod = RulesPerChunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rulesPerMethod);
        _flat = flat;
        _rulesPerMethod = rulesPerMethod;
        foreach (var fact in constantFacts)
        {
            if (flat.SlotOf(fact.GetType()) is var slot and >= 0)
            {
                _constantSlots[slot] = fact;
            }
        }

        foreach (var type in initialTypes)
        {
            if (flat.SlotOf(type) is var slot and >= 0 && !_constantSlots.ContainsKey(slot))
            {
                _initialSlots.Add(slot);
            }
        }

        var rules = flat._rules;
        _fallsBack = new bool[rules.Length];
        _conditions = new Expression?[rules.Length];
        for (var k = 0; k < rules.Length; k++)
        {
            var rule = rules[k];
            if (OpaqueFinder.Find(rule.Conditions.Concat(rule.Actions).Concat(rule.DecisionActions)) is { } why)
            {
                _fallsBack[k] = true;
                _fellBack.Add($"rule {rule.Definition.Name}: {why}; it runs through the flat engine's delegates");
                continue;
            }

            _conditions[k] = FoldConditions(rule);
            if (_conditions[k] is null)
            {
                _neverMatch.Add(rule.Definition.Name);
            }
        }
    }

    public IReadOnlyList<string> FellBack => _fellBack;

    public IReadOnlyList<string> NeverMatch => _neverMatch;

    public int[] InitialSlots => [.. _initialSlots];

    private ConstantFolder Folder(FlatRule rule)
    {
        var constants = new Dictionary<ParameterExpression, object>();
        foreach (var (slot, variable) in rule.Declarations)
        {
            if (_constantSlots.TryGetValue(slot, out var value))
            {
                constants[variable] = value;
            }
        }

        return new ConstantFolder(constants);
    }

    /// <summary>
    /// The rule's conditions folded: those on constants only are evaluated now (true ones dropped); <see langword="null"/>
    /// when one is false before any condition that must still be evaluated (and could throw) at run time.
    /// </summary>
    private Expression? FoldConditions(FlatRule rule)
    {
        var folder = Folder(rule);
        var kept = new List<Expression>();
        foreach (var condition in rule.Conditions)
        {
            var folded = folder.Visit(condition)!;
            if (ConstantFolder.TryEvaluate(folded, out var value) && value is bool holds)
            {
                if (holds)
                {
                    continue;
                }

                if (kept.Count == 0)
                {
                    return null;
                }

                kept.Add(Expression.Constant(false));
                break;
            }

            kept.Add(folded);
        }

        return kept.Count == 0 ? Expression.Constant(true) : kept.Aggregate(Expression.AndAlso);
    }

    /// <summary>
    /// Generates the fused method of one variant as a few methods, one per run of consecutive rules (see
    /// <see cref="Chunks"/>): the JIT compiles each on its own, small enough to inline the helpers its rules call and to
    /// keep its locals in registers (one method of every rule holds more locals than the JIT inlines into).
    /// </summary>
    public FusedMethod Generate(bool explanations)
    {
        var bounds = Chunks(_flat._rules, _rulesPerMethod);
        var chunks = new FusedChunk[bounds.Count];
        for (var c = 0; c < bounds.Count; c++)
        {
            chunks[c] = GenerateChunk(explanations, bounds[c].First, bounds[c].End, $"{(explanations ? "Fused" : "FusedDecisions")}_{c}");
        }

        return new FusedMethod(chunks, [.. bounds.Select(b => b.First)], _flat._rules.Length);
    }

    /// <summary>The most rules one generated method holds, by default.</summary>
    internal const int RulesPerChunk = 12;

    /// <summary>
    /// The runs of consecutive rules (in firing order) generated as one method each: a new run starts where the
    /// priority changes (the rule sets' phases: points, total, bands, gates, win probability, bid …); within a phase,
    /// before a group of rules (the rules of one criterion, named alike: <c>Grading.DecisionChain.*</c>) that would take
    /// the run past <paramref name="rulesPerMethod"/> rules, so that a group's rules share their method (and the derived
    /// figures they read, computed once per method), and after <paramref name="rulesPerMethod"/> rules of one group.
    /// With 0, one run of every rule.
    /// </summary>
    internal static List<(int First, int End)> Chunks(IReadOnlyList<FlatRule> rules, int rulesPerMethod)
    {
        var chunks = new List<(int First, int End)>();
        var first = 0;
        for (var k = 1; k <= rules.Count; k++)
        {
            if (k == rules.Count || (rulesPerMethod > 0 && (rules[k].Definition.Priority != rules[first].Definition.Priority || k - first == rulesPerMethod
                || (Group(rules[k]) != Group(rules[k - 1]) && k - first + GroupLength(rules, k) > rulesPerMethod))))
            {
                chunks.Add((first, k));
                first = k;
            }
        }

        return chunks;
    }

    /// <summary>A rule's group: its name up to the second dot (<c>Grading.DecisionChain</c>).</summary>
    private static string Group(FlatRule rule)
    {
        var name = rule.Definition.Name;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var second = dot < 0 ? -1 : name.IndexOf('.', dot + 1);
        return second < 0 ? name : name[..second];
    }

    /// <summary>How many rules of one priority and group start at <paramref name="k"/>.</summary>
    private static int GroupLength(IReadOnlyList<FlatRule> rules, int k)
    {
        var end = k + 1;
        while (end < rules.Count && rules[end].Definition.Priority == rules[k].Definition.Priority && Group(rules[end]) == Group(rules[k]))
        {
            end++;
        }

        return end - k;
    }

    /// <summary>
    /// Rules <paramref name="first"/> to <paramref name="end"/> - 1 as one method <c>(run, start) =&gt; next</c>: it runs
    /// from rule <c>start</c> to its last rule and answers <paramref name="end"/>, or, when an action inserts a fact that
    /// a rule before <paramref name="first"/> reads, answers that rule's index (the caller resumes there); a rewind to
    /// one of its own rules jumps there within the method.
    /// </summary>
    private FusedChunk GenerateChunk(bool explanations, int first, int end, string name)
    {
        var rules = _flat._rules;
        var run = Expression.Parameter(typeof(FusedRun), "run");
        var start = Expression.Parameter(typeof(int), "start");
        var facts = Expression.Variable(typeof(object?[]), "facts");
        var fired = Expression.Variable(typeof(bool[]), "fired");
        var at = Expression.Variable(typeof(int), "at");
        var pc = Expression.Variable(typeof(int), "pc");
        var dispatch = Expression.Label("dispatch");
        var done = Expression.Label(typeof(int), "done");
        var labels = new Dictionary<int, LabelTarget>();
        for (var k = first; k < end; k++)
        {
            labels[k] = Expression.Label($"rule{k}");
        }

        var locals = new List<ParameterExpression> { facts, fired, pc };

        // The initial facts, read once.
        var slotLocals = new Dictionary<int, ParameterExpression>();
        var body = new List<Expression>
        {
            Expression.Assign(facts, Expression.Field(run, FactsField)),
            Expression.Assign(fired, Expression.Field(run, FiredField)),
            Expression.ArrayIndex(fired, Expression.Constant(end - 1)), // one bounds check for the method: the JIT drops the rules'
        };
        foreach (var slot in _initialSlots.Order())
        {
            var local = Expression.Variable(_flat._slotTypes[slot], $"slot{slot}");
            slotLocals[slot] = local;
            locals.Add(local);
            body.Add(Expression.Assign(local, Expression.Convert(Expression.ArrayIndex(facts, Expression.Constant(slot)), local.Type)));
        }

        // The evidence read once: each immutable member of an initial fact that a rule reads (opp.Need, opp.Stage …),
        // loaded into a local after the facts (an initial fact is never null, so the load cannot fail).
        var hoistAt = body.Count;
        var hoister = new MemberHoister(slotLocals.Values.ToHashSet());
        body.Add(Expression.IfThen(Expression.NotEqual(start, Expression.Constant(first)),
            Expression.Block(Expression.Assign(pc, start), Expression.Goto(dispatch))));

        // An action inserted a fact an earlier rule reads: jump there, here when it is one of this method's rules.
        var rewind = Expression.IfThen(
            Expression.NotEqual(Expression.Field(run, RewindField), Expression.Constant(int.MaxValue)),
            Expression.Block(
                Expression.Assign(pc, Expression.Field(run, RewindField)),
                Expression.Assign(Expression.Field(run, RewindField), Expression.Constant(int.MaxValue)),
                Expression.IfThen(Expression.LessThan(pc, Expression.Constant(first)), Expression.Return(done, pc)),
                Expression.Goto(dispatch)));

        for (var k = first; k < end; k++)
        {
            var rule = rules[k];
            var firedK = Expression.ArrayAccess(fired, Expression.Constant(k));
            body.Add(Expression.Label(labels[k]));
            var firing = new List<Expression>
            {
                Expression.Assign(firedK, Expression.Constant(true)),
                Expression.Assign(at, Expression.Constant(2 * k + 1)),
                Expression.Assign(Expression.Field(run, CurrentIndexField), Expression.Constant(k)),
            };
            if (_fallsBack[k])
            {
                var flatRule = Expression.Constant(rule);
                firing.Add(Expression.Call(flatRule, ExecuteMethod, run, facts, Expression.Constant(explanations)));
                firing.Add(rewind);
                body.Add(Expression.IfThen(Expression.Not(firedK), Expression.Block(
                    Expression.Assign(at, Expression.Constant(2 * k)),
                    Expression.IfThen(Expression.Call(flatRule, MatchesMethod, facts), Expression.Block(firing)))));
                continue;
            }

            if (_conditions[k] is not { } condition)
            {
                continue; // never matches under these constants
            }

            var folder = Folder(rule);
            var actions = (explanations ? rule.Actions : rule.DecisionActions).Select(a => folder.Visit(a)!).ToList();
            var bind = new Dictionary<ParameterExpression, Expression> { [rule.Context] = run };
            var loads = new List<Expression>();
            var variables = new List<ParameterExpression>();
            Expression? present = null;
            var used = new HashSet<ParameterExpression>();
            var finder = new VariableFinder(used);
            finder.Visit(condition);
            actions.ForEach(a => finder.Visit(a));
            foreach (var (slot, variable) in rule.Declarations)
            {
                if (_constantSlots.ContainsKey(slot))
                {
                    continue; // folded
                }

                if (slotLocals.TryGetValue(slot, out var local))
                {
                    bind[variable] = variable.Type == local.Type ? local : Expression.Convert(local, variable.Type);
                    continue;
                }

                var fact = Expression.ArrayIndex(facts, Expression.Constant(slot));
                if (rule.PatternSlots.Contains(slot))
                {
                    var isPresent = Expression.NotEqual(fact, Expression.Constant(null));
                    present = present is null ? isPresent : Expression.AndAlso(present, isPresent);
                }

                if (used.Contains(variable))
                {
                    variables.Add(variable);
                    loads.Add(Expression.Assign(variable, Expression.Convert(fact, variable.Type)));
                }
            }

            var binder = new Rebinder(bind, context: null, rule.Definition);
            firing.AddRange(actions.Select(a => hoister.Visit(binder.Visit(a)!)));
            firing.Add(rewind);
            loads.Add(Expression.IfThen(hoister.Visit(binder.Visit(condition)!), Expression.Block(firing)));
            Expression block = Expression.Block(typeof(void), variables, loads);
            if (present is not null)
            {
                block = Expression.IfThen(present, block);
            }

            body.Add(Expression.IfThen(Expression.Not(firedK), Expression.Block(Expression.Assign(at, Expression.Constant(2 * k)), block)));
        }

        locals.AddRange(hoister.Locals);
        body.InsertRange(hoistAt, hoister.Loads);
        body.Add(Expression.Return(done, Expression.Constant(end)));
        body.Add(Expression.Label(dispatch));
        body.Add(Expression.Switch(pc, Expression.Return(done, Expression.Constant(end)),
            [.. labels.Select(label => Expression.SwitchCase(Expression.Goto(label.Value), Expression.Constant(label.Key)))]));

        // Object constants (policy sections, shared messages …) read once into locals, not once per use.
        var constants = new ConstantHoister();
        body = [.. body.Select(x => constants.Visit(x)!)];
        locals.AddRange(constants.Locals);

        var names = rules.Select(r => r.Definition.Name).ToArray();
        var e = Expression.Variable(typeof(Exception), "e");
        var guarded = Expression.TryCatch(
            Expression.Block(typeof(void), body),
            Expression.Catch(e, Expression.Throw(Expression.Call(FailMethod, e, at, Expression.Constant(names)), typeof(void))));
        var lambda = Expression.Lambda<FusedChunk>(
            Expression.Block(typeof(int), [at, .. locals], [.. constants.Loads, Expression.Assign(at, Expression.Constant(-1)), guarded, Expression.Label(done, Expression.Constant(end))]),
            name, [run, start]);
        return lambda.Compile();
    }

    /// <summary>The exception to throw for one caught at <paramref name="at"/> (2k: rule k's conditions, 2k + 1: its actions).</summary>
    private static Exception Fail(Exception e, int at, string[] names) =>
        e is FlatRuleException || at < 0 ? e : new FlatRuleException(names[at / 2], e, condition: at % 2 == 0);
}
