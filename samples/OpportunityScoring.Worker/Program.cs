using OpportunityScoring;
using OpportunityScoring.DependencyInjection;
using OpportunityScoring.Worker;

// The nightly re-scoring job of a sales-operations team. --once: one run over every pipeline, then exit (cron, CI).
var once = args.Contains("--once");
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [.. args.Where(a => a != "--once")], ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddOpportunityScoring(builder.Configuration.GetSection(OpportunityScoringOptions.SectionName));
builder.Services.Configure<RescoringOptions>(builder.Configuration.GetSection("Rescoring")).PostConfigure<RescoringOptions>(o => o.Once |= once);
builder.Services.AddSingleton<RescoringWorker>().AddHostedService(sp => sp.GetRequiredService<RescoringWorker>());

var host = builder.Build();
RescoringWorker worker;
try
{
    worker = host.Services.GetRequiredService<RescoringWorker>(); // validates the policy
    await host.RunAsync();   // disposes the host
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // A policy that cannot be used stops the job on start with what to fix, not a stack trace.
    await Console.Error.WriteLineAsync($"OpportunityScoring cannot start: {string.Join(Environment.NewLine, e.Failures)}");
    return 2;
}

return worker.Failures == 0 ? 0 : 1;
