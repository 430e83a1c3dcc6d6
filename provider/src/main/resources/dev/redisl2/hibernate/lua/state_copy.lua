--[[
state_copy.lua - writes one bucket's copy of a region state (Redis Cluster layout only).

KEYS[1]  the copy  <prefix>:<region>:~state:{<bucket tag>}
ARGV[1]  the region state as region.lua returned it: "gen locks lockedUntil invalidatedAt"

Invariants:
  1. A copy only moves to a newer generation. Copies are written by several nodes at once (two
     evictions, a repair racing an eviction), in any order; the newest state wins wherever it lands.
  2. Equal generations mean the same state: region.lua starts a new generation on every change.
  3. One key, one slot: the copy is what the bucket's readers fetch in the same MGET as an entry.
Returns 1 when the copy was written, 0 when it already held that generation, and the copy's own state
when it holds a NEWER generation than the one published: the authoritative state was lost and recreated
behind it (a failover, memory pressure, a node whose clock ran ahead), and the caller must start a
generation past it, or the operation would leave this bucket's old entries current.
--]]

local new = ARGV[1]
local newGen = tonumber(string.match(new, "^(%d+) "))
if not newGen then
  return redis.error_reply("state_copy.lua: malformed state " .. tostring(new))
end
local cur = redis.call("GET", KEYS[1])
if cur then
  local curGen = tonumber(string.match(cur, "^(%d+) "))
  if curGen and curGen > newGen then return cur end
  if curGen and curGen == newGen then return 0 end
end
redis.call("SET", KEYS[1], new)
return 1
