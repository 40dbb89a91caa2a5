// Serves the bytes of one resolved document (file given as the first argument) with the same headers
// the client read sends: the best any endpoint on this Kestrel could do. The correlation id is a fixed value of the
// same length (the read makes a new one per response; that work is the read's).
const string correlationId = "0123456789abcdef0123456789abcdef";
var body = await File.ReadAllBytesAsync(args[0]);
var etag = File.ReadAllText(args[1]).Trim();
var builder = WebApplication.CreateSlimBuilder(args[2..]);
builder.Logging.ClearProviders();
var app = builder.Build();
app.Run(async http =>
{
    http.Response.ContentType = "application/json; charset=utf-8";
    http.Response.Headers.ETag = etag;
    http.Response.Headers.CacheControl = "no-cache";
    http.Response.Headers.XContentTypeOptions = "nosniff";
    http.Response.Headers["X-Correlation-Id"] = correlationId;
    http.Response.ContentLength = body.Length;
    await http.Response.Body.WriteAsync(body);
});
await app.RunAsync();
