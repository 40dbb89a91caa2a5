namespace ConfigAdmin.Web.Components.Model;

/// <summary>How a .NET app connects to one application and environment, as the README's "Use it from a .NET app" shows it.</summary>
public static class ClientSetup
{
    public static string Snippet(string serverUrl, string application, string? environment) => $$"""
        builder.Configuration.AddConfigAdmin(o =>
        {
            o.ServerUrl = new Uri("{{serverUrl.TrimEnd('/')}}");
            o.Application = "{{application}}";
            o.Environment = "{{environment}}";
            o.ApiKey = "ca_…"; // a key with the client role
        });
        """;
}
