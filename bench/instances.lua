-- Each request as one of 1,000 instances (its own ConfigAdmin-Client id), picked at random: during a rollout about
-- the stage's share of them read the target, the others the base. Authorization comes from wrk's -H.
local ids = {}
for i = 1, 1000 do ids[i] = string.format("bench-%05d; host=bench; version=1", i) end
request = function()
  -- wrk.format takes the headers given instead of wrk.headers, not merged with them: copy them over.
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["ConfigAdmin-Client"] = ids[math.random(1000)]
  return wrk.format(nil, nil, headers)
end
