using System.Collections.Concurrent;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Web.Observability;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ConfigAdmin.Tests.Observability;

/// <summary>
/// Traces go over OTLP to the endpoint the standard <c>OTEL_EXPORTER_OTLP_*</c> settings name (here a receiver on
/// 127.0.0.1), in the protocol they name; nothing is traced without one; log events carry the trace and span ids.
/// </summary>
[Trait("Category", "Database")]
public abstract class TracesTests(Provider provider)
{
    [Theory]
    [InlineData("http/protobuf")]
    [InlineData("grpc")]
    public async Task OtlpEndpointSet_ExportsEachRequestsTrace_AndItsLogLinesCarryIt(string protocol)
    {
        await using var receiver = await OtlpReceiver.StartAsync(grpc: protocol == "grpc");
        var host = new TracedHost(provider, receiver.Endpoint, protocol);
        await host.InitializeAsync();
        try
        {
            var response = await host.Client.PostJsonAsync("/v1/applications", A.Application(A.Name()));
            await response.EnsureSuccessStatusCodeAsync();
            var traceparent = Assert.Single(response.Headers.GetValues("traceparent")).Split('-');
            var (traceId, spanId) = (traceparent[1], traceparent[2]);

            // The span's trace id travels as its 16 raw bytes in the protobuf body.
            var id = Convert.FromHexString(traceId);
            Assert.True(await Eventually.TrueAsync(() => receiver.Received.Any(r => r.Body.AsSpan().IndexOf(id) >= 0), TimeSpan.FromSeconds(30)),
                $"No export held trace {traceId}; received: {string.Join(", ", receiver.Received.Select(r => r.Path))}");
            var export = receiver.Received.First(r => r.Body.AsSpan().IndexOf(id) >= 0);
            Assert.Equal(protocol == "grpc" ? "/opentelemetry.proto.collector.trace.v1.TraceService/Export" : "/v1/traces", export.Path);

            // The request's log line was written inside that span, and the console shows both ids.
            var logged = await Eventually.Async(() => Task.FromResult(host.Events.FirstOrDefault(e => e.MessageTemplate.Text.StartsWith("HTTP", StringComparison.Ordinal)
                && e.TraceId?.ToHexString() == traceId)), e => e is not null, TimeSpan.FromSeconds(10));
            Assert.Equal(spanId, logged!.SpanId?.ToHexString());
            var line = new StringWriter();
            new MessageTemplateTextFormatter(TraceEnricher.ConsoleTemplate).Format(logged, line);
            Assert.Contains($"(trace {traceId} span {spanId})", line.ToString());
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task NoOtlpEndpoint_TracesNothing_AndLogLinesStillCarryTheRequestsIds()
    {
        var host = new TracedHost(provider, endpoint: null, protocol: null);
        await host.InitializeAsync();
        try
        {
            Assert.Null(host.Factory.Services.GetService<TracerProvider>());
            var response = await host.Client.PostJsonAsync("/v1/applications", A.Application(A.Name()));
            await response.EnsureSuccessStatusCodeAsync();
            var traceId = Assert.Single(response.Headers.GetValues("traceparent")).Split('-')[1];
            await Eventually.Async(() => Task.FromResult(host.Events.Any(e => e.MessageTemplate.Text.StartsWith("HTTP", StringComparison.Ordinal)
                && e.TraceId?.ToHexString() == traceId)), logged => logged, TimeSpan.FromSeconds(10));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private sealed class TracedHost(Provider provider, string? endpoint, string? protocol) : ApiHost(provider), ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.ConfigureServices(s => s.AddSingleton<ILogEventSink>(this));
            if (endpoint is null) return;
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", protocol);
            builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
        }
    }
}

public sealed class TracesTestsOnSqlite() : TracesTests(Provider.Sqlite);

public sealed class TracesTestsOnPostgres() : TracesTests(Provider.Postgres);
