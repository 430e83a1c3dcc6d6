--[[
entry.lua - every state change of one second-level cache entry, as one atomic step on one key.

KEYS[1]  the entry key  <prefix>:<region>:{<entry id>}
ARGV[1]  the operation; the remaining ARGV depend on it:

  put          putFromLoad: cache a value read from the database
               ARGV: gen txTs version fingerprint ttlMs evicted since value [force]
               (evicted, since: this node's eviction count and when it learnt it; see invariant 7;
               force "1": CacheMode.REFRESH, see invariant 11)
               returns 1 written, 0 refused, {"evicted", count} when Redis evicted keys since the node
               last looked, or {-2, current} when only Java can compare the versions
  putif        the compare-and-set that follows such a reply: write if the entry still starts with
               the header that was judged
               ARGV: expectedHeader ttlMs value
  insert       afterInsert: cache a new row if nothing is cached for it
               ARGV: gen ttlMs value [floor asOf evicted since]
               (asOf: when the inserting transaction began; its commit came later; evicted, since: as for put)
  lock         lockItem: take (or join) the soft lock before a write
               ARGV: gen timeout owner lockId version ttlMs [floor]
               (floor: the caller's region invalidatedAt, below which no load is admitted; see invariant 12)
  unlock       unlockItem: release our hold of the lock
               ARGV: owner lockId now timeout ttlMs gen
  update       afterUpdate: replace our lock by the committed value, or release it if others hold it too
               ARGV: owner lockId now timeout ttlMs gen value
  tomb         a tombstone after a change (read-only, nonstrict): loads that began before ts stay out
               ARGV: gen ts ttlMs
  claim        single-flight: on a miss, mark the entry as being loaded by the caller
               ARGV: gen txTs token ttlMs evicted since (as for put)
               returns 1 (the caller loads; the marker "F gen guard token" lives ttlMs, or as long as the
               tombstone it replaced; guard: see invariant 24), 0 (another
               caller's marker is there: wait for its put), {1, value} (a current value is there
               now) or -1 (nothing to coordinate: a lock, tombstone or value guards the key, or Redis
               evicted keys since the caller looked, see invariant 7)
  remove       remove outside a lock, or evict one entry: a value becomes a tombstone as of its write time
               (invariant 22); a lock or tombstone stays
               ARGV: (none)
  drop         delete an entry a reader could not decode, unless it changed since it was read
               ARGV: sha1 (hex) of the value as read

Entry formats (header line of at most 512 bytes, fields of printable ASCII separated by exactly one space,
numeric fields plain decimal integers below 2^53; anything else is corrupt or foreign, exactly as
StoredEntry.java parses it):
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
     fill the absent key, after its own eviction check (invariant 7 with the putter's count, not the
     claimer's: the putter may not have seen an eviction that the claimer saw, or the other way round).
  11. A forced put (CacheMode.REFRESH: the row may have changed outside Hibernate) also replaces a
     current value of the same version, but only when the load began after that value was written, so
     its read is at least as new; it changes nothing for locks, tombstones or older versions.
  12. A released lock or tombstone of an older generation, released before the caller's region was last
     emptied (floor), guards nothing: every load the region still admits began after floor
     (RegionState.admitsLoad). lock and insert treat it as absent, so an eviction never leaves the cache
     colder than an empty one. Live locks always stay.
  13. A lock carries the caller's version, never one copied from the cached value: a collection is locked
     without a version but cached with its owner's, and a value of an older generation may predate a bulk
     update. Versions Lua cannot order (opaque, or none) that differ in a joined lock leave the lock with
     no version, so that only its release stamp admits loads.
  14. A lock's timeout only ends a live lock (an owner that never came back). Once released, only the
     release stamp and the versions decide: a holder that outlived its timeout still keeps out the loads
     that began before its commit.
  15. No call does work proportional to a foreign value's size: the header is read with GETRANGE, at most
     513 bytes, and TTLs under 1 ms are clamped to 1 ms.
  16. An insert never replaces a value, of any generation: its afterInsert may arrive long after its commit
     (a batch runs one per row), so a later committed change may be what is cached. Nor a lock or
     tombstone, unless invariant 12 makes it obsolete and it was released before the inserting
     transaction began.
  The invariants below were found by the protocol explorer (docs/consistency-explorer.md, holes A-L):
  17. (A) A release that finds a value (written by a load after its lock vanished) keeps the value's write
     time as its stamp when that is newer: a late release never backdates what guards the key.
  18. (B) An unlock that finds someone else's live lock (ours was evicted and re-taken) marks it concurrent
     and raises its release stamp: its holder may no longer write its own value over our later commit.
  19. (F, J) A joined lock past its timeout still keeps the releases it recorded (txTs > unlockTs too), and
     a put of an older generation never replaces a newer generation's lock (invariant 4 for locks).
  20. (H) An insert over an absent key makes the eviction check of invariant 7: the key may have held a
     newer value that maxmemory evicted.
  21. (K) A value that replaces a released lock or tombstone carries at least its stamp as write time, so
     that once of an older generation (invariant 8) it still keeps out loads that began before the release.
  22. (D) Evicting one value (remove) leaves a tombstone as of the value's write: a load that began before
     it, and read an older row, cannot fill the key.
  23. (L) A lock never carries a version older than the cached value's (a writer with a stale read, which
     will fail its optimistic check); where Lua cannot order the two it carries none.
  24. Single-flight over an evicted entry: claim may replace a tombstone whose stamp the caller's load
     is past by a marker "F gen guard token" that keeps the stamp as guard and lives at least as long as
     the tombstone would have; a put over a marker must have begun after its guard (0 where the marker
     was written over nothing).
  Known limits, not closed here (see docs/consistency-explorer.md): a LIVE lock that is lost (evicted under an
  allkeys-* policy, FLUSHALL, a failover to a replica that missed it) stops protecting before its holder
  commits (C); region.lua's bulk locks have no owner, so a late unlock of an expired one ends a newer one (I).
--]]

local key = KEYS[1]
local op = ARGV[1]

local MAX_HEADER = 512 -- StoredEntry.MAX_HEADER
local MAX_EXACT = 9007199254740991 -- 2^53 - 1: the largest integer a Lua number holds exactly
local NUMERIC = { V = { 2, 3 }, L = { 2, 3, 7, 8, 9 }, T = { 2, 3 }, N = { 2, 3 } }
local WIDTH = { V = 5, L = 9, T = 3, N = 3 }

-- a plain decimal integer below 2^53 (no sign but "-", no exponent, no inf or nan), as Java writes it
local function exact(s)
  if #s > 17 or not string.find(s, "^%-?%d+$") then return false end
  local n = tonumber(s)
  return n <= MAX_EXACT and n >= -MAX_EXACT
end

-- the header fields of an entry, from its first MAX_HEADER + 1 bytes; nil when corrupt or foreign
local function fields(head)
  if not head or head == "" then return nil end
  local nl = string.find(head, "\n", 1, true)
  local header = nl and string.sub(head, 1, nl - 1) or head
  if #header > MAX_HEADER then return nil end
  local f, i = {}, 1
  while true do
    local j = string.find(header, " ", i, true)
    local word = string.sub(header, i, j and j - 1 or #header)
    if word == "" or string.find(word, "[^!-~]") then return nil end -- one space between printable fields
    f[#f + 1] = word
    if not j then break end
    i = j + 1
  end
  local kind = f[1]
  if WIDTH[kind] ~= #f or (kind == "V" and not nl) then return nil end
  for _, k in ipairs(NUMERIC[kind]) do
    if not exact(f[k]) then return nil end
  end
  return f
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
  redis.call("SET", key, value, "PX", str(math.max(1, math.floor(tonumber(ttl))))) -- invariant 15
end

-- may a load that began at txTs, carrying version ver, replace the entry f? (invariants 1-4)
local function writable(f, gen, txTs, ver, fp, force)
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
    if force and f[4] == ver and txTs > tonumber(f[3]) then return true end -- invariant 11
    if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) < 0 end
    if opaque(f[4]) and opaque(ver) then return UNDECIDED end
    return false
  end
  if tonumber(f[2]) > gen then return false end -- invariant 4 for locks and tombstones too
  -- a lock: live, it blocks until its timeout; released, its stamp and version decide (invariant 14)
  local timeout, mult, unlockTs = tonumber(f[3]), tonumber(f[7]), tonumber(f[8])
  if mult > 0 then return txTs > timeout and txTs > unlockTs end
  if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) < 0 end
  if opaque(f[4]) and opaque(ver) then return UNDECIDED end
  return txTs > unlockTs
end

-- after a lost lock: a released lock that admits only loads beginning after now
local function releasedLock(f, now, timeout, ttl, gen)
  if f and f[1] == "L" and tonumber(f[7]) > 0 and tonumber(f[3]) >= now then
    -- invariant 5: someone else's live lock stays, but its holder may no longer write its value: ours
    -- committed too, perhaps later (the lock we joined was evicted and re-taken)
    redis.call("SET", key, lockText(f[2], f[3], f[4], f[5], f[6], f[7], math.max(tonumber(f[8]), now), 1), "KEEPTTL")
    return
  end
  local until_ = now + timeout
  if f and f[1] == "L" then -- invariant 9: a late release keeps a newer stamp
    now = math.max(now, tonumber(f[8]))
    until_ = math.max(until_, tonumber(f[3]))
  elseif f and (f[1] == "T" or f[1] == "V") then
    now = math.max(now, tonumber(f[3]))
  end
  setpx(lockText(gen, until_, "-", "-", "0", 0, now, 0), ttl)
end

-- a value that replaces a released lock or tombstone keeps its stamp as its own write time, so that
-- once it is of an older generation (invariant 8) it still keeps out loads that began before the release
local function keepStamp(value, f)
  if not f or (f[1] ~= "L" and f[1] ~= "T") then return value end
  local stamp = tonumber(f[1] == "L" and f[8] or f[3])
  local g, ts, rest = string.match(value, "^V (%d+) (%d+)(.*)$")
  if not ts or tonumber(ts) >= stamp then return value end
  return "V " .. g .. " " .. str(stamp) .. rest
end

-- Redis's count of keys evicted under maxmemory, or nil when INFO is not allowed to this user
local function evictedKeys()
  local info = redis.pcall("INFO", "stats")
  if type(info) ~= "string" then return nil end
  return string.match(info, "evicted_keys:(%d+)")
end

-- invariant 12: a released lock or tombstone of an older generation that no admitted load can predate
local function obsolete(f, gen, floor)
  if not f or not floor or tonumber(f[2]) >= gen then return false end
  if f[1] == "L" then return tonumber(f[7]) == 0 and tonumber(f[8]) < floor end
  if f[1] == "T" then return tonumber(f[3]) < floor end
  return false
end

-- invariant 15: never more than the header's bytes, whatever is stored under the key
local head = redis.call("GETRANGE", key, 0, MAX_HEADER)
local exists = head ~= "" or redis.call("EXISTS", key) == 1
local loading = string.sub(head, 1, 2) == "F "
local f = fields(head)

if op == "put" then
  local gen, txTs, ver, fp, ttl = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6]
  if loading then -- invariant 24: a marker's guard (0 when it was written where nothing was)
    local guard = tonumber(string.match(head, "^F %S+ (%d+)") or "0")
    if txTs <= guard then return 0 end
  end
  if not exists or loading then -- invariants 7 and 10
    local evicted = evictedKeys()
    if evicted and evicted ~= ARGV[7] then return { "evicted", evicted } end
    if evicted and txTs <= tonumber(ARGV[8]) then return 0 end
  end
  local decision = writable(f, gen, txTs, ver, fp, ARGV[10] == "1")
  if decision == UNDECIDED then
    return { -2, head } -- the caller compares the versions and answers with putif
  end
  if decision then
    setpx(keepStamp(ARGV[9], f), ttl)
    return 1
  end
  return 0

elseif op == "putif" then
  -- compare-and-set after a Java-side version decision: write only if the entry is still the one judged
  local expected, ttl = ARGV[2], ARGV[3]
  -- the whole header must match: a value's up to its newline, a lock's (no newline) to its end
  local after = string.sub(head, #expected + 1, #expected + 1)
  if #expected <= MAX_HEADER and string.sub(head, 1, #expected) == expected and (after == "\n" or after == "") then
    setpx(keepStamp(ARGV[4], f), ttl)
    return 1
  end
  return 0

elseif op == "insert" then
  local gen, ttl, floor, asOf = tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[5]), tonumber(ARGV[6])
  -- invariant 16: only where nothing is cached, or where the lock or tombstone there is obsolete (12) and
  -- was released before the inserting transaction began (so it records a change older than the insert)
  local stamp = f and ((f[1] == "L" and f[8]) or (f[1] == "T" and f[3]))
  if not exists and ARGV[7] then -- invariant 7 for inserts too: the key may have held a newer value
    local evicted = evictedKeys()
    if evicted and (evicted ~= ARGV[7] or asOf <= tonumber(ARGV[8])) then return 0 end
  end
  if obsolete(f, gen, floor) and asOf and tonumber(stamp) < asOf then f = nil end
  if not f or f[1] == "N" then
    setpx(ARGV[4], ttl)
    return 1
  end
  return 0

elseif op == "lock" then
  local gen, timeout, owner, lockId, ver, ttl = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
  if obsolete(f, tonumber(gen), tonumber(ARGV[8])) then f = nil end -- invariant 12
  if f and f[1] == "L" then
    -- join the existing lock (Hibernate's concurrent lock): one more holder, a fresh timeout. The lock
    -- keeps the newest version any holder started from, so that once all release it, a load of a version
    -- committed by an earlier holder cannot pass the version test (Hibernate keeps the first one).
    local lockVer = f[4]
    if lockVer ~= ver then
      if comparable(lockVer) and comparable(ver) then
        if cmpnum(lockVer, ver) < 0 then lockVer = ver end
      else
        lockVer = "-" -- invariant 13: versions Lua cannot order keep no version at all
      end
    end
    -- invariant 9: a join whose call was delayed must not shorten the lock
    timeout = math.max(tonumber(timeout), tonumber(f[3]))
    setpx(lockText(f[2], timeout, lockVer, f[5], f[6], tonumber(f[7]) + 1, f[8], 1), ttl)
    return { f[5], f[6] }
  end
  -- the caller's version may be older than the current value's (a stale read that will fail its optimistic
  -- check): the lock keeps the newer one, or none when only Java could order them
  -- (a higher version only refuses more loads, so a value of any generation may raise it)
  if f and f[1] == "V" and ver ~= "-" and f[4] ~= ver then
    if comparable(f[4]) and comparable(ver) then
      if cmpnum(f[4], ver) > 0 then ver = f[4] end
    else
      ver = "-"
    end
  end
  setpx(lockText(gen, timeout, ver, owner, lockId, 1, 0, 0), ttl) -- invariant 13: the caller's version
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
  if loading then return 0 end
  if f and f[1] == "V" and tonumber(f[2]) == tonumber(ARGV[2]) then return { 1, redis.call("GET", key) } end
  -- invariant 24: a tombstone the caller's load is admitted by (an evicted entry's, invariant 22) may become
  -- a marker that keeps its stamp as a guard and lives at least as long as it would have
  local guard, ttl = 0, tonumber(ARGV[5])
  if f and f[1] == "T" then
    guard = tonumber(f[3])
    if tonumber(ARGV[3]) <= guard then return -1 end
    ttl = math.max(ttl, redis.call("PTTL", key))
  elseif exists then
    return -1 -- invariant 10
  else
    local evicted = evictedKeys()
    if evicted and (evicted ~= ARGV[6] or tonumber(ARGV[3]) <= tonumber(ARGV[7])) then return -1 end -- invariant 7
  end
  setpx("F " .. ARGV[2] .. " " .. str(guard) .. " " .. ARGV[4], ttl)
  return 1

elseif op == "remove" then
  if f and (f[1] == "L" or f[1] == "T") then return 0 end
  if f and f[1] == "V" then -- a tombstone as of the value's write: older loads stay out
    redis.call("SET", key, "T " .. f[2] .. " " .. f[3], "KEEPTTL")
    return 1
  end
  redis.call("DEL", key)
  return 1

elseif op == "drop" then
  -- a value with a well-formed header but a payload nobody can decode would otherwise stay until its TTL:
  -- loads cannot replace a value that looks as new as theirs (invariant 2)
  local cur = exists and redis.call("GET", key)
  if cur and redis.sha1hex(cur) == ARGV[2] then
    redis.call("DEL", key)
    return 1
  end
  return 0
end

return redis.error_reply("entry.lua: unknown operation " .. tostring(op))
