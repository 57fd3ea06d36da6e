-- Writes (part of) a call record and keeps the session's stats in step, atomically.
-- ARGV: 1 prefix, 2 call id, 3 session id ('' when the call matched none),
--       4 retention ms, 5 event type to emit ('' for none), 6.. field/value pairs.
-- The first write counts the call (callCount, lastCallAt); the write that sets the
-- end time adds its duration (totalDurationSeconds, lastInteractionAt). Each once.
local id, sid, retention, etype = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local k = K_call(id)
redis.call('HSET', k, unpack(ARGV, 6))
redis.call('PEXPIRE', k, retention)
if sid == '' then return 'ok' end

local s = K_session(sid)
local alive = redis.call('EXISTS', s) == 1
if redis.call('HSETNX', k, 'counted', '1') == 1 then
  redis.call('ZADD', K_sessionCalls(sid), 0, id)
  redis.call('PEXPIRE', K_sessionCalls(sid), retention)
  if alive then
    redis.call('HINCRBY', s, 'cc', 1)
    redis.call('HSET', s, 'lc', redis.call('HGET', k, 'st'))
  end
end
local ended = redis.call('HGET', k, 'en')
if ended and redis.call('HSETNX', k, 'summed', '1') == 1 and alive then
  redis.call('HINCRBY', s, 'td', tonumber(redis.call('HGET', k, 'dur') or '0'))
  redis.call('HSET', s, 'li', ended)
end
if etype ~= '' and alive then
  emit(etype, sid, now_ms(), { c = call_body(id) })
end
return 'ok'
