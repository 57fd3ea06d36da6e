-- Claims up to ARGV[2] sessions whose head event is due, leasing each for ARGV[3]
-- ms (no other worker takes the session meanwhile; a crashed worker's lease just
-- runs out). Returns {sid, event id, attempts, firstAttemptMs, fields...} per claim;
-- the fields are the outbox entry's, or empty when it has been trimmed away.
local limit, lease = tonumber(ARGV[2]), tonumber(ARGV[3])
local now = now_ms()
local due = redis.call('ZRANGE', K_deliveryReady(), '-inf', now, 'BYSCORE', 'LIMIT', 0, limit)
local out = {}
for _, sid in ipairs(due) do
  local head = redis.call('ZRANGE', K_deliveryQueue(sid), 0, 0)[1]
  if not head then
    redis.call('ZREM', K_deliveryReady(), sid)
    redis.call('ZREM', K_deliveryHeads(), sid)
  else
    redis.call('ZADD', K_deliveryReady(), now + lease, sid)
    local ms, seq = string.match(head, '^(%d+)-(%d+)$')
    local id = tonumber(ms) .. '-' .. tonumber(seq)
    local st = redis.call('HGET', K_deliveryAttempts(), id) or '0|0|'
    local attempts, first = string.match(st, '^(%d+)|(%d+)|')
    local row = redis.call('XRANGE', K_events(), id, id)[1]
    out[#out + 1] = { sid, id, tonumber(attempts), tonumber(first), row and row[2] or {} }
  end
end
return out
