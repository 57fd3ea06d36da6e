-- A call arriving: the routing lookup (resolve_route, the same as GET /v1/resolve)
-- and, when it finds an open session, the call's record and its call.initiated
-- event, in one step (one round trip per call instead of two).
-- ARGV: 1 prefix, 2 caller, 3 virtual number, 4 call id, 5 INVITE received (ms),
--       6 call record retention ms, 7 default ring timeout s, 8 default call time
--       limit s (a session's own values win; together they bound the call's life
--       in the open-calls index), 9 most calls at once per session, 10 per
--       virtual number (0: no limit; counted across instances in the live sets).
-- Returns what resolve_route returns, or { 'busy', sid, 'session'|'number' }.
local from, to = ARGV[2], ARGV[3]
local r = resolve_route(from, to)
if r[1] == 'ok' then
  local sid = r[2]
  local per_session, per_number = tonumber(ARGV[9]) or 0, tonumber(ARGV[10]) or 0
  if per_session > 0 and redis.call('SCARD', K_sessionLive(sid)) >= per_session then return { 'busy', sid, 'session' } end
  if per_number > 0 and redis.call('SCARD', K_numberLive(to)) >= per_number then return { 'busy', sid, 'number' } end
  local dir = (r[4] == from) and 'first-to-second' or 'second-to-first'
  local life = (tonumber(r[8]) or tonumber(ARGV[7])) + (tonumber(r[9]) or tonumber(ARGV[8]))
  write_call(ARGV[4], sid, tonumber(ARGV[6]), 'call.initiated',
    { 'sid', sid, 'dir', dir, 'vn', to, 'st', ARGV[5], 'state', 'ringing' }, true, nil, 1,
    tonumber(ARGV[5]) + life * 1000 + OPEN_CALL_GRACE_MS)
  if per_session > 0 or per_number > 0 then
    -- Counted live until the write that ends the call (or the open-call sweep) takes it out.
    redis.call('SADD', K_sessionLive(sid), ARGV[4])
    redis.call('SADD', K_numberLive(to), ARGV[4])
    redis.call('HSET', K_call(ARGV[4]), 'lv', '1')
  end
end
return r
