-- Deletes a pool in steps of at most ARGV[3] numbers (a big pool must not block Redis).
-- Refused while the pool has open sessions. ARGV: 1 prefix, 2 id, 3 batch.
-- Returns {'deleted'} | {'more'} | {'in_use', open} | {'pool_not_found'}.
local id, batch = ARGV[2], tonumber(ARGV[3])
local p = redis.call('HMGET', K_pool(id), 'state', 'open')
if not p[1] then return { 'pool_not_found' } end
local open = tonumber(p[2] or '0')
if open > 0 then
  if p[1] == 'deleting' then redis.call('HSET', K_pool(id), 'state', 'active') end
  return { 'in_use', open }
end
redis.call('HSET', K_pool(id), 'state', 'deleting')
local nums = redis.call('ZRANGE', K_poolNumbers(id), 0, batch - 1)
for _, v in ipairs(nums) do remove_number(v) end
if #nums == batch then return { 'more' } end
redis.call('DEL', K_pool(id), K_poolNumbers(id), K_poolCooloff(id), K_poolCursor(id), K_poolSessions(id),
  K_poolGeneration(id))
redis.call('ZREM', K_pools(), id)
return { 'deleted' }
