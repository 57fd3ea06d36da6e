-- Writes (part of) a call record and keeps the session's stats in step, atomically
-- (write_call in lib.lua).
-- ARGV: 1 prefix, 2 call id, 3 session id ('' when the call matched none),
--       4 retention ms, 5 event type to emit ('' for none), 6 '1' for the call's
--       first write, 7 write sequence number (0: none), 8 open-call deadline ms
--       (0: none), 9.. field/value pairs. Returns 'ok', or 'dup' for a repeated write.
return write_call(ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], { unpack(ARGV, 9) }, ARGV[6] == '1', nil,
  tonumber(ARGV[7]), tonumber(ARGV[8]))
