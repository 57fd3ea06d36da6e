-- Closes the records of calls that outlived every limit without an end being
-- written: the instance that handled them died (crash, kill -9) or lost its
-- queued writes. Each is marked ended by the sweep (hungUpBy masq, endReason
-- 'ended-by-sweep', duration 0: the real one is unknown) and its call.completed
-- or call.failed event is emitted, so nothing stays open forever. Later writes
-- for the call are ignored (its write sequence is closed). Safe in several
-- instances at once: a record that already has its end is only unindexed.
-- ARGV: 1 prefix, 2 batch size, 3 retention ms (calls of a session),
--       4 retention ms (calls that matched none). Returns the ids it closed.
local batch, retention, unmatched = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local now = now_ms()
local due = redis.call('ZRANGE', K_openCalls(), '-inf', now, 'BYSCORE', 'LIMIT', 0, batch)
local closed = {}
for _, id in ipairs(due) do
  local c = redis.call('HMGET', K_call(id), 'sid', 'an', 'en', 'state')
  if c[3] or not c[4] then
    redis.call('ZREM', K_openCalls(), id)
  else
    local sid = c[1] or ''
    local answered = c[2] and true or false
    write_call(id, sid, sid == '' and unmatched or retention, answered and 'call.completed' or 'call.failed',
      { 'state', answered and 'completed' or 'failed', 'en', now, 'dur', 0, 'hup', 'masq', 'rsn', 'ended-by-sweep',
        'ws', 2147483647 }, false, now, 0, 0)
    closed[#closed + 1] = id
  end
end
return closed
