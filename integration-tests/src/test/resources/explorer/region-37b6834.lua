--[[
region.lua - a region's generation and bulk-lock state, changed atomically on one key.

KEYS[1]  the region state key  <prefix>:<region>:~state
ARGV[1]  operation: init | evict | lock | unlock
ARGV[2]  now (µs of Redis time, as every node's shared clock reads it)
ARGV[3]  lock timeout (µs), for lock

State: "gen locks lockedUntil invalidatedAt"
  gen            entries written under another generation are misses; every change makes a new one
  locks          bulk operations (HQL/native update or delete) in flight on this region
  lockedUntil    when the newest of them stops blocking puts, should its owner never unlock
  invalidatedAt  when the region was last emptied; a load must have begun after it to be cached

Invariants:
  1. gen only grows, and is at least now: a region state lost to eviction or FLUSHALL and recreated
     by init can never revive entries of an earlier generation.
  2. evict, lock and unlock each start a new generation, so no node serves an entry written before
     them, whatever it remembered about the region.
  3. unlock moves invalidatedAt to now: a load that read the database before the bulk update
     committed cannot be cached afterwards.
Returns the state after the operation.
--]]

local key = KEYS[1]
local op = ARGV[1]
local now = tonumber(ARGV[2])

local raw = redis.call("GET", key)
local gen, locks, lockedUntil, invalidatedAt = 0, 0, 0, 0
if raw then
  local f = {}
  for word in string.gmatch(raw, "%S+") do f[#f + 1] = tonumber(word) end
  if #f == 4 and f[1] and f[2] and f[3] and f[4] then
    gen, locks, lockedUntil, invalidatedAt = f[1], f[2], f[3], f[4]
  else
    raw = nil
  end
end

local function nextGen()
  gen = math.max(gen + 1, now)
end

if op == "init" then
  if raw then return raw end
  nextGen()
  invalidatedAt = now
elseif op == "evict" then
  nextGen()
  invalidatedAt = math.max(invalidatedAt, now)
elseif op == "lock" then
  nextGen()
  if lockedUntil < now then locks = 0 end -- expired locks of owners that never came back
  locks = locks + 1
  lockedUntil = math.max(lockedUntil, now + tonumber(ARGV[3]))
elseif op == "unlock" then
  nextGen()
  locks = math.max(locks - 1, 0)
  if locks == 0 then lockedUntil = 0 end
  invalidatedAt = math.max(invalidatedAt, now)
else
  return redis.error_reply("region.lua: unknown operation " .. tostring(op))
end

local state = string.format("%d %d %d %d", gen, locks, lockedUntil, invalidatedAt)
redis.call("SET", key, state)
return state
