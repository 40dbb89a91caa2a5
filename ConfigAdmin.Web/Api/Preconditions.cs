using ConfigAdmin.Core.Common;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ConfigAdmin.Web.Api;

/// <summary>ETags of single resources (their version) and the version a write expects (If-Match, else the body's).</summary>
public static class Preconditions
{
    public static string ETagOf(long version) => $"\"{version}\"";

    public static void SetETag(this HttpContext http, long version) => http.Response.Headers.ETag = ETagOf(version);

    /// <summary>
    /// The version the caller expects, or null for "whatever is current". <c>*</c> means any; a tag that is
    /// not a version can match nothing, so it yields a version no row has (412); a malformed header is a 400.
    /// </summary>
    public static long? ExpectedVersion(HttpContext http, long? bodyVersion)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) return bodyVersion;
        if (header == "*") return null;
        if (!EntityTagHeaderValue.TryParseList(http.Request.Headers.IfMatch, out var tags) || tags.Count != 1)
            throw ValidatorExtensions.Invalid("If-Match", "If-Match must be one entity tag such as \"3\" (the ETag you read), or *.");
        var tag = tags[0].Tag.Value!.Trim('"');
        return long.TryParse(tag, System.Globalization.NumberStyles.None, null, out var v) ? v : -1;
    }

    /// <summary>
    /// True when <c>If-None-Match</c> names <paramref name="etag"/> (weak comparison: W/"x" matches "x"; * matches
    /// anything), i.e. the client has the current representation. Allocation-free: it runs on every client read.
    /// </summary>
    public static bool ClientHas(StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            var header = value.AsSpan();
            foreach (var range in header.Split(','))
            {
                var part = header[range].Trim();
                if (part.StartsWith("W/")) part = part[2..];
                if (part is "*" || part.SequenceEqual(etag)) return true;
            }
        }
        return false;
    }
}
