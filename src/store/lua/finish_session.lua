-- Closes a session (ARGV[3] = 'closed'), or expires it if it is due (ARGV[3] = 'expire-if-due').
-- ARGV: 1 prefix, 2 sid, 3 action, 4 retention ms
-- Returns {previous status or '', current status or ''}.
local sid, action, retention = ARGV[2], ARGV[3], tonumber(ARGV[4])
local now = now_ms()
local s = redis.call('HMGET', K_session(sid), 'st', 'ea')
if not s[1] then return { '', '' } end
if s[1] ~= 'open' then return { s[1], s[1] } end
if action == 'closed' then
  finish_session(sid, 'closed', now, retention)
  return { 'open', 'closed' }
end
if tonumber(s[2]) <= now then
  finish_session(sid, 'expired', now, retention)
  return { 'open', 'expired' }
end
return { 'open', 'open' }
