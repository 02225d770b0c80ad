using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OpportunityScoring.WebApi;

/// <summary>
/// What one scoring request may cost (the <c>Scoring</c> section of the configuration): how many are scored at a time
/// and how many wait, how long one may take, and how much of a body is kept in memory.
/// </summary>
public sealed class ScoringLimits
{
    /// <summary>The configuration section: <c>Scoring</c>.</summary>
    public const string SectionName = "Scoring";

    /// <summary>The name of the rate-limiting and time-budget policies of <c>POST /assessments</c> and <c>POST /reports/{id}</c>.</summary>
    public const string PolicyName = "scoring";

    /// <summary>Scoring requests served at a time; the others wait in a queue (default 16).</summary>
    public int ConcurrentRequests { get; set; } = 16;

    /// <summary>Scoring requests waiting for their turn at most; one more gets 429 with <c>Retry-After</c> (default 256).</summary>
    public int QueuedRequests { get; set; } = 256;

    /// <summary>What <c>Retry-After</c> says to a request turned away with 429 (default 1 s; whole seconds, rounded up).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The time a scoring request may take, from its turn to its last byte (default 30 s). Beyond it the scoring stops:
    /// 503 with problem details when nothing was sent yet; a pipeline whose document was already streaming is cut off
    /// (the client gets an incomplete document, never a complete-looking one).
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The bytes of a body kept in memory (default 1 MiB); a larger body is buffered in a temporary file, deleted when
    /// the request ends, and read from there (twice for a pipeline: checked, then scored).
    /// </summary>
    public int BufferedBodyBytes { get; set; } = 1 << 20;

    /// <summary>
    /// The cores one pipeline request is scored on at once (default: all, at most 4). A request holds about 64 records
    /// per core in flight, so its memory does not grow with the machine's cores; the requests served at once share
    /// the rest.
    /// </summary>
    public int PipelineParallelism { get; set; } = Math.Min(Environment.ProcessorCount, 4);

    /// <summary>Registers the limits: bound to the <c>Scoring</c> section, the concurrency limiter and the time budget.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    internal static IServiceCollection Register(IServiceCollection services)
    {
        services.AddOptions<ScoringLimits>()
            .BindConfiguration(SectionName)
            .Validate(l => l.ConcurrentRequests > 0 && l.QueuedRequests >= 0, "Scoring:ConcurrentRequests must be at least 1 and Scoring:QueuedRequests at least 0.")
            .Validate(l => l.RequestTimeout > TimeSpan.Zero && l.RetryAfter >= TimeSpan.Zero, "Scoring:RequestTimeout must be positive and Scoring:RetryAfter not negative.")
            .Validate(l => l.BufferedBodyBytes > 0, "Scoring:BufferedBodyBytes must be positive.")
            .Validate(l => l.PipelineParallelism > 0, "Scoring:PipelineParallelism must be at least 1.")
            .ValidateOnStart();

        services.AddSingleton<LargeRequests>();

        // Both read the limits when the middleware is built (after the tests' and the host's configuration is in).
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ScoringLimits>>((options, limits) =>
        {
            var l = limits.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddConcurrencyLimiter(PolicyName, c =>
            {
                c.PermitLimit = l.ConcurrentRequests;
                c.QueueLimit = l.QueuedRequests;
                c.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
            options.OnRejected = (context, cancellationToken) =>
            {
                var seconds = (int)Math.Ceiling(l.RetryAfter.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many scoring requests at once.",
                    $"{l.ConcurrentRequests} scoring requests are being served and {l.QueuedRequests} are waiting; retry after {seconds} s.");
            };
        });

        services.AddRequestTimeouts(_ => { });
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ScoringLimits>>((options, limits) =>
        {
            var timeout = limits.Value.RequestTimeout;
            options.AddPolicy(PolicyName, new RequestTimeoutPolicy
            {
                Timeout = timeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "The request took longer than the server allows.",
                    $"scoring stopped after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (Scoring:RequestTimeout); send fewer opportunities at a time, or leave out the explanations (explain=false)").AsTask(),
            });
        });
        return services;
    }

    /// <summary>
    /// Counts the requests whose body went to a temporary file (large pipelines) and, once the last of them has been
    /// answered and no other came for two seconds, gives the memory they used back to the system: one compacting
    /// collection that releases what is no longer used. Without it the garbage collector keeps what a burst of large
    /// requests took until the next burst; the quiet period keeps a stream of large requests from collecting after each.
    /// </summary>
    internal sealed class LargeRequests : IDisposable
    {
        private static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);
        private readonly Timer _timer;
        private int _inFlight;

        public LargeRequests() => _timer = new Timer(_ => Collect(), null, Timeout.Infinite, Timeout.Infinite);

        /// <summary>Counts a large request until it has been answered.</summary>
        /// <param name="context">The request.</param>
        public void Enter(HttpContext context)
        {
            Interlocked.Increment(ref _inFlight);
            context.Response.OnCompleted(() =>
            {
                if (Interlocked.Decrement(ref _inFlight) == 0)
                {
                    _timer.Change(QuietPeriod, Timeout.InfiniteTimeSpan); // (re)starts the quiet period
                }

                return Task.CompletedTask;
            });
        }

        /// <inheritdoc />
        public void Dispose() => _timer.Dispose();

        private void Collect()
        {
            if (Volatile.Read(ref _inFlight) == 0)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
    }

    private static ValueTask WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
