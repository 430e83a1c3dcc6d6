--[[
entry.lua - every state change of one second-level cache entry, as one atomic step on one key.

KEYS[1]  the entry key  <prefix>:<region>:{<entry id>}
ARGV[1]  the operation; the remaining ARGV depend on it:

  put          putFromLoad: cache a value read from the database
               ARGV: gen txTs version fingerprint ttlMs evicted since value
               (evicted, since: this node's eviction count and when it learnt it; see invariant 7)
               returns 1 written, 0 refused, {"evicted", count} when Redis evicted keys since the node
               last looked, or {-2, current} when only Java can compare the versions
  putif        the compare-and-set that follows such a reply: write if the entry still starts with
               the header that was judged
               ARGV: expectedHeader ttlMs value
  insert       afterInsert: cache a new row if nothing is cached for it
               ARGV: gen ttlMs value
  lock         lockItem: take (or join) the soft lock before a write
               ARGV: gen timeout owner lockId version ttlMs
  unlock       unlockItem: release our hold of the lock
               ARGV: owner lockId now timeout ttlMs gen
  update       afterUpdate: replace our lock by the committed value, or release it if others hold it too
               ARGV: owner lockId now timeout ttlMs gen value
  tomb         a tombstone after a change (read-only, nonstrict): loads that began before ts stay out
               ARGV: gen ts ttlMs
  claim        single-flight: on a miss, mark the entry as being loaded by the caller
               ARGV: gen txTs token ttlMs evicted since (as for put)
               returns 1 (the caller loads; the marker "F gen ts token" lives ttlMs), 0 (another
               caller's marker is there: wait for its put), {1, value} (a current value is there
               now) or -1 (nothing to coordinate: a lock, tombstone or value guards the key, or Redis
               evicted keys since the caller looked, see invariant 7)
  remove       remove outside a lock, or evict one entry: drop it unless a lock or tombstone guards it
               ARGV: (none)
  drop         delete an entry a reader could not decode, unless it changed since it was read
               ARGV: sha1 (hex) of the value as read

Entry formats (header line, fields separated by one space; see StoredEntry.java):
  V gen ts version fingerprint \n payload
  L gen timeout version owner lockId multiplicity unlockTs concurrent
  T gen ts
  N gen ts
Timestamps and generations are microseconds of Redis time (< 2^53, exact as Lua numbers).
Versions are "-" (none), "?<text>" (only the entity's Java comparator can order them: the put is
decided in Java and completed by putif) or decimal integers of any length, compared as text.

Invariants:
  1. A value is written over a live lock never: a lock (multiplicity > 0, timeout not passed) blocks puts.
  2. A load may overwrite a value only with a strictly newer version; an unversioned cached value is
     never overwritten by a load (every change first replaces it by a lock or tombstone).
  3. A released lock or tombstone admits only loads that began after it (txTs > unlockTs / ts), or,
     for versioned data, carry a newer version than the one locked.
  4. A value from an older region generation is as good as absent; a newer one means the caller's view
     of the region is stale, so it does not write.
  5. An unlock that finds someone else's live lock leaves it in place: it can only make blocking stronger.
  6. A joined lock carries the newest version its holders started from (see lock).
  7. An absent key may be a lock or tombstone that maxmemory evicted. A load fills it only if Redis's
     evicted_keys (INFO stats) still equals the caller's count and the load began after the caller
     learnt that count; otherwise the put is refused with {"evicted", count} so the caller learns it.
     When INFO is not available to this user, eviction cannot be detected and the rule is skipped.
     A corrupt or foreign value is not absent: nobody wrote it as a marker, so a load replaces it.
  8. A value that is unusable to the caller (older generation, other shape) is replaced only by a load
     that began after it was written. Such a value can have replaced a released lock (written by a node
     that did not know the region's newest generation yet); treating it as absent would let a load that
     read the row before the lock's release put it back.
  9. Timestamps a lock or tombstone carries only move forward. A release is stamped by its caller before
     the call reaches Redis, and calls from several holders can arrive in any order: the stamp of the
     last decrement may be older than another holder's release (and commit). So a lock's unlockTs is the
     newest stamp of all its releases, its timeout the latest one any holder asked for, and a late
     release never moves a released lock's stamps back.
  10. A load-in-flight marker (F) is written only where no key exists, and every other operation
     treats it as absent: it never hides a lock, tombstone or value, and a put replaces it as it would
     fill the absent key (the eviction check of invariant 7 was made when the marker was written).
--]]

local key = KEYS[1]
local op = ARGV[1]

local function fields(raw)
  if not raw then return nil end
  local nl = string.find(raw, "\n", 1, true)
  local header = nl and string.sub(raw, 1, nl - 1) or raw
  local f = {}
  for word in string.gmatch(header, "%S+") do f[#f + 1] = word end
  local kind = f[1]
  if (kind == "V" and #f == 5 and nl) or (kind == "L" and #f == 9) or ((kind == "T" or kind == "N") and #f == 3) then
    return f
  end
  return nil -- corrupt or foreign: treated as absent
end

-- compares decimal integer strings of any length: -1, 0, 1
local function cmpnum(a, b)
  local na, nb = string.sub(a, 1, 1) == "-", string.sub(b, 1, 1) == "-"
  if na ~= nb then return na and -1 or 1 end
  if na then a = string.sub(a, 2); b = string.sub(b, 2) end
  local r
  if #a ~= #b then r = (#a < #b) and -1 or 1
  elseif a == b then r = 0
  else r = (a < b) and -1 or 1 end
  if na then r = -r end
  return r
end

-- versions Lua compares: decimal integers ("-" is none, "?<codec text>" a version only Java can compare)
local function comparable(v)
  return v ~= "-" and string.sub(v, 1, 1) ~= "?"
end

local function opaque(v)
  return string.sub(v, 1, 1) == "?"
end

-- "undecided": both versions exist but only the entity's Java comparator can order them
local UNDECIDED = "undecided"

-- Lua 5.1 prints large numbers in exponent form; timestamps must stay exact decimal text
local function str(v)
  if type(v) == "number" then return string.format("%d", v) end
  return v
end

local function lockText(gen, timeout, version, owner, lockId, mult, unlockTs, concurrent)
  return "L " .. str(gen) .. " " .. str(timeout) .. " " .. version .. " " .. owner .. " " .. str(lockId) .. " " ..
      str(mult) .. " " .. str(unlockTs) .. " " .. str(concurrent)
end

local function setpx(value, ttl)
  redis.call("SET", key, value, "PX", ttl)
end

-- may a load that began at txTs, carrying version ver, replace the entry f? (invariants 1-4)
local function writable(f, gen, txTs, ver, fp)
  if not f or f[1] == "N" then return true end
  if f[1] == "T" then return txTs > tonumber(f[3]) end
  if f[1] == "V" then
    local g = tonumber(f[2])
    if g > gen then return false end
    if g < gen or f[5] ~= fp then
      -- a value of an evicted generation, or of another deployment's shape: unusable, but it may have
      -- replaced a released lock or tombstone, so it still says when it was written (invariant 8)
      return txTs > tonumber(f[3])
    end
    if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) < 0 end
    if opaque(f[4]) and opaque(ver) then return UNDECIDED end
    return false
  end
  -- a lock
  local timeout, mult, unlockTs = tonumber(f[3]), tonumber(f[7]), tonumber(f[8])
  if txTs > timeout then return true end
  if mult > 0 then return false end
  if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) < 0 end
  if opaque(f[4]) and opaque(ver) then return UNDECIDED end
  return txTs > unlockTs
end

-- after a lost lock: a released lock that admits only loads beginning after now
local function releasedLock(f, now, timeout, ttl, gen)
  if f and f[1] == "L" and tonumber(f[7]) > 0 and tonumber(f[3]) >= now then
    return -- invariant 5: someone else's live lock stays
  end
  local until_ = now + timeout
  if f and f[1] == "L" then -- invariant 9: a late release keeps a newer stamp
    now = math.max(now, tonumber(f[8]))
    until_ = math.max(until_, tonumber(f[3]))
  elseif f and f[1] == "T" then
    now = math.max(now, tonumber(f[3]))
  end
  setpx(lockText(gen, until_, "-", "-", "0", 0, now, 0), ttl)
end

-- Redis's count of keys evicted under maxmemory, or nil when INFO is not allowed to this user
local function evictedKeys()
  local info = redis.pcall("INFO", "stats")
  if type(info) ~= "string" then return nil end
  return string.match(info, "evicted_keys:(%d+)")
end

local cur = redis.call("GET", key)
local f = fields(cur)

if op == "put" then
  local gen, txTs, ver, fp, ttl = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6]
  if not cur then -- invariant 7
    local evicted = evictedKeys()
    if evicted and evicted ~= ARGV[7] then return { "evicted", evicted } end
    if evicted and txTs <= tonumber(ARGV[8]) then return 0 end
  end
  local decision = writable(f, gen, txTs, ver, fp)
  if decision == UNDECIDED then
    return { -2, cur } -- the caller compares the versions and answers with putif
  end
  if decision then
    setpx(ARGV[9], ttl)
    return 1
  end
  return 0

elseif op == "putif" then
  -- compare-and-set after a Java-side version decision: write only if the entry is still the one judged
  local expected, ttl = ARGV[2], ARGV[3]
  if cur and string.sub(cur, 1, #expected) == expected then
    setpx(ARGV[4], ttl)
    return 1
  end
  return 0

elseif op == "insert" then
  local gen, ttl = tonumber(ARGV[2]), ARGV[3]
  if not f or f[1] == "N" or (f[1] == "V" and tonumber(f[2]) < gen) then
    setpx(ARGV[4], ttl)
    return 1
  end
  return 0

elseif op == "lock" then
  local gen, timeout, owner, lockId, ver, ttl = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
  if f and f[1] == "L" then
    -- join the existing lock (Hibernate's concurrent lock): one more holder, a fresh timeout. The lock
    -- keeps the newest version any holder started from, so that once all release it, a load of a version
    -- committed by an earlier holder cannot pass the version test (Hibernate keeps the first one).
    local lockVer = f[4]
    if comparable(lockVer) and comparable(ver) and cmpnum(lockVer, ver) < 0 then lockVer = ver end
    -- invariant 9: a join whose call was delayed must not shorten the lock
    timeout = math.max(tonumber(timeout), tonumber(f[3]))
    setpx(lockText(f[2], timeout, lockVer, f[5], f[6], tonumber(f[7]) + 1, f[8], 1), ttl)
    return { f[5], f[6] }
  end
  if f and f[1] == "V" then ver = f[4] end
  setpx(lockText(gen, timeout, ver, owner, lockId, 1, 0, 0), ttl)
  return { owner, lockId }

elseif op == "unlock" or op == "update" then
  local owner, lockId, now, timeout, ttl, gen = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], ARGV[7]
  if f and f[1] == "L" and f[5] == owner and f[6] == lockId then
    local mult = tonumber(f[7])
    if op == "update" and f[9] == "0" and mult == 1 then
      setpx(ARGV[8], ttl) -- the only holder: the committed value replaces the lock
      return 1
    end
    -- invariant 9: every release leaves its stamp, so the last decrement cannot backdate another's
    mult = math.max(mult - 1, 0)
    local unlockTs = math.max(tonumber(f[8]), now)
    setpx(lockText(f[2], f[3], f[4], f[5], f[6], mult, unlockTs, f[9]), ttl)
    return 0
  end
  releasedLock(f, now, timeout, ttl, gen)
  return -1

elseif op == "tomb" then
  local gen, ts, ttl = ARGV[2], tonumber(ARGV[3]), ARGV[4]
  if f and f[1] == "L" and tonumber(f[7]) > 0 and tonumber(f[3]) >= ts then
    return 0 -- invariant 5
  end
  if f and f[1] == "T" then ts = math.max(ts, tonumber(f[3])) -- invariant 9
  elseif f and f[1] == "L" then ts = math.max(ts, tonumber(f[8])) end
  setpx("T " .. gen .. " " .. str(ts), ttl)
  return 1

elseif op == "claim" then
  if cur and string.sub(cur, 1, 2) == "F " then return 0 end
  if f and f[1] == "V" and tonumber(f[2]) == tonumber(ARGV[2]) then return { 1, cur } end
  if cur then return -1 end -- invariant 10
  local evicted = evictedKeys()
  if evicted and (evicted ~= ARGV[6] or tonumber(ARGV[3]) <= tonumber(ARGV[7])) then return -1 end -- invariant 7
  setpx("F " .. ARGV[2] .. " " .. ARGV[3] .. " " .. ARGV[4], ARGV[5])
  return 1

elseif op == "remove" then
  if f and (f[1] == "L" or f[1] == "T") then return 0 end
  redis.call("DEL", key)
  return 1

elseif op == "drop" then
  -- a value with a well-formed header but a payload nobody can decode would otherwise stay until its TTL:
  -- loads cannot replace a value that looks as new as theirs (invariant 2)
  if cur and redis.sha1hex(cur) == ARGV[2] then
    redis.call("DEL", key)
    return 1
  end
  return 0
end

return redis.error_reply("entry.lua: unknown operation " .. tostring(op))
