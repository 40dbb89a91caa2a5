-- The 304 round trip: every request sends the ETag the client already has.
wrk.headers["If-None-Match"] = os.getenv("ETAG")
