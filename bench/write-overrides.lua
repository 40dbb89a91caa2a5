-- Validated, audited override updates: PUT /v1/configs/{id}/overrides/production with a new integer each time,
-- round-robin over the integer keys listed in $IDS_FILE. Values are unique per thread so no write is a no-op.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 100000000)
end

-- WRITE_DELAY_MS paces each connection (wrk calls delay() before every request): a steady write load.
local pause = tonumber(os.getenv("WRITE_DELAY_MS") or "0")
if pause > 0 then
  function delay() return pause end
end

local n = 0
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ADMIN_KEY")

function request()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  return wrk.format(nil, "/v1/configs/" .. id .. "/overrides/production", nil, '{"value":"' .. (offset + n) .. '"}')
end
