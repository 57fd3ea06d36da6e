-- Creates a pool. ARGV: 1 prefix, 2 id, 3 description. Returns 'ok' or 'exists'.
local id, desc = ARGV[2], ARGV[3]
if redis.call('EXISTS', K_pool(id)) == 1 then return 'exists' end
redis.call('HSET', K_pool(id), 'id', id, 'desc', desc, 'ca', now_ms(), 'state', 'active',
  'nidx', 0, 'nums', 0, 'healthy', 0, 'used', 0, 'open', 0)
redis.call('ZADD', K_pools(), 0, id)
return 'ok'
