-- GET /v1/resolve: the routing lookup (resolve_route in lib.lua), read-only.
-- ARGV: 1 prefix, 2 caller, 3 virtual number.
return resolve_route(ARGV[2], ARGV[3])
