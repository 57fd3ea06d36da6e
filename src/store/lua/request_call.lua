-- A request-a-call starting. The session must be open and have no other
-- request-a-call in progress: its lock (K_sessionRequested) holds the call's id
-- until the write that ends the call deletes it, or the call's longest life
-- passes. Then the call's record (state initiated) and its call.initiated event,
-- in the same step: the record exists from the moment the API answers.
-- ARGV: 1 prefix, 2 session id, 3 call id, 4 now ms, 5 record retention ms,
--       6 the participant rung first (firstParty / secondParty), 7 the virtual
--       number that leg sees, 8 the call's open-call deadline ms.
-- Returns 'ok', 'not_found', 'closed', 'expired' or 'busy'.
local sid, id, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
local deadline = tonumber(ARGV[8])
local s = redis.call('HMGET', K_session(sid), 'st', 'ea')
if not s[1] then return 'not_found' end
if s[1] ~= 'open' then return s[1] end
if tonumber(s[2]) <= now then return 'expired' end
if not redis.call('SET', K_sessionRequested(sid), id, 'NX', 'PX', math.max(1000, deadline - now)) then return 'busy' end
write_call(id, sid, tonumber(ARGV[5]), 'call.initiated',
  { 'sid', sid, 'dir', 'request-a-call', 'vn', ARGV[7], 'st', ARGV[4], 'state', 'initiated', 'fl', ARGV[6] }, true, now, 1, deadline)
return 'ok'
