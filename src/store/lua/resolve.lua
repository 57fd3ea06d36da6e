-- Answers "a call from ARGV[2] to virtual number ARGV[3]: which session, and where to?".
-- Read-only. Returns one of:
--   {'ok', sid, mode, a, b, va, vb, rt, tl}    open session (rt/tl: ring timeout, time limit or '');
--                                              the caller works out the direction
--   {'expired'|'closed', sid}                  the (number, caller) pair's last session has ended
--   {'not_in_session'}                         number is virtual, caller is no party on it
--   {'number_not_found'}                       number is in no pool
local from, to = ARGV[2], ARGV[3]

local sid = redis.call('HGET', K_bindings(to), from)
if sid then
  local s = redis.call('HMGET', K_session(sid), 'st', 'ea', 'md', 'a', 'b', 'va', 'vb', 'rt', 'tl')
  if s[1] == 'open' then
    if tonumber(s[2]) > now_ms() then
      return { 'ok', sid, s[3], s[4], s[5], s[6], s[7], s[8] or '', s[9] or '' }
    end
    return { 'expired', sid }
  end
  return { s[1] or 'expired', sid }
end

local last = redis.call('GET', K_tombBinding(to, from))
if last then
  return { redis.call('HGET', K_session(last), 'st') or 'expired', last }
end
if redis.call('EXISTS', K_number(to)) == 0 then return { 'number_not_found' } end
return { 'not_in_session' }
