package dev.redisl2.it.readwrite;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.redisl2.hibernate.redis.LuaScript;

import redis.clients.jedis.UnifiedJedis;

/** Calls {@code entry.lua} on one key the way the access strategies do, with readable arguments. */
final class EntryScript {

	static final long GEN = 1_000;
	static final long TTL = 60_000;

	private final LuaScript script = LuaScript.load( "entry.lua" );
	private final UnifiedJedis jedis;
	private final byte[] key;

	EntryScript(UnifiedJedis jedis, String key) {
		this.jedis = jedis;
		this.key = key.getBytes( StandardCharsets.UTF_8 );
	}

	Object call(String op, Object... args) {
		List<byte[]> argv = new ArrayList<>();
		argv.add( op.getBytes( StandardCharsets.UTF_8 ) );
		for ( Object arg : args ) {
			argv.add( arg instanceof byte[] bytes ? bytes : String.valueOf( arg ).getBytes( StandardCharsets.UTF_8 ) );
		}
		return script.eval( jedis, List.of( key ), argv );
	}

	static byte[] value(long gen, long ts, String version, String payload) {
		return ( "V " + gen + " " + ts + " " + version + " fp\n" + payload ).getBytes( StandardCharsets.UTF_8 );
	}

	/** putFromLoad of a load that began at txTs, read a row of this version. */
	boolean put(long txTs, String version, String payload) {
		return Long.valueOf( 1 ).equals( putReply( txTs, version, payload ) );
	}

	/** The raw reply of a put; the node has seen no key evicted ({@code evicted_keys} 0) since time 0. */
	Object putReply(long txTs, String version, String payload) {
		return call( "put", GEN, txTs, version, "fp", TTL, "0", 0, value( GEN, txTs, version, payload ) );
	}

	boolean insert(long ts, String version, String payload) {
		return Long.valueOf( 1 ).equals( call( "insert", GEN, TTL, value( GEN, ts, version, payload ) ) );
	}

	/** lockItem; returns "owner:lockId" of the lock in effect. */
	String lock(long timeout, String owner, long lockId, String version) {
		List<?> reply = (List<?>) call( "lock", GEN, timeout, owner, lockId, version, TTL );
		return text( reply.get( 0 ) ) + ":" + text( reply.get( 1 ) );
	}

	long unlock(String handle, long now) {
		String[] parts = handle.split( ":" );
		return (Long) call( "unlock", parts[0], parts[1], now, 60_000_000L, TTL, GEN );
	}

	long update(String handle, long now, String version, String payload) {
		String[] parts = handle.split( ":" );
		return (Long) call( "update", parts[0], parts[1], now, 60_000_000L, TTL, GEN, value( GEN, now, version, payload ) );
	}

	/** A tombstone stamped at ts, as read-only and nonstrict write after a change. */
	long tombstone(long ts) {
		return (Long) call( "tomb", GEN, ts, TTL );
	}

	String raw() {
		byte[] raw = jedis.get( key );
		return raw == null ? null : new String( raw, StandardCharsets.UTF_8 );
	}

	String payload() {
		String raw = raw();
		return raw == null || !raw.startsWith( "V " ) ? null : raw.substring( raw.indexOf( '\n' ) + 1 );
	}

	private static String text(Object o) {
		return o instanceof byte[] b ? new String( b, StandardCharsets.UTF_8 ) : String.valueOf( o );
	}
}
