-- Every request is a new settlement (policy evaluation with the ledger's spend, the quote check,
-- one signed leg per merchant), not an idempotent replay: each carries its own Idempotency-Key.
-- The lines are catalog offers at the kernel's own quotes (anything else is refused by the
-- quote gate): pack counts below every volume tier, categories without promotions, `units` =
-- packs x pack size; the counts vary so the carts differ too.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local n = 0
request = function()
  n = n + 1
  local a, b, c = 1 + n % 4, 1 + math.floor(n / 4) % 4, 1 + math.floor(n / 16) % 4
  local body = string.format(
    '[{"id":"amz-badges-pvc-horizontal","vendor_id":"amazon","price":"15.99","quantity":%d,"units":%d},' ..
    '{"id":"wmt-tableware-napkins","vendor_id":"walmart","price":"9.29","quantity":%d,"units":%d},' ..
    '{"id":"td-cables-hdmi-6ft","vendor_id":"tech_direct","price":"11.99","quantity":%d,"units":%d}]',
    a, 50 * a, b, 250 * b, c, c)
  local headers = { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. id .. "-" .. n }
  return wrk.format("POST", nil, headers, body)
end
