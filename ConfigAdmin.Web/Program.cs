using ConfigAdmin.Core;
using ConfigAdmin.Data;
using ConfigAdmin.Web.Api;
using ConfigAdmin.Web.Components;
using ConfigAdmin.Web.Errors;
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
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console());

builder.Services.AddConfigAdminCore();
builder.Services.AddConfigAdminData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddConfigAdminErrors();
builder.Services.AddConfigAdminApi(builder.Configuration);
builder.Services.AddHostedService<DatabaseStartup>();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddBenchDiagnostics(builder.Configuration);

var app = builder.Build();

// Cached client reads are answered first of all (ADR 0005); request logging is next-outermost, so it records
// the status the client really got (a handled 400, not the exception).
app.UseMiddleware<ClientReadFastPath>();
app.UseRequestActivity();
app.UseConfigAdminRequestLogging();
app.UseConfigAdminErrors();
app.UseConfigAdminApiEdge();
app.UseRouting();
app.UseConfigAdminApi();
app.UseAntiforgery();
app.MapStaticAssets();

app.MapConfigAdminHealth();
app.MapConfigAdminApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapBenchDiagnostics();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("ConfigAdmin is listening on {Urls}", string.Join(", ", app.Urls)));

app.Run();
