using ConfigAdmin.Core;
using ConfigAdmin.Data;
using ConfigAdmin.Web.Api;
using ConfigAdmin.Web.Components;
using ConfigAdmin.Web.Errors;
using ConfigAdmin.Web.Observability;
using ConfigAdmin.Web.Security;
using ConfigAdmin.Web.Startup;
using MudBlazor.Services;
using Serilog;
using Serilog.Events;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    // Off entirely (above Fatal): the host would open a logging scope for every request only to feed its own
    // "Request starting/finished" lines, which request logging replaces; on the client-read path that scope
    // is a tenth of the request's cost (docs/benchmarks.md).
    .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Fatal + 1)
    // The health-check service logs an Error per failing check on every probe; HealthLog logs each change once.
    .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogEventLevel.Fatal + 1)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .Enrich.With<ControlCharacterEscaper>()
    .Enrich.With<TraceEnricher>()
    .WriteTo.Console(outputTemplate: TraceEnricher.ConsoleTemplate));
OneLoggerPerCategory.Apply(builder.Services);

builder.Services.AddConfigAdminCore();
builder.Services.AddConfigAdminData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddConfigAdminErrors();
builder.Services.AddConfigAdminApi(builder.Configuration);
builder.Services.AddConfigAdminStartup();
builder.Services.AddConfigAdminSecurity(builder.Configuration);
builder.Services.AddConfigAdminProxy(builder.Configuration);
builder.Services.AddConfigAdminObservability(builder.Configuration,
    typeof(Program).Assembly.GetName().Version?.ToString() ?? "unknown");

// A value may be 64 KiB of UTF-8 and reaches the server in one change event, as JSON inside the circuit's message,
// where a control character takes six bytes. Editors cap input at one character over the limit (ValueEditor), so
// 8 x 64 KiB holds any value they can send; the default 32 KB would drop the circuit instead of showing "too large".
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(o => o.MaximumReceiveMessageSize = ConfigAdmin.Core.Configs.ConfigValues.MaxValueBytes * 8);
builder.Services.AddMudServices(ConfigAdmin.Web.Components.Layout.SnackbarDefaults.Apply);
builder.Services.AddBenchDiagnostics(builder.Configuration);

var app = builder.Build();

// Cached client reads are answered first of all (ADR 0007), for callers the in-memory access directory allows;
// request logging is next-outermost, so it records the status the client really got (a handled 400, not the exception).
app.UseMiddleware<ClientReadFastPath>();
app.UseConfigAdminProxy();
app.UseRequestActivity();
app.UseConfigAdminRequestLogging();
app.UseConfigAdminErrors();
app.UseSecurityHeaders();
app.UseStartupGate();
app.UseConfigAdminNotFoundPage();
app.UseConfigAdminApiEdge();
app.UseRouting();
app.UseRateLimiter();
SignInContext.UseAuthentication(app);
app.UseConfigAdminCaller();
app.UseCrossSiteGuard();
app.UseAuthorization();
app.UseConfigAdminApi();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();

app.MapConfigAdminHealth();
app.MapConfigAdminMetrics();
app.MapConfigAdminApi();
app.MapAccountEndpoints();
// Our own Content-Security-Policy (SecurityHeaders) already forbids framing; Blazor's second header would duplicate it.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapBenchDiagnostics();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("ConfigAdmin is listening on {Urls}", string.Join(", ", app.Urls)));

app.Run();
