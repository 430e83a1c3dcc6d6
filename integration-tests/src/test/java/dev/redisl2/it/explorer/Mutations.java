package dev.redisl2.it.explorer;

import java.util.List;

/**
 * The mutants of entry.lua the explorer must kill: each fix of issue 12 reverted, and each comparison
 * weakened by one. Adding one is one line.
 */
final class Mutations {

	private Mutations() {
	}

	static final List<Mutation> ALL = List.of(
			// (a) each fix reverted
			new Mutation( "hole 1/2: lock copies the cached value's version",
					"  setpx(lockText(gen, timeout, ver, owner, lockId, 1, 0, 0), ttl)",
					"  if f and f[1] == \"V\" then ver = f[4] end\n  setpx(lockText(gen, timeout, ver, owner, lockId, 1, 0, 0), ttl)" ),
			new Mutation( "hole 3: a passed lock timeout admits before the release tests",
					"if mult > 0 then return txTs > timeout end",
					"if txTs > timeout then return true end if mult > 0 then return false end" ),
			new Mutation( "hole 4: a put over an F marker skips the eviction check",
					"if not exists or loading then", "if not exists then" ),
			new Mutation( "hole 5: a joined lock keeps an opaque version", "lockVer = \"-\"", "lockVer = lockVer" ),
			new Mutation( "hole 6: insert overwrites a value of an older generation",
					"if not f or f[1] == \"N\" then\n    setpx(ARGV[4], ttl)",
					"if not f or f[1] == \"N\" or f[1] == \"V\" then\n    setpx(ARGV[4], ttl)" ),
			new Mutation( "invariant 12: any old-generation released lock is obsolete", "tonumber(f[8]) < floor", "true" ),
			new Mutation( "invariant 16: insert ignores when the stamp was released", "tonumber(stamp) < asOf", "true" ),
			new Mutation( "invariant 11: a forced put ignores when the value was written",
					"f[4] == ver and txTs > tonumber(f[3])", "f[4] == ver" ),
			new Mutation( "invariant 9: a release backdates the lock's stamp", "math.max(tonumber(f[8]), now)", "now" ),
			// (b) each comparison weakened by one
			new Mutation( "writable: tombstone > to >=", "if f[1] == \"T\" then return txTs > tonumber(f[3]) end",
					"if f[1] == \"T\" then return txTs >= tonumber(f[3]) end" ),
			new Mutation( "writable: newer generation > to >=", "if g > gen then return false end", "if g >= gen then return false end" ),
			new Mutation( "writable: older generation < to <=", "if g < gen or f[5] ~= fp then", "if g <= gen or f[5] ~= fp then" ),
			new Mutation( "writable: unusable value's stamp > to >=", "      return txTs > tonumber(f[3])\n", "      return txTs >= tonumber(f[3])\n" ),
			new Mutation( "writable: value version < to <=",
					"if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) < 0 end\n    if opaque",
					"if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) <= 0 end\n    if opaque" ),
			new Mutation( "writable: live lock timeout > to >=", "if mult > 0 then return txTs > timeout end",
					"if mult > 0 then return txTs >= timeout end" ),
			new Mutation( "writable: released lock version < to <=",
					"if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) < 0 end\n  if opaque",
					"if comparable(f[4]) and comparable(ver) then return cmpnum(f[4], ver) <= 0 end\n  if opaque" ),
			new Mutation( "writable: release stamp > to >=", "return txTs > unlockTs", "return txTs >= unlockTs" ),
			new Mutation( "put: eviction since <= to <", "if evicted and txTs <= tonumber(ARGV[8]) then return 0 end",
					"if evicted and txTs < tonumber(ARGV[8]) then return 0 end" ),
			new Mutation( "put: eviction count ~= to ==", "if evicted and evicted ~= ARGV[7] then", "if evicted and evicted == ARGV[7] then" ),
			new Mutation( "releasedLock: live lock >= to >", "tonumber(f[7]) > 0 and tonumber(f[3]) >= now then",
					"tonumber(f[7]) > 0 and tonumber(f[3]) > now then" ),
			new Mutation( "obsolete: generation >= to >", "tonumber(f[2]) >= gen then return false end", "tonumber(f[2]) > gen then return false end" ),
			new Mutation( "obsolete: lock stamp < floor to <=", "tonumber(f[8]) < floor", "tonumber(f[8]) <= floor" ),
			new Mutation( "insert: stamp < asOf to <=", "tonumber(stamp) < asOf", "tonumber(stamp) <= asOf" ),
			new Mutation( "lock join: version < to <=", "if cmpnum(lockVer, ver) < 0 then lockVer = ver end",
					"if cmpnum(lockVer, ver) <= 0 then lockVer = ver end" ),
			new Mutation( "lock join: keeps the older version", "if cmpnum(lockVer, ver) < 0 then lockVer = ver end",
					"if cmpnum(lockVer, ver) > 0 then lockVer = ver end" ),
			new Mutation( "update: a joined lock's last holder writes its value", "f[9] == \"0\" and mult == 1", "mult <= 1" ),
			new Mutation( "claim: eviction since <= to <", "tonumber(ARGV[3]) <= tonumber(ARGV[7])", "tonumber(ARGV[3]) < tonumber(ARGV[7])" ),
			new Mutation( "forced put: write stamp > to >=", "f[4] == ver and txTs > tonumber(f[3])", "f[4] == ver and txTs >= tonumber(f[3])" ) );
}
