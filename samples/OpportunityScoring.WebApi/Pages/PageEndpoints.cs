using System.Reflection;

namespace OpportunityScoring.WebApi.Pages;

/// <summary>
/// The pages a sales director opens, served by the API's own host (same process, same middleware; docs/pages.md):
/// <c>/pages/pipeline</c>, <c>/pages/opportunities/{id}</c>, <c>/pages/accounts</c> (and each account's follow-up),
/// <c>/pages/reviews</c>, <c>/pages/whatif</c>, <c>/pages/upload</c>, and their
/// stylesheet and one small script, embedded in the assembly: nothing is fetched from elsewhere at run time.
/// </summary>
internal static class PageEndpoints
{
    /// <summary>The pages' services: options ("Pages" section), the pipelines they show (configured one scored on start), antiforgery for their forms.</summary>
    public static IServiceCollection AddPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PagesOptions>(configuration.GetSection(PagesOptions.SectionName));
        services.AddSingleton<PipelineCatalog>();
        services.AddHostedService<PipelineWarmUp>();
        services.AddAntiforgery();
        return services;
    }

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(PageRoutes.Root).ExcludeFromDescription();
        pages.MapGet("/", () => Results.Redirect(PageRoutes.Pipeline));
        pages.MapGet("/pipeline", PipelinePage.Show);
        pages.MapGet("/opportunities/{id}", OpportunityPage.Show);
        pages.MapPost("/opportunities/{id}/actions", ReviewForms.Plan).DisableAntiforgery(); // checked by the handler, with a page
        pages.MapPost("/opportunities/{id}/overrides", ReviewForms.Override).DisableAntiforgery();
        pages.MapGet("/whatif", WhatIfPage.Show);
        pages.MapPost("/whatif", WhatIfPage.Run).DisableAntiforgery();
        pages.MapGet("/upload", UploadPage.Form);
        pages.MapPost("/upload", UploadPage.Receive).DisableAntiforgery();
        pages.MapGet("/uploads/{id}", UploadPage.Progress);
        pages.MapGet("/uploads/{id}/progress", UploadPage.ProgressJson);
        pages.MapGet("/accounts", AccountsPage.Show);
        pages.MapGet("/accounts/{id}", AccountPage.Show);
        pages.MapGet("/reviews", ReviewsPage.Show);
        pages.MapGet("/assets/{name}", Asset);
        return app;
    }

    /// <summary>The stylesheet and the upload script, from the assembly's resources, cached for a day.</summary>
    private static IResult Asset(string name, HttpContext context)
    {
        var type = Path.GetExtension(name) switch { ".css" => "text/css; charset=utf-8", ".js" => "text/javascript; charset=utf-8", _ => null };
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream($"OpportunityScoring.WebApi.Pages.Assets.{name}");
        if (stream is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Stream(stream, type);
    }

    /// <summary>Scores the configured pipeline on start, in the background, so the first page does not wait for it.</summary>
    private sealed class PipelineWarmUp(PipelineCatalog catalog) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = catalog.Configured();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
