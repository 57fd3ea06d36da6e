-- A call arriving: the routing lookup (resolve_route, the same as GET /v1/resolve)
-- and, when it finds an open session, the call's record and its call.initiated
-- event, in one step (one round trip per call instead of two).
-- ARGV: 1 prefix, 2 caller, 3 virtual number, 4 call id, 5 INVITE received (ms),
--       6 call record retention ms, 7 default ring timeout s, 8 default call time
--       limit s (a session's own values win; together they bound the call's life
--       in the open-calls index). Returns what resolve_route returns.
local from, to = ARGV[2], ARGV[3]
local r = resolve_route(from, to)
if r[1] == 'ok' then
  local sid = r[2]
  local dir = (r[4] == from) and 'first-to-second' or 'second-to-first'
  local life = (tonumber(r[8]) or tonumber(ARGV[7])) + (tonumber(r[9]) or tonumber(ARGV[8]))
  write_call(ARGV[4], sid, tonumber(ARGV[6]), 'call.initiated',
    { 'sid', sid, 'dir', dir, 'vn', to, 'st', ARGV[5], 'state', 'ringing' }, true, nil, 1,
    tonumber(ARGV[5]) + life * 1000 + OPEN_CALL_GRACE_MS)
end
return r
