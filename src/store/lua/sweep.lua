-- Expires every open session whose expiresAt has passed (at most ARGV[2] per call).
-- Safe to run from several instances at once: each session is finished exactly once.
-- ARGV: 1 prefix, 2 batch size, 3 retention ms. Returns the ids it expired.
local batch, retention = tonumber(ARGV[2]), tonumber(ARGV[3])
local now = now_ms()
local due = redis.call('ZRANGE', K_expiry(), '-inf', now, 'BYSCORE', 'LIMIT', 0, batch)
local done = {}
for _, sid in ipairs(due) do
  if finish_session(sid, 'expired', now, retention) == 'open' then
    done[#done + 1] = sid
  else
    -- A tombstone or vanished session left in the index: drop it.
    redis.call('ZREM', K_expiry(), sid)
  end
end
return done
