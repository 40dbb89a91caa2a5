using ConfigAdmin.Core;
using ConfigAdmin.Data;
using ConfigAdmin.Web.Api;
using ConfigAdmin.Web.Components;
using ConfigAdmin.Web.Errors;
using ConfigAdmin.Web.Startup;
using MudBlazor.Services;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
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

var app = builder.Build();

// Cached client reads are answered first of all (ADR 0005); request logging is next-outermost, so it records
// the status the client really got (a handled 400, not the exception).
app.UseMiddleware<ClientReadFastPath>();
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

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("ConfigAdmin is listening on {Urls}", string.Join(", ", app.Urls)));

app.Run();
