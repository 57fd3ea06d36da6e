-- Changes a number's health and cool-off.
-- ARGV: 1 prefix, 2 pool, 3 number, 4 healthy ('' keep, '1', '0'),
--       5 cool-off end ms ('' keep, '0' clear, else ms). Returns 'ok' or 'number_not_found'.
local pool, v, healthy, cool = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local cur = redis.call('HMGET', K_number(v), 'pool', 'ok')
if cur[1] ~= pool then return 'number_not_found' end
local now = now_ms()
if healthy ~= '' and healthy ~= cur[2] then
  redis.call('HSET', K_number(v), 'ok', healthy)
  redis.call('HINCRBY', K_pool(pool), 'healthy', healthy == '1' and 1 or -1)
end
if cool ~= '' then
  if tonumber(cool) > now then
    redis.call('HSET', K_number(v), 'cool', cool)
    redis.call('ZADD', K_poolCooloff(pool), cool, v)
  else
    redis.call('HDEL', K_number(v), 'cool')
    redis.call('ZREM', K_poolCooloff(pool), v)
  end
end
refresh_number(v, now)
return 'ok'
