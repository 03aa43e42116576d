-- A different cart per request (the line id carries a counter), so every request is a new
-- settlement: policy evaluation + one signed leg per merchant, not an idempotent replay.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '[{"id":"snk-%d","name":"Snacks","vendor_id":"amazon","price":12.5,"quantity":4},' ..
    '{"id":"bdg-%d","name":"Badges","vendor_id":"walmart","price":"3.25","quantity":10},' ..
    '{"id":"cbl-%d","name":"Cables","vendor_id":"tech_direct","price":7.99,"quantity":2}]', n, n, n)
  return wrk.format(nil, nil, nil, body)
end
