-- Puts a dead-lettered event back at the head of its session's queue, attempts reset.
-- ARGV: 1 prefix, 2 event id. Returns 'ok' or 'not_found'.
local id = ARGV[2]
local info = redis.call('HGET', K_deadLetterInfo(), id)
if not info then return 'not_found' end
local sid = cjson.decode(info).sessionId
local ms, seq = string.match(id, '^(%d+)-(%d+)$')
local added = redis.call('ZADD', K_deliveryQueue(sid), 0, string.format('%015d-%06d', tonumber(ms), tonumber(seq)))
if added > 0 then redis.call('INCRBY', K_deliveryPending(), added) end
redis.call('ZADD', K_deliveryReady(), now_ms(), sid)
redis.call('ZADD', K_deliveryHeads(), 'LT', tonumber(ms), sid)
redis.call('ZREM', K_deadLetters(), id)
redis.call('HDEL', K_deadLetterInfo(), id)
return 'ok'
