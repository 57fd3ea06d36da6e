-- A session's events, newest first, following the chain from its hash's `ev`
-- field back through each entry's `p`. Read-only. ARGV: 1 prefix, 2 sid, 3 limit.
local id = redis.call('HGET', K_session(ARGV[2]), 'ev')
local limit = tonumber(ARGV[3])
local out = {}
while id and id ~= '' and #out < limit do
  local row = redis.call('XRANGE', K_events(), id, id)[1]
  if not row then break end
  out[#out + 1] = row
  id = nil
  for i = 1, #row[2], 2 do
    if row[2][i] == 'p' then id = row[2][i + 1] end
  end
end
return out
