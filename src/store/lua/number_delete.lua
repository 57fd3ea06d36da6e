-- Removes a number from a pool. A bound number is refused, or with drain = '1' taken
-- out of allocation and deleted when its last binding goes.
-- ARGV: 1 prefix, 2 pool, 3 number, 4 drain ('1'|'0').
-- Returns {'deleted'} | {'draining', bindings} | {'in_use', bindings} | {'number_not_found'}.
local pool, v, drain = ARGV[2], ARGV[3], ARGV[4]
local cur = redis.call('HMGET', K_number(v), 'pool', 'load', 'ded')
if cur[1] ~= pool then return { 'number_not_found' } end
local load = tonumber(cur[2] or '0')
if load == 0 then
  remove_number(v)
  return { 'deleted' }
end
if drain ~= '1' then return { 'in_use', load } end
redis.call('HSET', K_number(v), 'drain', 1)
refresh_number(v, now_ms())
return { 'draining', load }
