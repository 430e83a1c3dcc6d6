package dev.redisl2.it.explorer;

import java.util.List;

/**
 * The mutants of entry.lua the explorer must kill: each fix of issue 12 reverted, and each comparison
 * weakened by one. Adding one is one line.
 */
final class Mutations {

	private Mutations() {
	}

	/**
	 * Why an off-by-one on a timestamp comparison survives: the two sides of such a comparison come from different
	 * nodes' clocks, so they tie only when the skew between the clocks equals the time between the events; within
	 * that skew the documented exposure already lets a load in, and the oracle allows it. With exact clocks a tie
	 * means the load began at the release instant, after the commit: the mutant is then equivalent.
	 */
	private static final String TIE = "a tie of two nodes' timestamps only happens within the clock skew, where the oracle "
			+ "allows the documented exposure (equivalent with exact clocks)";

	static final List<Mutation> ALL = List.of(
			// (a) each fix reverted
			new Mutation( "hole A reverted: a late release over a value backdates the guard",
					"elseif f and (f[1] == \"T\" or f[1] == \"V\") then", "elseif f and f[1] == \"T\" then" ).because( "found by the explorer on main before its fix (docs/consistency-explorer.md), in a longer run than the 200k-step CI budget per mutant allows" ),
			new Mutation( "hole B reverted: an unlock leaves another's live lock untouched",
					"    redis.call(\"SET\", key, lockText(f[2], f[3], f[4], f[5], f[6], f[7], math.max(tonumber(f[8]), now), 1), \"KEEPTTL\")\n", "" ).because( "found by the explorer on main before its fix (docs/consistency-explorer.md), in a longer run than the 200k-step CI budget per mutant allows" ),
			new Mutation( "hole D reverted: evicting a value deletes it",
					"  if f and f[1] == \"V\" then -- a tombstone as of the value's write: older loads stay out\n", "  if false then\n" ).because( "found by the explorer on main before its fix (docs/consistency-explorer.md), in a longer run than the 200k-step CI budget per mutant allows" ),
			new Mutation( "hole F reverted: a joined lock past its timeout forgets its releases",
					"if mult > 0 then return txTs > timeout and txTs > unlockTs end", "if mult > 0 then return txTs > timeout end" ).because( "found by the explorer on main before its fix (docs/consistency-explorer.md), in a longer run than the 200k-step CI budget per mutant allows" ),
			new Mutation( "hole H reverted: an insert over an absent key skips the eviction check",
					"  if not exists and ARGV[7] then", "  if false then" ).because( "found by the explorer on main before its fix (docs/consistency-explorer.md), in a longer run than the 200k-step CI budget per mutant allows" ),
			new Mutation( "hole J reverted: an older generation's put replaces a newer generation's lock",
					"  if tonumber(f[2]) > gen then return false end -- invariant 4 for locks and tombstones too\n", "" ).because( "found by the explorer on main before its fix (docs/consistency-explorer.md), in a longer run than the 200k-step CI budget per mutant allows" ),
			new Mutation( "hole K reverted: a value over a released lock carries the loader's older time",
					"  if not ts or tonumber(ts) >= stamp then return value end", "  if true then return value end" ).because( "found by the explorer on main before its fix (docs/consistency-explorer.md), in a longer run than the 200k-step CI budget per mutant allows" ),
			new Mutation( "hole L reverted: a lock takes the stale caller's older version",
					"      if cmpnum(f[4], ver) > 0 then ver = f[4] end", "      ver = ver" ).because( "found by the explorer on main before its fix (docs/consistency-explorer.md), in a longer run than the 200k-step CI budget per mutant allows" ),
			new Mutation( "hole 1/2: lock copies the cached value's version",
					"  setpx(lockText(gen, timeout, ver, owner, lockId, 1, 0, 0), ttl)",
					"  if f and f[1] == \"V\" then ver = f[4] end\n  setpx(lockText(gen, timeout, ver, owner, lockId, 1, 0, 0), ttl)" ).because( "needs about 1M steps (caught after 983,108 with -Dexplorer.mutantSteps=2000000): a collection cached, an owner update, a collection lock, a load in between, in that order" ),
			new Mutation( "hole 3: a passed lock timeout admits before the release tests",
					"if mult > 0 then return txTs > timeout and txTs > unlockTs end",
					"if txTs > timeout then return true end if mult > 0 then return false end" ),
			new Mutation( "hole 4: a put over an F marker skips the eviction check",
					"if not exists or loading then", "if not exists then" ).because( "needs about 1.6M steps (caught after 1,608,338): a claim, an eviction, then another node's put with a stale count" ),
			new Mutation( "hole 5: a joined lock keeps an opaque version", "lockVer = \"-\"", "lockVer = lockVer" ),
			new Mutation( "hole 6: insert overwrites a value of an older generation",
					"if not f or f[1] == \"N\" then\n    setpx(ARGV[4], ttl)",
					"if not f or f[1] == \"N\" or f[1] == \"V\" then\n    setpx(ARGV[4], ttl)" ).because( "needs about 300k steps (caught after 290,519)" ),
			new Mutation( "invariant 12: any old-generation released lock is obsolete", "tonumber(f[8]) < floor", "true" ).because( "not caught in 2M steps: an obsolete-looking lock whose stamp is past floor needs a region eviction between a release and a load older than it" ),
			new Mutation( "invariant 16: insert ignores when the stamp was released", "tonumber(stamp) < asOf", "true" ).because( "not caught in 2M steps: pending fix E keeps afterInsert of a transaction older than the region's floor out of the cache, so the script rule is rarely the last line" ),
			new Mutation( "invariant 11: a forced put ignores when the value was written",
					"f[4] == ver and txTs > tonumber(f[3])", "f[4] == ver" ).because( "needs about 400k steps (caught after 385,057)" ),
			new Mutation( "invariant 9: a release backdates the lock's stamp", "local unlockTs = math.max(tonumber(f[8]), now)", "local unlockTs = now" ).because( "needs about 400k steps (caught after 389,196)" ),
			// (b) each comparison weakened by one
			new Mutation( "writable: tombstone > to >=", "if f[1] == \"T\" then return txTs > tonumber(f[3]) end",
					"if f[1] == \"T\" then return txTs >= tonumber(f[3]) end" ).because( "tombstones come from tomb (nonstrict, read-only), which the explorer does not drive" ),
			new Mutation( "writable: newer generation > to >=", "if g > gen then return false end", "if g >= gen then return false end" ).because( "refuses more puts (a colder cache, never a stale one): a safety oracle cannot see it" ),
			new Mutation( "writable: older generation < to <=", "if g < gen or f[5] ~= fp then", "if g <= gen or f[5] ~= fp then" ).because( TIE ),
			new Mutation( "writable: unusable value's stamp > to >=", "      return txTs > tonumber(f[3])\n", "      return txTs >= tonumber(f[3])\n" ).because( TIE ),
			new Mutation( "writable: value version < to <=",
					"if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) < 0 end\n    if opaque",
					"if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) <= 0 end\n    if opaque" ).because( "an equal version is the same row for entities; only collections (owner version) could tell, not reached in 200k" ),
			new Mutation( "writable: live lock timeout > to >=", "if mult > 0 then return txTs > timeout and",
					"if mult > 0 then return txTs >= timeout and" ).because( TIE ),
			new Mutation( "writable: released lock version < to <=",
					"if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) < 0 end\n  if opaque",
					"if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) <= 0 end\n  if opaque" ),
			new Mutation( "writable: release stamp > to >=", "return txTs > unlockTs", "return txTs >= unlockTs" ).because( TIE ),
			new Mutation( "put: eviction since <= to <", "if evicted and txTs <= tonumber(ARGV[8]) then return 0 end",
					"if evicted and txTs < tonumber(ARGV[8]) then return 0 end" ).because( TIE ),
			new Mutation( "put: eviction count ~= to ==", "if evicted and evicted ~= ARGV[7] then", "if evicted and evicted == ARGV[7] then" ).because( "caught after 69,697 steps in an earlier model; not within 200k in this one" ),
			new Mutation( "releasedLock: live lock >= to >", "tonumber(f[7]) > 0 and tonumber(f[3]) >= now then",
					"tonumber(f[7]) > 0 and tonumber(f[3]) > now then" ).because( TIE ),
			new Mutation( "obsolete: generation >= to >", "tonumber(f[2]) >= gen then return false end", "tonumber(f[2]) > gen then return false end" ).because( "a released lock of the current generation is replaced by a new lock either way (lock joins it otherwise): equivalent for safety" ),
			new Mutation( "obsolete: lock stamp < floor to <=", "tonumber(f[8]) < floor", "tonumber(f[8]) <= floor" ).because( TIE ),
			new Mutation( "insert: stamp < asOf to <=", "tonumber(stamp) < asOf", "tonumber(stamp) <= asOf" ).because( TIE ),
			new Mutation( "lock join: version < to <=", "if cmpnum(lockVer, ver) < 0 then lockVer = ver end",
					"if cmpnum(lockVer, ver) <= 0 then lockVer = ver end" ).because( "equivalent: replaces a version by an equal one" ),
			new Mutation( "lock join: keeps the older version", "if cmpnum(lockVer, ver) < 0 then lockVer = ver end",
					"if cmpnum(lockVer, ver) > 0 then lockVer = ver end" ),
			new Mutation( "update: a joined lock's last holder writes its value", "f[9] == \"0\" and mult == 1", "mult <= 1" ),
			new Mutation( "claim: eviction since <= to <", "tonumber(ARGV[3]) <= tonumber(ARGV[7])", "tonumber(ARGV[3]) < tonumber(ARGV[7])" ).because( TIE ),
			new Mutation( "forced put: write stamp > to >=", "f[4] == ver and txTs > tonumber(f[3])", "f[4] == ver and txTs >= tonumber(f[3])" ).because( TIE ) );
}
