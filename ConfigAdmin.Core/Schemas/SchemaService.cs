using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Schemas;

/// <summary>Schemas read as a whole: the JSON Schema of an application's configuration, for editors of appsettings files.</summary>
public sealed class SchemaService(IConfigAdminDbFactory factory, ChangeContext context)
{
    /// <summary>The application's configuration as one JSON Schema (2020-12) in the nested appsettings shape.</summary>
    public async Task<string> ApplicationSchemaAsync(string application, CancellationToken ct = default)
    {
        context.Caller.EnsureAdminSurface();
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, context.Caller, AppPermission.Read, ct);
        var keys = await db.Configs.AsNoTracking().Where(c => c.ApplicationId == app.Id)
            .Select(c => new SchemaKey(c.Key, c.ValueType, c.Description, c.Schema)).ToListAsync(ct);
        return ApplicationSchema.Build(app.Name, keys);
    }
}
