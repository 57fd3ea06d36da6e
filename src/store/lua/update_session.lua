-- Changes an open session's TTL and options.
-- ARGV: 1 prefix, 2 sid, 3 new ttl ms counted from creation ('' = keep), 4 index ttl ms,
--       5 number of field/value pairs to set (n), 6.. pairs, then field names to delete. A TTL that puts expiresAt in the past expires the session
--       at the next sweep.
-- Returns {'ok'} or {'err', code}.
local sid, ttl, index_ttl, n = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local k = K_session(sid)
local s = redis.call('HMGET', k, 'st', 'ea', 'ca', 'ref', 'pl')
if not s[1] then return { 'err', 'session_not_found' } end
local now = now_ms()
if s[1] ~= 'open' then return { 'err', 'session_' .. s[1] } end
if tonumber(s[2]) <= now then return { 'err', 'session_expired' } end

if ttl ~= '' then
  local expires = tonumber(s[3]) + tonumber(ttl)
  redis.call('HSET', k, 'ea', expires)
  redis.call('ZADD', K_expiry(), expires, sid)
end

local old_ref = s[4]
local first_del = 6 + 2 * n
if n > 0 then redis.call('HSET', k, unpack(ARGV, 6, first_del - 1)) end
if #ARGV >= first_del then redis.call('HDEL', k, unpack(ARGV, first_del)) end

local new_ref = redis.call('HGET', k, 'ref')
if new_ref ~= old_ref then
  if old_ref then redis.call('ZREM', K_refSessions(string.sub(redis.sha1hex(old_ref), 1, 16)), sid) end
  if new_ref then
    local ix = K_refSessions(string.sub(redis.sha1hex(new_ref), 1, 16))
    redis.call('ZADD', ix, 0, sid)
    redis.call('PEXPIRE', ix, index_ttl)
  end
end
redis.call('HSET', k, 'up', now)
emit('session.updated', sid, now)
return { 'ok' }
