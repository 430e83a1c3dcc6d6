package dev.redisl2.it.explorer;

import java.util.List;

/**
 * Holes the explorer found in today's code, with the fix it was verified with, until the fix is on main.
 * ProtocolExplorerTest runs against today's scripts with these edits applied (each must match exactly once,
 * so once the fix is merged the edit no longer applies and the test says to delete it from here), and
 * models the Java fixes in {@link World}; StrictExplorerTest runs without them and is disabled until then.
 */
final class PendingFixes {

	private PendingFixes() {
	}

	/** entry.lua: a late release over a value keeps the value's write time as its stamp (invariant 9). */
	static final List<Mutation> LUA = List.of(
			new Mutation( "hole A: a late release over a newer value backdates the guard",
					"  elseif f and f[1] == \"T\" then\n    now = math.max(now, tonumber(f[3]))\n  end\n  setpx(lockText(gen, until_",
					"  elseif f and (f[1] == \"T\" or f[1] == \"V\") then\n    now = math.max(now, tonumber(f[3]))\n  end\n  setpx(lockText(gen, until_" ),
			new Mutation( "hole B: the holder of a lock taken over an evicted one writes its older value over a later commit",
					"    return -- invariant 5: someone else's live lock stays\n",
					"    -- invariant 5: someone else's live lock stays, but its holder may no longer write its value: ours\n"
							+ "    -- committed too, perhaps later (the lock we joined was evicted and re-taken)\n"
							+ "    redis.call(\"SET\", key, lockText(f[2], f[3], f[4], f[5], f[6], f[7], math.max(tonumber(f[8]), now), 1), \"KEEPTTL\")\n"
							+ "    return\n" ),
			new Mutation( "hole D: an evicted value no longer keeps out loads of an older version",
					"  if f and (f[1] == \"L\" or f[1] == \"T\") then return 0 end\n  redis.call(\"DEL\", key)",
					"  if f and (f[1] == \"L\" or f[1] == \"T\") then return 0 end\n"
							+ "  if f and f[1] == \"V\" then -- a tombstone as of the value's write: older loads stay out\n"
							+ "    redis.call(\"SET\", key, \"T \" .. f[2] .. \" \" .. f[3], \"KEEPTTL\")\n"
							+ "    return 1\n"
							+ "  end\n"
							+ "  redis.call(\"DEL\", key)" ),
			new Mutation( "hole F: a joined lock past its timeout forgets the releases it already has",
					"if mult > 0 then return txTs > timeout end", "if mult > 0 then return txTs > timeout and txTs > unlockTs end" ),
			new Mutation( "hole H: an insert fills a key whose newer value was evicted (needs insert ARGV evicted since)",
					"  if obsolete(f, gen, floor) and asOf",
					"  if not exists and ARGV[7] then -- invariant 7 for inserts too: the key may have held a newer value\n"
							+ "    local evicted = evictedKeys()\n"
							+ "    if evicted and (evicted ~= ARGV[7] or asOf <= tonumber(ARGV[8])) then return 0 end\n"
							+ "  end\n"
							+ "  if obsolete(f, gen, floor) and asOf" ),
			new Mutation( "hole J: a put of an older generation replaces a newer generation's released lock",
					"  -- a lock: live, it blocks until its timeout; released, its stamp and version decide (invariant 14)\n",
					"  if tonumber(f[2]) > gen then return false end -- invariant 4 for locks and tombstones too\n"
							+ "  -- a lock: live, it blocks until its timeout; released, its stamp and version decide (invariant 14)\n" ),
			new Mutation( "hole K (1/3): a value that replaces a released lock or tombstone keeps its stamp",
					"-- Redis's count of keys evicted under maxmemory",
					"-- a value that replaces a released lock or tombstone keeps its stamp as its own write time, so that\n"
							+ "-- once it is of an older generation (invariant 8) it still keeps out loads that began before the release\n"
							+ "local function keepStamp(value, f)\n"
							+ "  if not f or (f[1] ~= \"L\" and f[1] ~= \"T\") then return value end\n"
							+ "  local stamp = tonumber(f[1] == \"L\" and f[8] or f[3])\n"
							+ "  local g, ts, rest = string.match(value, \"^V (%d+) (%d+)(.*)$\")\n"
							+ "  if not ts or tonumber(ts) >= stamp then return value end\n"
							+ "  return \"V \" .. g .. \" \" .. str(stamp) .. rest\n"
							+ "end\n\n"
							+ "-- Redis's count of keys evicted under maxmemory" ),
			new Mutation( "hole K (2/3): put", "    setpx(ARGV[9], ttl)\n", "    setpx(keepStamp(ARGV[9], f), ttl)\n" ),
			new Mutation( "hole K (3/3): putif", "    setpx(ARGV[4], ttl)\n    return 1\n  end\n  return 0\n\nelseif op == \"insert\"",
					"    setpx(keepStamp(ARGV[4], f), ttl)\n    return 1\n  end\n  return 0\n\nelseif op == \"insert\"" ),
			new Mutation( "hole L: a writer with a stale read locks a newer value with its older version",
					"  setpx(lockText(gen, timeout, ver, owner, lockId, 1, 0, 0), ttl) -- invariant 13: the caller's version",
					"  -- the caller's version may be older than the current value's (a stale read that will fail its optimistic\n"
							+ "  -- check): the lock keeps the newer one, or none when only Java could order them\n"
							+ "  -- (a higher version only refuses more loads, so a value of any generation may raise it)\n"
							+ "  if f and f[1] == \"V\" and ver ~= \"-\" and f[4] ~= ver then\n"
							+ "    if comparable(f[4]) and comparable(ver) then\n"
							+ "      if cmpnum(f[4], ver) > 0 then ver = f[4] end\n"
							+ "    else\n"
							+ "      ver = \"-\"\n"
							+ "    end\n"
							+ "  end\n"
							+ "  setpx(lockText(gen, timeout, ver, owner, lockId, 1, 0, 0), ttl) -- invariant 13: the caller's version" ) );

	/** Whether the adapter sends the ARGV a pending fix needs (insert's eviction count and since, hole H). */
	static final boolean INSERT_CARRIES_EVICTIONS = true;

	static ScriptCalls.Scripts scripts() {
		ScriptCalls.Scripts today = ScriptCalls.Scripts.today();
		String entry = today.entry();
		for ( Mutation fix : LUA ) {
			entry = fix.applyTo( entry );
		}
		return today.withEntry( "main+fixes", entry );
	}

	/** A mutant of today's script with the pending fixes that still apply on top (a mutation may touch a fix's text). */
	static ScriptCalls.Scripts mutant(Mutation mutation) {
		ScriptCalls.Scripts today = ScriptCalls.Scripts.today();
		String entry = mutation.applyTo( today.entry() );
		for ( Mutation fix : LUA ) {
			if ( fix.appliesOnceTo( entry ) ) {
				entry = fix.applyTo( entry );
			}
		}
		return today.withEntry( "mutant", entry );
	}
}
