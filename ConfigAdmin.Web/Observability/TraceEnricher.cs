using Serilog.Core;
using Serilog.Events;

namespace ConfigAdmin.Web.Observability;

/// <summary>
/// Every log event carries the trace and span ids of the activity it was written in (Serilog takes them from
/// <c>Activity.Current</c>: <c>@tr</c> and <c>@sp</c> in JSON sinks); this puts them on the console line too, after the
/// message, so a line found in the log leads to its trace. Lines written outside any request have none.
/// </summary>
public sealed class TraceEnricher : ILogEventEnricher
{
    public const string Property = "Trace";

    /// <summary>The console sink's default template, plus the trace.</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{" + Property + ":l}{NewLine}{Exception}";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.TraceId is { } trace && logEvent.SpanId is { } span)
            logEvent.AddPropertyIfAbsent(new LogEventProperty(Property, new ScalarValue($" (trace {trace.ToHexString()} span {span.ToHexString()})")));
    }
}
