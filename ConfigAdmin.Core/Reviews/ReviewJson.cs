using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConfigAdmin.Core.Reviews;

/// <summary>How a change request's operations, base and diff are stored: the API's own JSON spelling.</summary>
internal static class ReviewJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}

/// <summary>The revision one touched key was at when a request was filed (both null when the request creates it).</summary>
public sealed record BaseKey(string Key, Guid? Id, long? Revision);
