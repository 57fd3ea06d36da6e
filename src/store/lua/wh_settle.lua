-- Settles a claimed head event: delivered ('ok'), to retry at ARGV[5] ('retry'), or
-- given up ('dead'). The session is then due again at once for its next event.
-- ARGV: 1 prefix, 2 sid, 3 event id, 4 outcome, 5 next attempt ms, 6 first attempt ms,
--       7 last error.
local sid, id, outcome, next_at, first, err = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[7]
local now = now_ms()
local ms, seq = string.match(id, '^(%d+)-(%d+)$')
local member = string.format('%015d-%06d', tonumber(ms), tonumber(seq))
if redis.call('ZSCORE', K_deliveryQueue(sid), member) == false then return 'gone' end
if outcome == 'retry' then
  local st = redis.call('HGET', K_deliveryAttempts(), id) or '0|0|'
  local attempts = tonumber(string.match(st, '^(%d+)|')) + 1
  redis.call('HSET', K_deliveryAttempts(), id, attempts .. '|' .. first .. '|' .. err)
  redis.call('ZADD', K_deliveryReady(), next_at, sid)
  return 'retry'
end
redis.call('ZREM', K_deliveryQueue(sid), member)
redis.call('DECR', K_deliveryPending())
if outcome == 'dead' then
  local st = redis.call('HGET', K_deliveryAttempts(), id) or '0|0|'
  local attempts = tonumber(string.match(st, '^(%d+)|')) + 1
  redis.call('ZADD', K_deadLetters(), now, id)
  redis.call('HSET', K_deadLetterInfo(), id, cjson.encode({ sessionId = sid, attempts = attempts, lastError = err, deadAt = now }))
end
redis.call('HDEL', K_deliveryAttempts(), id)
local head = redis.call('ZRANGE', K_deliveryQueue(sid), 0, 0)[1]
if head then
  redis.call('ZADD', K_deliveryReady(), now, sid)
  redis.call('ZADD', K_deliveryHeads(), tonumber(string.match(head, '^(%d+)-')), sid)
else
  redis.call('ZREM', K_deliveryReady(), sid)
  redis.call('ZREM', K_deliveryHeads(), sid)
end
return outcome
