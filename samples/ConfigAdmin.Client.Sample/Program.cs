using ConfigAdmin.Client;
using ConfigAdmin.Client.Sample;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A worker that takes its settings from ConfigAdmin. Start the server first (dotnet run --project ConfigAdmin.Web,
// demo data on), then: dotnet run --project samples/ConfigAdmin.Client.Sample -f net10.0
// The API key comes from the environment, never from a file: ConfigAdmin__ApiKey=ca_...
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

// The provider loads while the configuration is being built, before the host's logging exists: give it a logger of its own.
using var clientLogging = LoggerFactory.Create(logging => logging
    .AddConfiguration(builder.Configuration.GetSection("Logging"))
    .AddConsole());

// Server, application, environment, key and cache file from the "ConfigAdmin" section of the configuration built so
// far (appsettings.json, environment variables, command line); ConfigAdmin's values then override those sources.
builder.Configuration.AddConfigAdmin(builder.Configuration.GetSection("ConfigAdmin"), o => o.LoggerFactory = clientLogging);

builder.Services.Configure<PaymentsOptions>(builder.Configuration.GetSection("Payments"));
builder.Services.Configure<FeatureOptions>(builder.Configuration.GetSection("Features"));
builder.Services.AddHostedService<ChangeLogger>();

await builder.Build().RunAsync();
