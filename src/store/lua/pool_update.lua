-- Changes a pool's description and/or announcements. ARGV: 1 prefix, 2 id,
-- 3 description prefixed with '=' ('' keeps it), 4 announcements JSON
-- ('' keeps them, '-' removes them). Returns 'ok' or 'pool_not_found'.
local id, desc, an = ARGV[2], ARGV[3], ARGV[4]
local state = redis.call('HGET', K_pool(id), 'state')
if not state or state == 'deleting' then return 'pool_not_found' end
if desc ~= '' then redis.call('HSET', K_pool(id), 'desc', string.sub(desc, 2)) end
if an == '-' then redis.call('HDEL', K_pool(id), 'an')
elseif an ~= '' then redis.call('HSET', K_pool(id), 'an', an) end
return 'ok'
