-- Records the outcome of a call's recording on its call record and emits
-- recording.ready / recording.failed, atomically. A call has one recording and its
-- first outcome is final: settling it again (same recording id, or none both
-- times) changes nothing and emits nothing.
-- ARGV: 1 prefix, 2 call id, 3 status ('ready'|'failed'), 4 recording id, 5 url,
--       6 duration s, 7 reason ('' = not given, for 4-7).
-- Returns {'ok', event id ('' when the call has no live session)},
-- {'duplicate', status already recorded} or {'err', code}.
local id, status, rid, url, dur, reason = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local k = K_call(id)
local c = redis.call('HMGET', k, 'st', 'sid', 'rs', 'rid')
if not c[1] then return { 'err', 'call_not_found' } end
if c[3] then
  if (c[4] or '') == rid then return { 'duplicate', c[3] } end
  return { 'err', 'recording_conflict' }
end

local fields = { 'rs', status }
local function opt(name, v) if v ~= '' then fields[#fields + 1] = name; fields[#fields + 1] = v end end
opt('rid', rid)
opt('ru', url)
opt('rd', dur)
opt('rr', reason)
-- The record keeps the TTL its call writes gave it.
redis.call('HSET', k, unpack(fields))

local sid = c[2]
if not sid or sid == '' or redis.call('EXISTS', K_session(sid)) == 0 then return { 'ok', '' } end
local function str_or_null(v) if v == '' then return cjson.null end return v end
local ev = emit('recording.' .. status, sid, now_ms(), {
  c = call_body(id),
  rec = { id = str_or_null(rid), st = status, url = str_or_null(url), dur = num_or_null(dur), rsn = str_or_null(reason) },
})
return { 'ok', ev or '' }
