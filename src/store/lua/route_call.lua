-- A call arriving: the routing lookup (resolve_route, the same as GET /v1/resolve)
-- and, when it finds an open session, the call's record and its call.initiated
-- event, in one step (one round trip per call instead of two).
-- ARGV: 1 prefix, 2 caller, 3 virtual number, 4 call id, 5 INVITE received (ms),
--       6 call record retention ms. Returns what resolve_route returns.
local from, to = ARGV[2], ARGV[3]
local r = resolve_route(from, to)
if r[1] == 'ok' then
  local sid = r[2]
  local dir = (r[4] == from) and 'first-to-second' or 'second-to-first'
  write_call(ARGV[4], sid, tonumber(ARGV[6]), 'call.initiated',
    { 'sid', sid, 'dir', dir, 'vn', to, 'st', ARGV[5], 'state', 'ringing' }, true)
end
return r
