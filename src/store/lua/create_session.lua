-- Allocates virtual number(s), creates the session and binds both participants,
-- in one atomic step. Invariant kept: at most one open session per (number, participant).
--
-- ARGV: 1 prefix, 2 sid, 3 pool, 4 mode (shared|dedicated|per-participant), 5 a, 6 b,
--       7 bucket order for a's (or the shared) number, 8 bucket order for b's own number
--       (comma-separated; '' unless per-participant; see allocation-policy.ts),
--       9 ttl ms, 10 trim-before id (lex), 11 index ttl ms, 12 cursor ttl ms,
--       13.. session field/value pairs
-- Returns {'ok', va, vb, createdAt, expiresAt} or {'err', code}.

local sid, pool, mode, a, b = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local ttl_ms, trim_before = tonumber(ARGV[9]), ARGV[10]
local index_ttl, cursor_ttl = tonumber(ARGV[11]), tonumber(ARGV[12])

local function split(csv)
  local out = {}
  for part in string.gmatch(csv, '[^,]+') do out[#out + 1] = part end
  return out
end
local order_a, order_b = split(ARGV[7]), split(ARGV[8])

local state = redis.call('HGET', K_pool(pool), 'state')
if not state or state == 'deleting' then return { 'err', 'pool_not_found' } end
if a == b then return { 'err', 'same_party' } end

local now = now_ms()
release_cooled(pool, now)

-- A participant with many sessions has a cursor hash; light ones have none and pay
-- nothing for the checks below.
local has_cursor = {}
local function heavy(p)
  if has_cursor[p] == nil then has_cursor[p] = redis.call('EXISTS', K_participantCursor(p)) == 1 end
  return has_cursor[p]
end

-- Where a walk starts: a heavy participant's own cursor (its older bindings lie
-- behind it, freed ones ahead), else the bucket's round-robin cursor.
local function start_after(bk, starters)
  for _, p in ipairs(starters) do
    if heavy(p) then
      local c = redis.call('HGET', K_participantCursor(p), pool)
      if c then return c end
    end
  end
  return redis.call('HGET', K_poolCursor(pool), bk) or -1
end

-- Visits the bucket set's members with index > after, then wraps to <= after, and
-- returns the first one accept() takes. Cost is bounded by the members it rejects,
-- i.e. by the parties' own bindings, never by the pool size. Also returns how many
-- members it visited.
local function walk(set_key, after, accept)
  local visited = 0
  local ranges = { { '(' .. after, '+inf' }, { '-inf', after } }
  for _, r in ipairs(ranges) do
    local lo = r[1]
    while true do
      local chunk = redis.call('ZRANGE', set_key, lo, r[2], 'BYSCORE', 'LIMIT', 0, 32, 'WITHSCORES')
      for i = 1, #chunk, 2 do
        visited = visited + 1
        if accept(chunk[i]) then return chunk[i], chunk[i + 1], visited end
      end
      if #chunk < 64 then break end
      lo = '(' .. chunk[#chunk]
    end
  end
  return nil, nil, visited
end

-- Rejections per party in the current walk; a party that caused every rejection of
-- a failed walk is bound on the whole bucket.
local rejected, collided = {}, {}
local function free_for(p, v)
  if redis.call('HEXISTS', K_bindings(v), p) == 1 then
    rejected[p] = (rejected[p] or 0) + 1
    collided[p] = true
    return false
  end
  return true
end

local function marker(bk) return 'x|' .. pool .. '|' .. bk end

local function pick(kind, order, parties, accept)
  for _, bk in ipairs(order) do
    local gen = nil
    local skip = false
    if kind == 'eligible' then
      for _, p in ipairs(parties) do
        if heavy(p) then
          gen = gen or (redis.call('HGET', K_poolGeneration(pool), bk) or '0')
          if redis.call('HGET', K_participantCursor(p), marker(bk)) == gen then skip = true end
        end
      end
    end
    if not skip then
      rejected = {}
      local set_key = (kind == 'idle') and K_poolIdle(pool, bk) or K_poolEligible(pool, bk)
      local v, idx, visited = walk(set_key, start_after(bk, parties), accept)
      if v then
        redis.call('HSET', K_poolCursor(pool), bk, idx)
        return v, idx
      end
      for _, p in ipairs(parties) do
        if visited > 0 and rejected[p] == visited then
          gen = gen or (redis.call('HGET', K_poolGeneration(pool), bk) or '0')
          redis.call('HSET', K_participantCursor(p), marker(bk), gen)
          redis.call('PEXPIRE', K_participantCursor(p), cursor_ttl)
          has_cursor[p] = true
        end
      end
    end
  end
  return nil
end

local function remember_cursor(p, idx)
  if collided[p] or heavy(p) then
    redis.call('HSET', K_participantCursor(p), pool, idx)
    redis.call('PEXPIRE', K_participantCursor(p), cursor_ttl)
  end
end

local va, vb, ia, ib
if mode == 'shared' then
  va, ia = pick('eligible', order_a, { a, b }, function(v) return free_for(a, v) and free_for(b, v) end)
  vb, ib = va, ia
elseif mode == 'dedicated' then
  va, ia = pick('idle', order_a, {}, function() return true end)
  vb, ib = va, ia
else
  va, ia = pick('eligible', order_a, { a }, function(v) return free_for(a, v) end)
  if va then
    vb, ib = pick('eligible', order_b, { b }, function(v) return v ~= va and free_for(b, v) end)
  end
end
if not va or not vb then return { 'err', 'pool_exhausted' } end

remember_cursor(a, ia)
remember_cursor(b, ib)
-- A number's set membership changes only when it stops being idle or gets dedicated.
local changed_a = bind(va, a, sid)
local changed_b = bind(vb, b, sid)
if mode == 'dedicated' then
  redis.call('HSET', K_number(va), 'ded', sid)
  changed_a = true
end
if changed_a or (vb == va and changed_b) then refresh_number(va, now) end
if vb ~= va and changed_b then refresh_number(vb, now) end

local expires = now + ttl_ms
local k = K_session(sid)
redis.call('HSET', k, 'pl', pool, 'md', mode, 'a', a, 'b', b, 'va', va, 'vb', vb,
  'st', 'open', 'ca', now, 'ea', expires)
if #ARGV >= 14 then redis.call('HSET', k, unpack(ARGV, 13)) end
redis.call('ZADD', K_expiry(), expires, sid)
redis.call('HINCRBY', K_pool(pool), 'open', 1)

-- Listing indexes: the pool's stream (trimmed by age), the parties' and the
-- reference's small sets (expiring when idle; old ids trimmed on about one create
-- in 32 — ids are random in their last character — which keeps them bounded).
redis.call('XADD', K_poolSessions(pool), 'MINID', '~', now - index_ttl, '*', 's', sid)
local ref = redis.call('HGET', k, 'ref')
local indexes = { K_participantSessions(a), K_participantSessions(b) }
if ref then indexes[#indexes + 1] = K_refSessions(string.sub(redis.sha1hex(ref), 1, 16)) end
local trim = string.sub(sid, -1) == '0'
for _, ix in ipairs(indexes) do
  redis.call('ZADD', ix, 0, sid)
  if trim then redis.call('ZREMRANGEBYLEX', ix, '-', '(' .. trim_before) end
  redis.call('PEXPIRE', ix, index_ttl)
end

emit('session.created', sid, now)
return { 'ok', va, vb, tostring(now), tostring(expires) }
