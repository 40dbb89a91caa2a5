namespace ConfigAdmin.Web.Api;

/// <summary>The URLs of single resources, each segment escaped: a name must never be able to bend a Location header.</summary>
public static class Locations
{
    public static string Application(string name) => $"/v1/applications/{Uri.EscapeDataString(name)}";

    public static string Environment(string name) => $"/v1/environments/{Uri.EscapeDataString(name)}";

    public static string Config(Guid id) => $"/v1/configs/{id}";

    public static string ApiKey(Guid id) => $"/v1/api-keys/{id}";

    public static string Webhook(Guid id) => $"/v1/webhooks/{id}";

    public static string ChangeRequests(string application) => $"{Application(application)}/change-requests";

    public static string ChangeRequest(string application, long id) => $"{ChangeRequests(application)}/{id}";
}
