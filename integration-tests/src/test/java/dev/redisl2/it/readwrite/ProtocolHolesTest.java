package dev.redisl2.it.readwrite;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.redisl2.hibernate.redis.LuaScript;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.RedisClient;

/**
 * One transition test per hole of issue 12 (and the entry.lua side of issue 13), each replaying in
 * Hibernate's terms the interleaving that used to end with a stale entry, on a real Redis. Every test here
 * failed against the script before the fix. Times are µs on the shared clock; GEN is the region's
 * generation as the callers know it.
 */
@ExtendWith(PrivateRedisExtension.class)
class ProtocolHolesTest {

	private static final long GEN = EntryScript.GEN;
	private static final long TTL = EntryScript.TTL;
	private static RedisClient jedis;
	private static final AtomicInteger KEYS = new AtomicInteger();
	private EntryScript entry;
	private String key;

	@BeforeAll
	static void connect(RedisServerProcess redis) {
		jedis = RedisClient.create( URI.create( redis.url() ) );
	}

	@AfterAll
	static void disconnect() {
		jedis.close();
	}

	@BeforeEach
	void freshKey() {
		key = "t:r:{h" + KEYS.incrementAndGet() + "}";
		entry = new EntryScript( jedis, key );
	}

	/** Hole 1: Author#7.books cached at owner v5; the owner is renamed (v6); T1 adds a book. */
	@Test
	void collectionLock_takesNoVersionFromTheCachedCollection() {
		assertTrue( entry.put( 100, "5", "[b1] at owner v5" ) );
		String lock = entry.lock( 10_000_000, "T1", 1, "-" ); // Hibernate locks a collection with version null
		// S began at 300, read owner v6 and [b1] before T1's commit; T1 commits and releases at 500
		entry.unlock( lock, 500 );
		assertFalse( entry.put( 300, "6", "[b1] at owner v6" ), "read before T1's commit: must stay out" );
		assertTrue( entry.put( 600, "6", "[b1,b2]" ), "a load after the release caches" );
	}

	/** Hole 2: a bulk versioned update moved the row to v6 and the region to a new generation. */
	@Test
	void entityLock_keepsTheCallersVersion_notAnOlderGenerationsValue() {
		jedis.set( key.getBytes(), EntryScript.value( GEN - 1, 100, "5", "v5 of the old generation" ) );
		String lock = entry.lock( 10_000_000, "T1", 1, "6" ); // T1 read v6 and deletes it
		entry.unlock( lock, 500 );
		assertFalse( entry.put( 300, "6", "v6, read before the delete committed" ), "the deleted row must not come back" );
	}

	/** Hole 3: T1 outlives lock_timeout; T2 began after the timeout but before T1's commit. */
	@Test
	void releaseAfterTheLockTimedOut_stillKeepsOutLoadsThatBeganBeforeTheCommit() {
		String lock = entry.lock( 61_000_000, "T1", 1, "-" );
		entry.unlock( lock, 90_000_000 );
		assertFalse( entry.put( 70_000_000, "-", "read before T1's commit" ) );
		assertTrue( entry.put( 90_000_001, "-", "after" ) );
	}

	/** Hole 4: node A claims an absent key (marker F); node B, which has not seen an eviction, puts over it. */
	@Test
	void putOverALoadMarker_makesItsOwnEvictionCheck() {
		String evicted = evictedKeys();
		assertEquals( 1L, entry.call( "claim", GEN, 100, "A", TTL, evicted, 0 ) );
		Object reply = entry.call( "put", GEN, 200, "-", "fp", TTL, "-1", 0, EntryScript.value( GEN, 200, "-", "B's load" ) );
		assertTrue( reply instanceof List<?> list && "evicted".equals( text( list.get( 0 ) ) ),
				"B's eviction count is not Redis's: refused so that B learns it, got " + reply );
		assertTrue( entry.raw().startsWith( "F " ) );
		assertEquals( 1L, entry.call( "put", GEN, 200, "-", "fp", TTL, evicted, 0, EntryScript.value( GEN, 200, "-", "A's load" ) ) );
	}

	/** Hole 5: Doc#1 with a byte[] rowversion; T1 locks at v5 and commits v6, T2 joins at v6 and commits v7. */
	@Test
	void joinedLock_withVersionsLuaCannotOrder_keepsNoVersion() {
		String l1 = entry.lock( 10_000_000, "T1", 1, "?AAU" );
		String l2 = entry.lock( 10_000_000, "T2", 2, "?AAY" );
		entry.unlock( l1, 400 );
		entry.unlock( l2, 500 );
		assertTrue( entry.raw().contains( " - " ), "no version survives the join: " + entry.raw() );
		Object reply = entry.putReply( 450, "?AAY", "v6, read between the commits" );
		assertEquals( 0L, reply, "decided by the release stamp alone, not handed to Java's comparator" );
		assertTrue( entry.put( 501, "?AAc", "v7" ) );
	}

	/** Hole 6: T1's afterInsert (v0) arrives after T2's update (v1) and a region eviction. */
	@Test
	void aLateInsert_neverReplacesAValue_ofAnyGeneration() {
		jedis.set( key.getBytes(), EntryScript.value( GEN - 3, 2_000, "1", "v1 committed by T2" ) );
		assertEquals( 0L, entry.call( "insert", GEN, TTL, EntryScript.value( GEN, 3_000, "0", "v0 as inserted" ), 2_500, 1_000 ) );
		assertEquals( 0L, entry.call( "insert", GEN, TTL, EntryScript.value( GEN, 3_000, "0", "v0 as inserted" ) ) );
		assertTrue( entry.raw().contains( "v1 committed by T2" ) );
	}

	/** Hole 11: a header Java cannot parse is foreign to Lua too, so a real load replaces it. */
	@Test
	void headersJavaCannotParse_areForeignToTheScriptToo() {
		for ( String forged : List.of( "V 1000\t100 7 fp\nx", "V 1000  100 7 fp\nx", "V 1000 100 7 fp \nx", " V 1000 100 7 fp\nx",
				"T 1000 inf", "T 1000 nan", "T 1000 1e300", "T 1000 +5", "T 1000 0x10", "T 1000 99999999999999999",
				"L 1000 9999999999999 - o 1 1 0 0\u00a0" ) ) {
			jedis.set( key, forged );
			assertTrue( entry.put( 200, "7", "real" ), "a load replaces '" + forged.replace( "\n", "\\n" ) + "'" );
		}
	}

	/** Hole 11: a large value without a newline is read 513 bytes deep at most, and is foreign. */
	@Test
	void aLargeForeignValue_isForeign_andNotScanned() {
		jedis.set( key.getBytes(), "V".repeat( 4 << 20 ).getBytes() );
		assertTrue( entry.put( 200, "7", "real" ) );
		jedis.set( key.getBytes(), ( "V 1000 100 7 fp" + " ".repeat( 600 ) + "\nx" ).getBytes() );
		assertTrue( entry.put( 200, "7", "real" ), "a header longer than 512 bytes is foreign" );
	}

	/** Hole 11: a TTL below one millisecond, from a Duration set in code, is clamped, not an error. */
	@Test
	void subMillisecondTtls_areClampedToOneMillisecond() {
		assertEquals( 1L, entry.call( "tomb", GEN, 100, 0 ) );
		jedis.del( key );
		assertEquals( 1L, entry.call( "claim", GEN, 100, "A", 0, evictedKeys(), 0 ) );
	}

	/** Hole 11: region.lua keeps generations exact: past 2^52, or forged, the state counts as lost. */
	@Test
	void aRegionStateBeyondExactIntegers_isRecreated_andEvictStillMovesTheGeneration() {
		LuaScript region = LuaScript.load( "region.lua" );
		String stateKey = key + ":~state";
		long now = 1_795_521_600_000_000L;
		for ( String forged : List.of( "9007199254740992 0 0 0", "1e20 0 0 0", "4503599627370496 0 0 0", "5 0 0 nan" ) ) {
			jedis.set( stateKey, forged );
			String state = text( region.eval( jedis, List.of( stateKey.getBytes() ),
					List.of( "evict".getBytes(), Long.toString( now ).getBytes(), "60000000".getBytes() ) ) );
			long gen = Long.parseLong( state.split( " " )[0] );
			assertTrue( gen >= now && gen < ( 1L << 52 ), "evict over '" + forged + "' gave " + state );
		}
	}

	/** Issue 13: delete, evict the region, re-insert the same id: the insert is cached. */
	@Test
	void anEvictionMakesReleasedLocksObsolete_forInsertsThatBeganAfterThem() {
		String lock = entry.lock( 10_000_000, "T1", 1, "3" );
		entry.unlock( lock, 500 ); // the delete's released lock, generation GEN
		long gen = GEN + 10_000, floor = 1_000; // evictAll: a new generation, loads admitted only after 1000
		assertEquals( 0L, entry.call( "insert", gen, TTL, EntryScript.value( gen, 2_000, "0", "re-inserted" ), floor, 400 ),
				"an insert whose transaction began before the release may be older than the delete" );
		assertEquals( 0L, entry.call( "insert", gen, TTL, EntryScript.value( gen, 2_000, "0", "re-inserted" ), 450, 1_500 ),
				"a release after the caller's floor still guards loads the region admits" );
		assertEquals( 0L, entry.call( "insert", GEN, TTL, EntryScript.value( GEN, 2_000, "0", "re-inserted" ), floor, 1_500 ),
				"a lock of the caller's own generation is not obsolete" );
		assertEquals( 1L, entry.call( "insert", gen, TTL, EntryScript.value( gen, 2_000, "0", "re-inserted" ), floor, 1_500 ) );
		assertEquals( "re-inserted", entry.payload() );
	}

	/** Issue 13: after an eviction an update takes a fresh lock instead of joining the obsolete one. */
	@Test
	void anUpdateAfterAnEviction_takesAFreshLock_andCachesItsValue() {
		String old = entry.lock( 10_000_000, "T1", 1, "3" );
		entry.unlock( old, 500 );
		long gen = GEN + 10_000;
		List<?> holder = (List<?>) entry.call( "lock", gen, 10_000_000, "T2", 2, "4", TTL, 1_000 );
		assertEquals( "T2", text( holder.get( 0 ) ), "a fresh lock, not a join of the obsolete one" );
		assertEquals( 1L, entry.call( "update", "T2", "2", 2_000, 60_000_000, TTL, gen, EntryScript.value( gen, 2_000, "5", "v5" ) ) );
		assertEquals( "v5", entry.payload() );
		String live = entry.lock( 10_000_000, "T3", 3, "5" );
		List<?> joined = (List<?>) entry.call( "lock", gen + 1, 10_000_000, "T4", 4, "5", TTL, 5_000 );
		assertEquals( live, text( joined.get( 0 ) ) + ":" + text( joined.get( 1 ) ), "a live lock is never obsolete" );
	}

	/** Issue 13: CacheMode.REFRESH replaces a value of the same version when its load began after it. */
	@Test
	void aForcedPut_replacesTheSameVersion_onlyWhenItsLoadBeganAfterTheValue() {
		assertTrue( entry.put( 100, "-", "before the plain SQL update" ) );
		assertFalse( entry.put( 200, "-", "changed outside Hibernate" ), "an ordinary load never replaces it" );
		assertEquals( 0L, forced( 100, "-", "x" ), "a forced load that began with the value: no" );
		assertEquals( 1L, forced( 200, "-", "changed outside Hibernate" ) );
		assertEquals( "changed outside Hibernate", entry.payload() );
		jedis.del( key );
		assertTrue( entry.put( 300, "4", "v4" ) );
		assertEquals( 0L, forced( 400, "3", "v3" ), "never an older version" );
		String lock = entry.lock( 10_000_000, "T1", 1, "4" );
		assertEquals( 0L, forced( 500, "4", "x" ), "never over a live lock" );
		entry.unlock( lock, 600 );
		assertEquals( 0L, forced( 550, "4", "x" ), "never a load that began before a release" );
	}

	private Object forced(long txTs, String version, String payload) {
		return entry.call( "put", GEN, txTs, version, "fp", TTL, evictedKeys(), 0, EntryScript.value( GEN, txTs, version, payload ), "1" );
	}

	private static String evictedKeys() {
		String info = jedis.info( "stats" );
		return info.replaceAll( "(?s).*evicted_keys:(\\d+).*", "$1" );
	}

	private static String text(Object o) {
		return o instanceof byte[] b ? new String( b, java.nio.charset.StandardCharsets.UTF_8 ) : String.valueOf( o );
	}
}
