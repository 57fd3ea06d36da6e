-- Adds numbers to a pool. A number already in any pool counts as a duplicate.
-- ARGV: 1 prefix, 2 pool, then groups of 4: number, country, region, capabilities.
-- Returns {'ok', added, duplicates} or {'err', code}.
local pool = ARGV[2]
local state = redis.call('HGET', K_pool(pool), 'state')
if not state or state == 'deleting' then return { 'err', 'pool_not_found' } end
local now = now_ms()
local added, dups = 0, 0
for i = 3, #ARGV, 4 do
  local v = ARGV[i]
  if redis.call('EXISTS', K_number(v)) == 1 then
    dups = dups + 1
  else
    local idx = redis.call('HINCRBY', K_pool(pool), 'nidx', 1) - 1
    redis.call('HSET', K_number(v), 'pool', pool, 'idx', idx, 'cc', ARGV[i + 1], 'rg', ARGV[i + 2],
      'caps', ARGV[i + 3], 'ok', 1, 'load', 0, 'ca', now)
    redis.call('ZADD', K_poolNumbers(pool), 0, v)
    refresh_number(v, now)
    added = added + 1
  end
end
redis.call('HINCRBY', K_pool(pool), 'nums', added)
redis.call('HINCRBY', K_pool(pool), 'healthy', added)
return { 'ok', added, dups }
