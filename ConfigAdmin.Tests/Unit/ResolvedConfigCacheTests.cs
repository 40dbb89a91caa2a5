using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ResolvedConfigCacheTests
{
    private static readonly CacheKey Key = new("APP", "production", false);
    private static readonly ResolvedDocument Doc = new("{}"u8.ToArray());

    [Fact]
    public void Store_WithNoWriteSinceBegin_IsKept()
    {
        var cache = new ResolvedConfigCache();

        cache.Store(Key, Doc, cache.Begin("APP"));

        Assert.True(cache.TryGet(Key, out var hit));
        Assert.Same(Doc, hit);
    }

    [Fact]
    public void Store_AfterAWriteToTheSameApplication_IsDropped()
    {
        var cache = new ResolvedConfigCache();
        var stamp = cache.Begin("APP");

        cache.InvalidateApplication("APP");
        cache.Store(Key, Doc, stamp);

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void Store_AfterAnEnvironmentWrite_IsDropped()
    {
        var cache = new ResolvedConfigCache();
        var stamp = cache.Begin("APP");

        cache.InvalidateAll();
        cache.Store(Key, Doc, stamp);

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void WriteToAnotherApplication_KeepsThisOnesEntries()
    {
        var cache = new ResolvedConfigCache();
        cache.Store(Key, Doc, cache.Begin("APP"));

        cache.InvalidateApplication("OTHER");

        Assert.True(cache.TryGet(Key, out _));
    }

    [Fact]
    public void Invalidate_KeepsLastKnownGood_ForgetDropsIt()
    {
        var cache = new ResolvedConfigCache();
        cache.Store(Key, Doc, cache.Begin("APP"));

        cache.InvalidateApplication("APP");
        Assert.False(cache.TryGet(Key, out _));
        Assert.True(cache.TryGetLastKnownGood(Key, out _));

        cache.Forget("APP");
        Assert.False(cache.TryGetLastKnownGood(Key, out _));
    }

    [Fact]
    public void ETag_IsStrongAndFollowsTheBytes()
    {
        var a = new ResolvedDocument("{\"a\":1}"u8.ToArray());
        var same = new ResolvedDocument("{\"a\":1}"u8.ToArray());
        var other = new ResolvedDocument("{\"a\":2}"u8.ToArray());

        Assert.StartsWith("\"", a.ETag);
        Assert.Equal(a.ETag, same.ETag);
        Assert.NotEqual(a.ETag, other.ETag);
    }
}
