-- Hands outbox entries, in log order, to per-session delivery queues and moves
-- the cursor, atomically. Several instances may call it at once: they take turns,
-- and no entry is skipped or queued twice. Entries marked `nw` (the session's
-- callbackEvents filter excludes them) are passed over: they never enter a queue,
-- so they cannot hold up the session's later events. Keeps the backlog counters
-- (wh:undispatched, wh:pending, wh:heads) in step.
-- ARGV: 1 prefix, 2 batch. Returns how many log entries were read.
local batch = tonumber(ARGV[2])
local cursor = redis.call('GET', K_deliveryCursor()) or '0-0'
local rows = redis.call('XRANGE', K_events(), '(' .. cursor, '+', 'COUNT', batch)
local now = now_ms()
local queued = 0
for _, row in ipairs(rows) do
  local id, f = row[1], row[2]
  local sid, skip
  for i = 1, #f, 2 do
    if f[i] == 's' then sid = f[i + 1] elseif f[i] == 'nw' then skip = true end
  end
  if sid and sid ~= '' and not skip then
    local ms, seq = string.match(id, '^(%d+)-(%d+)$')
    queued = queued + redis.call('ZADD', K_deliveryQueue(sid), 0, string.format('%015d-%06d', tonumber(ms), tonumber(seq)))
    redis.call('ZADD', K_deliveryReady(), 'NX', now, sid)
    redis.call('ZADD', K_deliveryHeads(), 'LT', tonumber(ms), sid)
  end
end
if queued > 0 then redis.call('INCRBY', K_deliveryPending(), queued) end
if #rows > 0 then redis.call('SET', K_deliveryCursor(), rows[#rows][1]) end
-- A short batch read everything up to the log's end: nothing is undispatched now.
-- (An idle poll writes nothing.)
if #rows < batch then
  if redis.call('GET', K_deliveryUndispatched()) ~= '0' then redis.call('SET', K_deliveryUndispatched(), 0) end
else
  redis.call('DECRBY', K_deliveryUndispatched(), #rows)
end
return #rows
