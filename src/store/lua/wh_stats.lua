-- Delivery backlog figures from counters and set sizes: O(1) but for one ZRANGE of
-- the first element (O(log n)), whatever the size of the log or the backlog. Read-only.
-- Returns {pending, sessions waiting, retrying, dead, oldest pending event ms ('' if
-- none), undispatched, now ms}.
local pending = tonumber(redis.call('GET', K_deliveryPending()) or '0')
local waiting = redis.call('ZCARD', K_deliveryHeads())
local retrying = redis.call('HLEN', K_deliveryAttempts())
local dead = redis.call('ZCARD', K_deadLetters())
local oldest = redis.call('ZRANGE', K_deliveryHeads(), 0, 0, 'WITHSCORES')[2] or ''
-- Entries trimmed from the log unread stay counted until dispatch next catches up;
-- never report more than the log holds.
local undispatched = math.min(tonumber(redis.call('GET', K_deliveryUndispatched()) or '0'), redis.call('XLEN', K_events()))
return { math.max(pending, 0), waiting, retrying, dead, oldest, math.max(undispatched, 0), now_ms() }
