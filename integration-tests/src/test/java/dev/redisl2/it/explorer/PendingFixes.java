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
	static final List<Mutation> LUA = List.of(); // holes A, B, D, F, H, J, K and L are fixed in entry.lua

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
