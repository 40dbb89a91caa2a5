using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConfigAdmin.Core.Webhooks;

/// <summary>An outbox event as a CloudEvents 1.0 structured JSON event (<c>application/cloudevents+json</c>).</summary>
public static class CloudEventBody
{
    public const string ContentType = "application/cloudevents+json";

    public static string Of(WebhookEvent e)
    {
        var data = JsonNode.Parse(e.Data)!.AsObject();
        if (e.Revision is { } revision) data["revision"] = revision;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", e.Id.ToString());
            json.WriteString("source", e.Source);
            json.WriteString("type", WebhookEvents.TypePrefix + e.Name);
            json.WriteString("time", e.OccurredAt.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
            json.WriteString("datacontenttype", "application/json");
            json.WritePropertyName("data");
            data.WriteTo(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The <c>source</c> of an application's events.</summary>
    public static string SourceOf(string application) => "/applications/" + Uri.EscapeDataString(application);
}
