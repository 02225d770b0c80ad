using Assembly = System.Reflection.Assembly;
using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using OpportunityScoring.Calibration;
using OpportunityScoring.DependencyInjection;
using OpportunityScoring.Rules;
using OpportunityScoring.Testing;
using OpportunityScoring.Tests.TestAssets;

namespace OpportunityScoring.Tests.Architecture;

/// <summary>
/// The house (docs/architecture.md): namespace = folder, the namespaces form layers whose dependencies point one way
/// (hosts → pipelines/insights → engine → policy → decision slices → contract), no cycle between namespaces, no source
/// file over 400 lines, and a small public surface (counted from the tracked PublicAPI files). Dependencies are read from the built assemblies' IL by ArchUnitNET,
/// so a type used only inside a method body counts as much as one in a signature.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>The layer of each namespace of ours, lowest first; a namespace takes the layer of its longest listed prefix.</summary>
    private static readonly (string Namespace, int Layer)[] Layers =
    [
        ("OpportunityScoring", 0),                 // the contract: the input model, the assessment and its parts, texts
        ("OpportunityScoring.Grading", 1),         // decision slices: policy section, ledger, codes
        ("OpportunityScoring.StageGates", 1),
        ("OpportunityScoring.BidDecision", 1),
        ("OpportunityScoring.Accounts", 1),        // key accounts (大客戶): the account's record, its policy section, its ledger
        ("OpportunityScoring.Policy", 2),          // the policy: the sum of the sections, its loader and validator
        ("OpportunityScoring.Engine", 3),          // the scorer, the Rete factory, the flat engine
        ("OpportunityScoring.Rules", 4),           // the shipped rule sets (their own assembly)
        ("OpportunityScoring.Pipelines", 5),       // readers, batch, writers, diff, what-if (their own package)
        ("OpportunityScoring.Insights", 5),        // improvements, flip points, the decision report
        ("OpportunityScoring.Calibration", 6),     // learning from history (its own package)
        ("OpportunityScoring.Testing", 6),         // the synthetic pipeline generator (its own package)
        ("OpportunityScoring.Ledger", 6),          // the decision ledger: runs and assessments in SQLite or PostgreSQL (its own package)
        ("OpportunityScoring.DependencyInjection", 7), // the host integration
    ];

    private static readonly Assembly[] Shipped =
    [
        typeof(Opportunity).Assembly, typeof(OpportunityRules).Assembly, typeof(Pipelines.BatchScorer).Assembly, typeof(WinProbabilityCalibrator).Assembly,
        typeof(PipelineGenerator).Assembly, typeof(OpportunityScoringServiceCollectionExtensions).Assembly, typeof(OpportunityScoring.Ledger.DecisionLedger).Assembly,
    ];

    private static readonly Lazy<Dictionary<(string From, string To), string>> Edges = new(LoadEdges);

    private static Dictionary<(string From, string To), string> LoadEdges()
    {
        var architecture = new ArchLoader().LoadAssemblies(Shipped).Build();
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in architecture.Types)
        {
            var from = type.Namespace?.FullName;
            if (from is null || !Ours(from))
            {
                continue;
            }

            foreach (var dependency in type.Dependencies)
            {
                var target = dependency.Target;
                var to = target?.Namespace?.FullName; // a generic parameter has no namespace
                if (target is not null && to is not null && to != from && Ours(to))
                {
                    edges.TryAdd((from, to), $"{type.FullName} uses {target.FullName}");
                }
            }
        }

        return edges;
    }

    private static bool Ours(string ns) => ns == "OpportunityScoring" || ns.StartsWith("OpportunityScoring.", StringComparison.Ordinal);

    private static int LayerOf(string ns) =>
        Layers.Where(l => ns == l.Namespace || ns.StartsWith(l.Namespace + ".", StringComparison.Ordinal))
            .OrderByDescending(l => l.Namespace.Length).Select(l => l.Layer).DefaultIfEmpty(-1).First();

    [Fact]
    public void Every_namespace_of_the_shipped_assemblies_has_a_layer()
    {
        var unplaced = Edges.Value.Keys.SelectMany(e => new[] { e.From, e.To }).Distinct().Where(ns => LayerOf(ns) < 0).ToList();
        Assert.True(unplaced.Count == 0, "namespaces without a layer in ArchitectureTests.Layers: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void Dependencies_point_down_the_layers_never_up()
    {
        var upward = Edges.Value
            .Where(e => LayerOf(e.Key.From) < LayerOf(e.Key.To))
            .Select(e => $"{e.Key.From} (layer {LayerOf(e.Key.From)}) → {e.Key.To} (layer {LayerOf(e.Key.To)}): {e.Value}")
            .ToList();
        Assert.True(upward.Count == 0, "dependencies pointing up:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void No_two_namespaces_depend_on_each_other_directly_or_through_others()
    {
        var graph = Edges.Value.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles.Select(c =>
            string.Join(" ↔ ", c) + "\n  " + string.Join("\n  ", Edges.Value.Where(e => c.Contains(e.Key.From) && c.Contains(e.Key.To)).Select(e => e.Value)))));
    }

    [Fact]
    public void The_flat_engine_knows_only_the_rule_model_and_the_contract()
    {
        var outside = Edges.Value.Where(e => e.Key.From.StartsWith("OpportunityScoring.Engine.Flat", StringComparison.Ordinal) && e.Key.To != "OpportunityScoring")
            .Select(e => e.Value).ToList();
        Assert.True(outside.Count == 0, "the flat engine reaches beyond NRules' rule model and the contract:\n" + string.Join("\n", outside));
    }

    [Fact]
    public void Every_source_file_declares_the_namespace_of_its_folder()
    {
        var wrong = new List<string>();
        foreach (var (project, rootNamespace) in Projects())
        {
            foreach (var file in SourceFiles(project))
            {
                var relative = Path.GetRelativePath(project, Path.GetDirectoryName(file)!);
                var expected = relative == "." ? rootNamespace : rootNamespace + "." + relative.Replace(Path.DirectorySeparatorChar, '.');
                var declared = NamespaceLine().Match(File.ReadAllText(file));
                if (!declared.Success || declared.Groups[1].Value != expected)
                {
                    wrong.Add($"{Path.GetRelativePath(Repo.Root, file)}: {(declared.Success ? declared.Groups[1].Value : "no namespace")}, folder says {expected}");
                }
            }
        }

        Assert.True(wrong.Count == 0, "files whose namespace is not their folder:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void No_source_file_of_the_libraries_is_over_400_lines()
    {
        var big = Projects().SelectMany(p => SourceFiles(p.Directory))
            .Select(f => (File: Path.GetRelativePath(Repo.Root, f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > 400).Select(f => $"{f.File}: {f.Lines} lines").ToList();
        Assert.True(big.Count == 0, "split these files:\n" + string.Join("\n", big));
    }

    [Theory]
    [InlineData("src/OpportunityScoring", 80)]
    [InlineData("rules/OpportunityScoring.Rules", 5)]
    public void The_public_surface_stays_small(string project, int most)
    {
        // Every public type is a line of its own in the tracked API files (members have "(", "->", "=" or ".get").
        var lines = new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .SelectMany(f => File.ReadAllLines(Repo.Path([.. project.Split('/'), f])))
            .Select(l => PublicApiModifiers().Replace(l, string.Empty).Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.Contains('(', StringComparison.Ordinal) && !l.Contains("->", StringComparison.Ordinal) && !l.Contains(" = ", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(lines);
        Assert.True(lines.Count <= most, $"{project} has {lines.Count} public types (at most {most}):\n" + string.Join("\n", lines));
    }

    /// <summary>The shipped libraries' projects (src/ and rules/) with their root namespaces.</summary>
    private static IEnumerable<(string Directory, string RootNamespace)> Projects() =>
        Directory.GetFiles(Repo.Path("src"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Repo.Path("rules"), "*.csproj", SearchOption.AllDirectories))
            .Select(p => (Path.GetDirectoryName(p)!, RootNamespaceLine().Match(File.ReadAllText(p)) is { Success: true } m ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(p)));

    private static IEnumerable<string> SourceFiles(string project) =>
        Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(project, f).Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"));

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, List<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v, []))
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                components.Add(component);
            }
        }

        foreach (var v in graph.Keys.Concat(graph.Values.SelectMany(x => x)).Distinct().Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return components;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^(static |abstract |sealed |~)*")]
    private static partial Regex PublicApiModifiers();

    [GeneratedRegex(@"<RootNamespace>([^<]+)</RootNamespace>")]
    private static partial Regex RootNamespaceLine();
}
