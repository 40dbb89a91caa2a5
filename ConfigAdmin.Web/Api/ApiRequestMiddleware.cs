using ConfigAdmin.Core.Common;
using ConfigAdmin.Web.Errors;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// For <c>/v1</c>: the body limit (413 before any handler reads), and the audit actor from <c>X-Actor</c>.
/// The limit is checked here rather than only by Kestrel so it holds on every server, chunked bodies included.
/// </summary>
public sealed class ApiRequestMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext http, ChangeContext change)
    {
        if (!http.Request.Path.StartsWithSegments("/v1"))
        {
            await next(http);
            return;
        }
        var max = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > max) throw new BadHttpRequestException("Body too large.", StatusCodes.Status413PayloadTooLarge);
        if (http.Request.ContentLength is null && http.Request.Body.CanRead && !HttpMethods.IsGet(http.Request.Method))
            await BufferAsync(http, max);

        change.Actor = ActorOf(http);
        await next(http);
    }

    private static string ActorOf(HttpContext http)
    {
        var actor = http.Request.Headers["X-Actor"].ToString().Trim();
        if (actor.Length == 0) return ChangeContext.ApiActor;
        if (actor.Length > ChangeContext.MaxActorLength || !TextRules.IsStorable(actor) || actor.Any(char.IsControl))
            throw new FluentValidation.ValidationException([new("X-Actor",
                $"The X-Actor header must be at most {ChangeContext.MaxActorLength} printable characters.")]);
        return actor;
    }

    private static async Task BufferAsync(HttpContext http, long max)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max) throw new BadHttpRequestException("Body too large.", StatusCodes.Status413PayloadTooLarge);
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        http.Request.Body = buffer;
        http.Response.RegisterForDispose(buffer);
    }
}
