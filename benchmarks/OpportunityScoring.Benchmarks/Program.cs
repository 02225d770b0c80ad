using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;
using OpportunityScoring.Benchmarks.PeerRulesEngine;
using OpportunityScoring.Rules;

namespace OpportunityScoring.Benchmarks;

public static class Program
{
    // Full run:  dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- --filter '*'
    // Bulk only: dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- --filter '*' --anyCategories Bulk --job short
    // Million:   dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- --filter '*MillionRescoring*' --job short
    // Calibrate: dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- --filter '*Calibration*'
    //            (the IBM zip from OPPORTUNITY_IBM_WIN_LOSS, else ../shared/data/ibm-sales-win-loss/ beside the repo; skipped if absent)
    // CI smoke:  .ci/bench-smoke.sh (OPPORTUNITY_BENCH_SMOKE=1, --job Dry --inProcess)
    // Checks:    dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- verify [count]
    //            dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- workflow   (prints the RulesEngine workflows)
    // CPU:       dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- cpu [rounds] [engine …]   (issue 26: CPU per opportunity,
    //            interleaved; naming engines, e.g. FusedDecisions, runs only those and the Reference: for perf record)
    // Split:     dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- writer-split [count]
    //            (issue 26: one thread, per opportunity: decide, score in full, write JSONL fast and with the serializer, write CSV)
    // Files:     dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- --filter '*FileToFile*' --job short --inProcess
    // Study:     dotnet run -c Release --project benchmarks/OpportunityScoring.Benchmarks -- calibration-features [salvirt.csv]
    //            (issue 4: candidate calibration features, same folds as evaluate; default csv ../shared/data/salvirt-b2b/ from the repo root)
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "verify")
        {
            var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
            var pipeline = BenchmarkData.Pipeline(count);
            Console.WriteLine($"MicrosoftRulesEngine agrees with the reference on {BenchmarkData.Verify(new RulesEngineScorer(BenchmarkData.PeerPolicy), pipeline, BenchmarkData.RulesEngineIgnores)} opportunities");
            Console.WriteLine($"OpportunityScoring agrees with the reference on {BenchmarkData.Verify(OpportunityRules.CreateScorer(), pipeline)} opportunities");
            return 0;
        }

        if (args.Length > 0 && args[0] == "cpu")
        {
            CpuTimeComparison.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15, Console.Out, args.Skip(2).ToArray());
            return 0;
        }

        if (args.Length > 0 && args[0] == "calibration-features")
        {
            var csv = args.Length > 1 ? args[1] : Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "data", "salvirt-b2b", "Salvirt_B2B_ML_dataset_HF.csv");
            CalibrationFeatureStudy.Run(csv, Console.Out);
            return 0;
        }

        if (args.Length > 0 && args[0] == "writer-split")
        {
            WriterSplit.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000, Console.Out);
            return 0;
        }

        if (args.Length > 0 && args[0] == "workflow")
        {
            Console.WriteLine("[" + string.Join(",\n", RulesEngineWorkflows.Json(OpportunityRules.DefaultPolicy)) + "]");
            return 0;
        }

        // DefaultConfig already exports GitHub markdown, CSV and HTML; add JSON for machine-readable comparisons across runs.
        var config = DefaultConfig.Instance
            .AddExporter(JsonExporter.Full)
            .WithArtifactsPath(Path.Combine("artifacts", "benchmarks"));
        _ = MarkdownExporter.GitHub; // markdown: already in DefaultConfig (adding it again only warns)

        // The calibration benchmark needs the IBM history, which is not in the repository: without it, leave it out.
        var types = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
            .ToList();
        if (CalibrationBenchmarks.DataFile is null)
        {
            types.Remove(typeof(CalibrationBenchmarks));
            Console.Error.WriteLine($"CalibrationBenchmarks skipped: the IBM win/loss history is missing (set {CalibrationBenchmarks.DataVariable} or put shared/data/ibm-sales-win-loss/ beside the repository).");
        }

        var summaries = BenchmarkSwitcher.FromTypes([.. types]).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
