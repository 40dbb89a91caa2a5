using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// For <c>/v1</c>: the body limit, 413 before any handler reads. Checked here rather than only by Kestrel so it holds
/// on every server, chunked bodies included. (The audit actor is the authenticated caller; <c>X-Actor</c> is ignored.)
/// </summary>
public sealed class ApiRequestMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
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
        await next(http);
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
