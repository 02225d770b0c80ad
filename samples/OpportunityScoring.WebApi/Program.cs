using OpportunityScoring;
using OpportunityScoring.WebApi;

var builder = WebApplication.CreateBuilder(args);

// The engine: options from the "OpportunityScoring" section, policy validated on start; a relative PolicyFile is
// relative to the app's folder, not to the working directory.
builder.Services.AddOpportunityScoring(builder.Configuration.GetSection(OpportunityScoringOptions.SectionName));
builder.Services.PostConfigure<OpportunityScoringOptions>(o => o.PolicyFile = o.PolicyFile is { } file ? Path.GetFullPath(file, AppContext.BaseDirectory) : null);

builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapScoringEndpoints();
app.Run();

/// <summary>The web host (public for <c>WebApplicationFactory&lt;Program&gt;</c> in the integration tests).</summary>
public partial class Program;
