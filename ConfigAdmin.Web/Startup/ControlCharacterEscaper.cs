using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace ConfigAdmin.Web.Startup;

/// <summary>
/// Escapes control characters in every logged value (a request path, a header, a name from a body), so input such
/// as <c>%0A[06:00:00 INF] forged</c> cannot start a line of its own in the log. Message templates are ours and
/// stay as they are; the values put into them are what a caller controls.
/// </summary>
public sealed class ControlCharacterEscaper : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? escaped = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Escape(value) is { } safe) (escaped ??= []).Add(new LogEventProperty(name, safe));
        }
        if (escaped is null) return;
        foreach (var property in escaped) logEvent.AddOrUpdateProperty(property);
    }

    /// <summary>The value with control characters escaped, or null when it had none.</summary>
    private static LogEventPropertyValue? Escape(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when s.Any(char.IsControl) => new ScalarValue(Escape(s)),
        SequenceValue seq when seq.Elements.Select(Escape).ToList() is var items && items.Any(i => i is not null) =>
            new SequenceValue(seq.Elements.Zip(items, (old, @new) => @new ?? old)),
        StructureValue st when st.Properties.Select(p => Escape(p.Value)).ToList() is var props && props.Any(p => p is not null) =>
            new StructureValue(st.Properties.Zip(props, (old, @new) => @new is null ? old : new LogEventProperty(old.Name, @new)), st.TypeTag),
        _ => null,
    };

    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }
}
