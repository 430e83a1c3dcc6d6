--[[
timestamps.lua - the update timestamp of one query space (table), shared by all nodes.

KEYS[1]  the space's key  <prefix>:<timestamps region>:{<space>}, a hash:
           c            the last invalidation (a commit that changed the table)
           p:<session>  a pending pre-invalidation: a transaction is changing the table until this deadline
ARGV[1]  operation: pre | inv | get
ARGV[2]  session id (the transaction's owner)                            (pre, inv)
ARGV[3]  timestamp: for pre the deadline (now + lock timeout), for inv now  (pre, inv)
ARGV[4]  unused (was the key's TTL; see invariant 5)                      (pre, inv)

get returns the hash as HGETALL does, or - when the key is absent - Redis's evicted_keys count
(INFO stats; -1 when INFO is not allowed), so that the caller can tell "never changed" from "the
timestamp was evicted" (invariant 4).

Readers take the maximum of all fields (HGETALL): a query result cached at t is stale when that maximum
is >= t. Invariants:
  1. One transaction's invalidation never lowers another's pending pre-invalidation, so a table being
     changed on node A stays "changing" for every node until A's own invalidation (not B's).
  2. The committed value c never decreases, whatever the order in which nodes' invalidations arrive.
  3. Pending entries whose deadline passed are folded into c, so a crashed transaction's marker
     neither lingers nor lowers the effective timestamp.
  4. An absent key under maxmemory eviction may be a lost timestamp: get reports the eviction count
     with the absence, and the caller treats the table as changed when evictions happened.
  5. A space's key never expires. A query result computed from an old snapshot (REPEATABLE READ) can be
     put long after the change it missed, and would outlive any TTL counted from that change; then an
     expired key would read as "never changed". One small hash per table that was ever written is the
     whole cost (a volatile-* maxmemory policy never evicts it; under allkeys-* invariant 4 applies).
--]]

local key = KEYS[1]
local op = ARGV[1]

if op == "get" then
  local all = redis.call("HGETALL", key)
  if #all > 0 then return all end
  local info = redis.pcall("INFO", "stats")
  if type(info) ~= "string" then return -1 end
  return tonumber(string.match(info, "evicted_keys:(%d+)") or "-1")
end

local field = "p:" .. ARGV[2]
local ts = tonumber(ARGV[3])

if op == "pre" then
  redis.call("HSET", key, field, ARGV[3])
elseif op == "inv" then
  redis.call("HDEL", key, field)
  local c = tonumber(redis.call("HGET", key, "c") or "0")
  c = math.max(c, ts)
  local all = redis.call("HGETALL", key)
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 2) == "p:" and tonumber(all[i + 1]) < ts then
      c = math.max(c, tonumber(all[i + 1]))
      redis.call("HDEL", key, all[i])
    end
  end
  redis.call("HSET", key, "c", string.format("%d", c))
else
  return redis.error_reply("timestamps.lua: unknown operation " .. tostring(op))
end
-- invariant 5: no TTL (ARGV[4] is ignored; PERSIST also clears one an older provider version set)
redis.call("PERSIST", key)
return 1
