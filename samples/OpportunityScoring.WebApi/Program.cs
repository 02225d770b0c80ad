using OpportunityScoring;
using OpportunityScoring.DependencyInjection;
using OpportunityScoring.WebApi;
using OpportunityScoring.WebApi.Pages;

var builder = WebApplication.CreateBuilder(args);

// The engine: options from the "OpportunityScoring" section, policy validated on start; a relative PolicyFile is
// relative to the app's folder, not to the working directory.
builder.Services.AddOpportunityScoring(builder.Configuration.GetSection(OpportunityScoringOptions.SectionName));
builder.Services.PostConfigure<OpportunityScoringOptions>(o => o.PolicyFile = o.PolicyFile is { } file ? Path.GetFullPath(file, AppContext.BaseDirectory) : null);

// What one scoring request may cost: so many at a time (429 beyond the queue), a time budget (503), the body in memory
// up to a size and in a temporary file beyond ("Scoring" section).
ScoringLimits.Register(builder.Services);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
DevelopmentAuthentication.Register(builder); // the person behind a ledger write (X-User in Development; a real host configures its own scheme)
builder.Services.AddPages(builder.Configuration); // the pages (docs/pages.md): "Pages" section

var app = builder.Build();
app.UseExceptionHandler(); // anything unforeseen: 500 with problem details, never a stack trace
app.UseStatusCodePages();
app.UseRateLimiter();
app.UseAuthentication();
app.UseRequestTimeouts();  // after the limiter: a request's time budget starts with its turn
app.MapOpenApi();
app.MapScoringEndpoints();
app.MapLedgerEndpoints(); // GET /opportunities/{id}/history when OpportunityScoring:Store is set
app.MapReviewLoopEndpoints(); // plans, overrides, outcomes, review (issue 21)
app.MapAccountEndpoints(); // POST /accounts, POST /accounts/{id}/report: key accounts (docs/accounts.md)
app.MapPages();           // /pages/…: pipeline, opportunity, what-if, upload
try
{
    app.Run();
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // A policy that cannot be used stops the host on start with what to fix, not a stack trace.
    Console.Error.WriteLine($"OpportunityScoring cannot start: {string.Join(Environment.NewLine, e.Failures)}");
    Environment.ExitCode = 2;
}

/// <summary>The web host (public for <c>WebApplicationFactory&lt;Program&gt;</c> in the integration tests).</summary>
public partial class Program;
