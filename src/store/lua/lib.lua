-- Shared helpers, prepended (after the generated K_* key functions) to every script.
-- Every multi-key change in Masq runs inside one script, so each is atomic.

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Geo buckets of a number or participant, most specific first: 'US:202', 'US', '*'.
local function buckets(cc, rg)
  local b = {}
  if cc and cc ~= '' then
    if rg and rg ~= '' then b[#b + 1] = cc .. ':' .. rg end
    b[#b + 1] = cc
  end
  b[#b + 1] = '*'
  return b
end

-- Puts a number into, or takes it out of, the eligible and idle sets of its buckets,
-- from its current state. Eligible: healthy, not cooling off, not dedicated, not draining.
local function refresh_number(v, now)
  local n = redis.call('HMGET', K_number(v), 'pool', 'idx', 'cc', 'rg', 'ok', 'cool', 'ded', 'load', 'drain')
  local pool = n[1]
  if not pool then return end
  local eligible = n[5] == '1' and tonumber(n[6] or '0') <= now and (n[7] or '') == '' and n[9] ~= '1'
  local idle = eligible and tonumber(n[8] or '0') == 0
  for _, b in ipairs(buckets(n[3], n[4])) do
    if eligible then
      -- A number (re)entering a bucket invalidates "bucket exhausted" markers.
      if redis.call('ZADD', K_poolEligible(pool, b), n[2], v) == 1 then
        redis.call('HINCRBY', K_poolGeneration(pool), b, 1)
      end
    else redis.call('ZREM', K_poolEligible(pool, b), v) end
    if idle then redis.call('ZADD', K_poolIdle(pool, b), n[2], v)
    else redis.call('ZREM', K_poolIdle(pool, b), v) end
  end
end

-- Returns cooled-off numbers of a pool to allocation (bounded work per call).
local function release_cooled(pool, now)
  local due = redis.call('ZRANGE', K_poolCooloff(pool), '-inf', now, 'BYSCORE', 'LIMIT', 0, 100)
  for _, v in ipairs(due) do
    redis.call('ZREM', K_poolCooloff(pool), v)
    refresh_number(v, now)
  end
end

-- Deletes a number and every trace of it in its pool's sets and counters.
local function remove_number(v)
  local n = redis.call('HMGET', K_number(v), 'pool', 'cc', 'rg', 'ok', 'load')
  local pool = n[1]
  if not pool then return end
  for _, b in ipairs(buckets(n[2], n[3])) do
    redis.call('ZREM', K_poolEligible(pool, b), v)
    redis.call('ZREM', K_poolIdle(pool, b), v)
  end
  redis.call('ZREM', K_poolCooloff(pool), v)
  redis.call('ZREM', K_poolNumbers(pool), v)
  redis.call('HINCRBY', K_pool(pool), 'nums', -1)
  if n[4] == '1' then redis.call('HINCRBY', K_pool(pool), 'healthy', -1) end
  if tonumber(n[5] or '0') > 0 then redis.call('HINCRBY', K_pool(pool), 'used', -1) end
  redis.call('DEL', K_number(v), K_bindings(v))
end

-- Binds (number, participant) to a session. Returns true when the number just
-- stopped being idle; the caller then refreshes its set membership.
local function bind(v, p, sid)
  redis.call('HSET', K_bindings(v), p, sid)
  if redis.call('HINCRBY', K_number(v), 'load', 1) == 1 then
    redis.call('HINCRBY', K_pool(redis.call('HGET', K_number(v), 'pool')), 'used', 1)
    return true
  end
  return false
end

-- Frees (number, participant) if it still points at this session. A draining number
-- whose last binding goes is deleted.
local function unbind(v, p, sid)
  if redis.call('HGET', K_bindings(v), p) ~= sid then return end
  redis.call('HDEL', K_bindings(v), p)
  -- The participant is free on v again: its "bucket exhausted" markers for v's buckets go.
  if redis.call('EXISTS', K_participantCursor(p)) == 1 then
    local n = redis.call('HMGET', K_number(v), 'pool', 'cc', 'rg')
    for _, b in ipairs(buckets(n[2], n[3])) do
      redis.call('HDEL', K_participantCursor(p), 'x|' .. tostring(n[1]) .. '|' .. b)
    end
  end
  if redis.call('HINCRBY', K_number(v), 'load', -1) <= 0 then
    local n = redis.call('HMGET', K_number(v), 'pool', 'drain')
    redis.call('HINCRBY', K_pool(n[1]), 'used', -1)
    redis.call('HSET', K_number(v), 'load', 0)
    if n[2] == '1' then
      -- 'used' is already decremented; remove_number sees load 0.
      remove_number(v)
    end
  end
end

local function num_or_null(v)
  if v == false or v == nil or v == '' then return cjson.null end
  return tonumber(v)
end

-- A call record as events carry it, under the record's own short names (see calls.ts).
local function call_body(id)
  local c = redis.call('HMGET', K_call(id), 'dir', 'vn', 'st', 'rg', 'an', 'en', 'dur', 'sts', 'hup', 'rsn', 'state', 'fl', 'flg')
  local body = {
    id = id, dir = (c[1] ~= '' and c[1]) or cjson.null, vn = c[2],
    st = num_or_null(c[3]), rg = num_or_null(c[4]), an = num_or_null(c[5]),
    en = num_or_null(c[6]), dur = num_or_null(c[7]) or 0, sts = num_or_null(c[8]),
    hup = c[9] or cjson.null, rsn = c[10] or cjson.null, state = c[11],
  }
  -- request-a-call only: which participant the first leg rang, which leg failed.
  if c[12] then body.fl = c[12]; body.flg = c[13] or cjson.null end
  return body
end

-- What every event carries about its session, captured when it happens, read
-- with the session's event chain head (`ev`) and webhook filter (`evf`) in one
-- HMGET. Short keys (the session hash's own, see session-codec.ts) keep the
-- outbox small; event-codec.ts spells them out for receivers.
-- `light` (call events): only the parties and their proxy numbers of the session.
-- Returns body, ev, evf; nil when the session is gone.
local function session_snapshot(sid, light)
  local h = redis.call('HMGET', K_session(sid), 'st', 'pl', 'md', 'a', 'b', 'va', 'vb', 'ca', 'ea', 'en', 'ref', 'meta', 'cb', 'ev', 'evf')
  if not h[1] then return nil end
  local body
  if light then
    body = { s = { a = h[4], b = h[5], va = h[6], vb = h[7] } }
  else
    body = { s = { st = h[1], pl = h[2], md = h[3], a = h[4], b = h[5], va = h[6], vb = h[7],
      ca = num_or_null(h[8]), ea = num_or_null(h[9]), en = num_or_null(h[10]) } }
  end
  if h[11] then body.r = h[11] end
  if h[12] then
    local ok, decoded = pcall(cjson.decode, h[12])
    body.m = ok and decoded or h[12]
  end
  if h[13] then body.cb = h[13] end
  return body, h[14], h[15]
end

-- Whether a session's `callbackEvents` filter (its hash's `evf`: event codes,
-- comma-separated; absent = every event) lets webhooks carry this event type.
local function wanted(filter, etype)
  if not filter then return true end
  local code = EVENT_CODE[etype]
  return code ~= nil and string.find(',' .. filter .. ',', ',' .. code .. ',', 1, true) ~= nil
end

-- Appends an event to the outbox in the calling script's atomic step. `extra`
-- adds type-specific fields (e.g. the call). An event the session's filter
-- excludes is still logged, marked `nw` (no webhook) so dispatch never queues it.
-- Returns the event id (stream id), or false when the session is gone.
local function emit(etype, sid, now, extra)
  local body, prev, filter = session_snapshot(sid, extra ~= nil and extra.c ~= nil)
  if not body then return false end
  for k, v in pairs(extra or {}) do body[k] = v end
  local id
  if wanted(filter, etype) then
    id = redis.call('XADD', K_events(), 'MINID', '~', now - EVENT_RETENTION_MS, '*',
      't', etype, 's', sid, 'at', now, 'p', prev or '', 'd', cjson.encode(body))
  else
    id = redis.call('XADD', K_events(), 'MINID', '~', now - EVENT_RETENTION_MS, '*',
      't', etype, 's', sid, 'at', now, 'p', prev or '', 'd', cjson.encode(body), 'nw', '1')
  end
  redis.call('HSET', K_session(sid), 'ev', id)
  redis.call('INCR', K_deliveryUndispatched())
  return id
end

-- Ends an open session: frees its bindings at once, leaves tombstone bindings and a
-- tombstone record for the retention period. Returns the status it had before.
local function finish_session(sid, status, now, retention_ms)
  local k = K_session(sid)
  local s = redis.call('HMGET', k, 'st', 'pl', 'md', 'a', 'b', 'va', 'vb')
  if s[1] ~= 'open' then return s[1] or false end
  local pool, mode, a, b, va, vb = s[2], s[3], s[4], s[5], s[6], s[7]
  unbind(va, a, sid)
  unbind(vb, b, sid)
  if mode == 'dedicated' and redis.call('HGET', K_number(va), 'ded') == sid then
    redis.call('HDEL', K_number(va), 'ded')
  end
  refresh_number(va, now)
  if vb ~= va then refresh_number(vb, now) end
  redis.call('SET', K_tombBinding(va, a), sid, 'PX', retention_ms)
  redis.call('SET', K_tombBinding(vb, b), sid, 'PX', retention_ms)
  redis.call('HSET', k, 'st', status, 'en', now)
  redis.call('PEXPIRE', k, retention_ms)
  redis.call('ZREM', K_expiry(), sid)
  redis.call('HINCRBY', K_pool(pool), 'open', -1)
  emit('session.' .. status, sid, now)
  return 'open'
end

-- The routing lookup: "a call from `from` to virtual number `to`: which session,
-- and where to?". Read-only. Returns one of:
--   {'ok', sid, mode, a, b, va, vb, rt, tl}    open session (rt/tl: ring timeout, time limit or '');
--                                              the caller works out the direction
--   {'expired'|'closed', sid}                  the (number, caller) pair's last session has ended
--   {'not_in_session'}                         number is virtual, caller is no party on it
--   {'number_not_found'}                       number is in no pool
local function resolve_route(from, to)
  local sid = redis.call('HGET', K_bindings(to), from)
  if sid then
    local s = redis.call('HMGET', K_session(sid), 'st', 'ea', 'md', 'a', 'b', 'va', 'vb', 'rt', 'tl', 'pl', 'rec', 'an', 'rch', 'rpo')
    if s[1] == 'open' then
      if tonumber(s[2]) > now_ms() then
        return { 'ok', sid, s[3], s[4], s[5], s[6], s[7], s[8] or '', s[9] or '', s[10] or '', s[11] or '', s[12] or '', s[13] or '', s[14] or '' }
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
end

-- Writes (part of) a call record (`pairs`: field, value, ...) and keeps the
-- session's stats in step. The call's first write (`first`) sets the record's
-- lifetime and counts the call (callCount, lastCallAt); the write that sets the
-- end time (`en`) adds its duration (totalDurationSeconds, lastInteractionAt) and
-- restarts the lifetime from the end. Each once, even if a write is repeated.
-- The first write also puts the call in the recent-calls index (GET /v1/calls).
-- Writes in between (ringing, answered) touch only the record. `etype` ('' for
-- none) goes to the session's outbox in the same step.
-- `seq` (> 0) numbers the call's writes: a write whose number is not above the
-- last applied one is a retry of something Redis already has and changes nothing
-- (returns 'dup'), so writes may be repeated after a timeout or an outage.
-- `deadline` (ms, > 0 on a first write that does not end the call) puts the call
-- in the open-calls index, which a sweep reads to close records whose instance
-- died before writing the end; the write that ends the call takes it out.
local function write_call(id, sid, retention, etype, pairs, first, now, seq, deadline)
  local k = K_call(id)
  if seq and seq > 0 then
    if seq <= tonumber(redis.call('HGET', k, 'ws') or '0') then return 'dup' end
    pairs[#pairs + 1] = 'ws'
    pairs[#pairs + 1] = seq
  end
  redis.call('HSET', k, unpack(pairs))
  local started, ended
  for i = 1, #pairs - 1, 2 do
    if pairs[i] == 'st' then started = pairs[i + 1] elseif pairs[i] == 'en' then ended = pairs[i + 1] end
  end
  if first or ended then redis.call('PEXPIRE', k, retention)
  -- A record whose first write was lost (a Redis blip) still gets a lifetime.
  else redis.call('PEXPIRE', k, retention, 'NX') end
  if ended then
    redis.call('ZREM', K_openCalls(), id)
    -- A request-a-call that ends lets the session take the next one.
    if sid ~= '' and redis.call('HGET', k, 'fl') and redis.call('GET', K_sessionRequested(sid)) == id then
      redis.call('DEL', K_sessionRequested(sid))
    end
    if redis.call('HGET', k, 'lv') then
      redis.call('SREM', K_sessionLive(sid), id)
      redis.call('SREM', K_numberLive(redis.call('HGET', k, 'vn')), id)
      redis.call('HDEL', k, 'lv')
    end
  elseif first and deadline and deadline > 0 then redis.call('ZADD', K_openCalls(), deadline, id) end
  if first then
    -- The recent-calls index (GET /v1/calls): ids sort by start, so score 0 and
    -- lex order. Beyond the cap the oldest go a thousand at a time: one removal
    -- per thousand calls rather than one per call on the call path.
    redis.call('ZADD', K_recentCalls(), 0, id)
    local over = redis.call('ZCARD', K_recentCalls()) - RECENT_CALLS_KEPT
    if over >= RECENT_CALLS_TRIM then redis.call('ZREMRANGEBYRANK', K_recentCalls(), 0, over - 1) end
  end
  if sid == '' then return 'ok' end
  local s = K_session(sid)
  if first and redis.call('HSETNX', k, 'counted', '1') == 1 then
    redis.call('ZADD', K_sessionCalls(sid), 0, id)
    redis.call('PEXPIRE', K_sessionCalls(sid), retention)
    if redis.call('EXISTS', s) == 1 then
      redis.call('HINCRBY', s, 'cc', 1)
      redis.call('HSET', s, 'lc', started or redis.call('HGET', k, 'st'))
    end
  end
  if ended and redis.call('HSETNX', k, 'summed', '1') == 1 and redis.call('EXISTS', s) == 1 then
    redis.call('HINCRBY', s, 'td', tonumber(redis.call('HGET', k, 'dur') or '0'))
    redis.call('HSET', s, 'li', ended)
  end
  -- emit() itself skips a session that is gone.
  if etype ~= '' then emit(etype, sid, now or now_ms(), { c = call_body(id) }) end
  return 'ok'
end
