using ConfigAdmin.Client;
using ConfigAdmin.Client.Sample;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A worker that takes its settings from ConfigAdmin. Start the server first (dotnet run --project ConfigAdmin.Web,
// demo data on), make a client key of checkout-api in development (README, "Use it from a .NET app"), then:
// ConfigAdmin__ApiKey=ca_... dotnet run --project samples/ConfigAdmin.Client.Sample -f net10.0
// The API key comes from the environment, never from a file.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });

var settings = builder.Configuration.GetSection("ConfigAdmin");
if (string.IsNullOrWhiteSpace(settings["ApiKey"]))
{
    Console.Error.WriteLine($"Set ConfigAdmin__ApiKey to a client key of {settings["Application"]} ({settings["Environment"]}) on " +
                            $"{settings["ServerUrl"]}; the README's \"Use it from a .NET app\" shows how to make one.");
    return 2;
}

// The provider loads while the configuration is being built, before the host's logging exists: give it a logger of its own.
using var clientLogging = LoggerFactory.Create(logging => logging
    .AddConfiguration(builder.Configuration.GetSection("Logging"))
    .AddConsole());

// Server, application, environment, key and cache file from the "ConfigAdmin" section of the configuration built so
// far (appsettings.json, environment variables, command line); ConfigAdmin's values then override those sources.
try
{
    builder.Configuration.AddConfigAdmin(settings, o => o.LoggerFactory = clientLogging);
}
catch (ConfigAdminException refused)
{
    // A wrong key, application or environment: one line saying so, not a stack trace.
    Console.Error.WriteLine(refused.Message);
    return 1;
}

builder.Services.Configure<PaymentsOptions>(builder.Configuration.GetSection("Payments"));
builder.Services.Configure<FeatureOptions>(builder.Configuration.GetSection("Features"));
builder.Services.AddHostedService<ChangeLogger>();

await builder.Build().RunAsync();
return 0;
