package dev.redisl2.it.readwrite;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.RedisClient;

/**
 * Each transition of {@code entry.lua} on a real Redis, with the timestamps spelled out. "Node A" and
 * "node B" are two lock owners; times are µs on the shared clock.
 */
@ExtendWith(PrivateRedisExtension.class)
class EntryScriptTransitionsTest {

	private static RedisClient jedis;
	private static final AtomicInteger KEYS = new AtomicInteger();
	private EntryScript entry;

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
		entry = new EntryScript( jedis, "t:r:{e" + KEYS.incrementAndGet() + "}" );
	}

	@Test
	void put_onAbsentEntry_writes_andAnEqualOrOlderVersionNeverOverwrites() {
		assertTrue( entry.put( 100, "2", "v2" ) );
		assertFalse( entry.put( 200, "2", "v2-again" ), "same version: nothing to gain" );
		assertFalse( entry.put( 300, "1", "v1" ), "older version must not replace a newer one" );
		assertTrue( entry.put( 400, "3", "v3" ), "a newer version replaces" );
		assertEquals( "v3", entry.payload() );
	}

	@Test
	void unversionedValue_isNeverOverwrittenByALoad() {
		assertTrue( entry.put( 100, "-", "a" ) );
		assertFalse( entry.put( 200, "-", "b" ) );
		assertEquals( "a", entry.payload() );
	}

	@Test
	void liveLock_blocksPuts_untilItTimesOut() {
		String lock = entry.lock( 1_000, "A", 1, "1" );
		assertEquals( "A:1", lock );
		assertFalse( entry.put( 500, "2", "new" ), "a live lock blocks loads" );
		assertFalse( entry.put( 999, "2", "new" ) );
		assertTrue( entry.put( 1_001, "2", "new" ), "a load that began after the lock's timeout may write" );
	}

	@Test
	void putRacingALock_loadsThatBeganBeforeTheReleaseAreRefused() {
		String lock = entry.lock( 10_000_000, "A", 1, "-" );
		assertEquals( 0, entry.unlock( lock, 5_000 ), "a released (not replaced) lock stays as a tombstone" );
		assertTrue( entry.raw().startsWith( "L " ) );
		assertFalse( entry.put( 4_999, "-", "stale" ), "began before the release: may have read the old row" );
		assertFalse( entry.put( 5_000, "-", "stale" ) );
		assertTrue( entry.put( 5_001, "-", "fresh" ), "began after the release" );
		assertEquals( "fresh", entry.payload() );
	}

	@Test
	void releasedVersionedLock_admitsOnlyNewerVersions() {
		String lock = entry.lock( 10_000_000, "A", 1, "4" );
		entry.unlock( lock, 5_000 );
		assertFalse( entry.put( 9_000, "4", "old" ), "the version that was locked is not newer" );
		assertTrue( entry.put( 100, "5", "five" ), "a newer version is fine even from an old transaction" );
	}

	@Test
	void twoNodesLockingOneEntry_shareTheLock_andItHoldsUntilBothRelease() {
		String a = entry.lock( 10_000_000, "A", 1, "1" );
		String b = entry.lock( 10_000_000, "B", 7, "1" );
		assertEquals( a, b, "node B joins node A's lock instead of overwriting it" );
		assertTrue( entry.raw().contains( " 2 0 1" ), "multiplicity 2, concurrent: " + entry.raw() );
		assertEquals( 0, entry.unlock( a, 5_000 ) );
		assertFalse( entry.put( 9_999_999, "2", "x" ), "one holder left: still locked" );
		assertEquals( 0, entry.update( b, 6_000, "2", "committed-by-b" ), "a concurrent lock is released, not replaced" );
		assertFalse( entry.put( 5_500, "-", "stale" ) );
	}

	/**
	 * Found by the stress test: holder B's release is stamped at 6,000, but holder A's, stamped earlier
	 * at 5,000, reaches Redis last (A's thread was preempted between taking the stamp and sending it). A
	 * load that began at 5,500 may have read the row before B's commit: it must stay out.
	 */
	@Test
	void releasesArrivingOutOfOrder_keepTheNewestStamp() {
		String a = entry.lock( 10_000_000, "A", 1, "-" );
		entry.lock( 10_000_000, "B", 2, "-" );
		assertEquals( 0, entry.unlock( a, 6_000 ), "B's release, stamped after B's commit" );
		assertEquals( 0, entry.unlock( a, 5_000 ), "A's release, stamped earlier, arrives last" );
		assertFalse( entry.put( 5_500, "-", "stale" ), "began before B's release: may have read the row before B's commit" );
		assertTrue( entry.put( 6_001, "-", "fresh" ) );
	}

	@Test
	void aLateReleaseOrJoin_neverMovesTheLocksStampsBack() {
		String a = entry.lock( 10_000_000, "A", 1, "-" );
		entry.lock( 5_000_000, "B", 2, "-" ); // B's call was delayed: its timeout is older than A's
		assertFalse( entry.put( 7_000_000, "-", "x" ), "the lock lasts until the latest timeout asked for" );
		entry.unlock( a, 8_000 );
		entry.unlock( a, 9_000 );
		assertEquals( -1, entry.unlock( "C:3", 4_000 ), "a release for a lock that is gone, stamped long ago" );
		assertFalse( entry.put( 8_500, "-", "stale" ), "the released lock keeps its newest stamp" );
		assertTrue( entry.put( 10_000_001, "-", "fresh" ) );
	}

	@Test
	void aLateTombstone_neverMovesANewerOneBack() {
		assertEquals( 1, entry.tombstone( 9_000 ) );
		assertEquals( 1, entry.tombstone( 4_000 ), "a tombstone delayed on its way" );
		assertFalse( entry.put( 8_000, "-", "stale" ), "began before the newer change" );
		assertTrue( entry.put( 9_001, "-", "fresh" ) );
	}

	@Test
	void joinedLock_keepsTheNewestStartingVersion() {
		String a = entry.lock( 10_000_000, "A", 1, "1" );
		entry.lock( 10_000_000, "B", 2, "2" ); // B started from version 2 (A committed 2 already)
		entry.unlock( a, 5_000 );
		entry.unlock( a, 6_000 );
		assertFalse( entry.put( 100, "2", "v2" ), "version 2 was superseded by B's update: not newer than the lock" );
		assertTrue( entry.put( 100, "3", "v3" ) );
	}

	@Test
	void afterUpdate_byTheOnlyHolder_replacesTheLockWithTheCommittedValue() {
		String lock = entry.lock( 10_000_000, "A", 1, "1" );
		assertEquals( 1, entry.update( lock, 5_000, "2", "v2" ) );
		assertEquals( "v2", entry.payload() );
		assertFalse( entry.put( 9_000, "2", "v2-load" ) );
	}

	@Test
	void lockReleasedByAnotherNodesTimeout_leavesAReleasedLockNotAValue() {
		String a = entry.lock( 1_000, "A", 1, "1" );
		// A's lock timed out; a load wrote, then node B locked the entry anew
		assertTrue( entry.put( 2_000, "1", "loaded" ) );
		String b = entry.lock( 10_000_000, "B", 9, "1" );
		assertNotEquals( a, b );
		assertEquals( -1, entry.update( a, 3_000, "2", "late" ), "A's lock is gone: its value must not replace B's lock" );
		assertTrue( entry.raw().startsWith( "L " ) && entry.raw().contains( " B 9 1 " ), "B's live lock stays: " + entry.raw() );
		assertFalse( entry.put( 9_000_000, "3", "x" ), "and keeps blocking loads" );
	}

	@Test
	void afterUpdateByANodeWhoseLockExpiredAndVanished_blocksLoadsThatBeganBeforeIt() {
		String a = entry.lock( 1_000, "A", 1, "1" );
		jedis.del( keyOf() ); // the lock's key expired
		assertTrue( entry.put( 2_000, "1", "v1" ), "the lock is gone: a load cached version 1" );
		assertEquals( -1, entry.update( a, 3_000, "2", "v2" ) );
		assertTrue( entry.raw().startsWith( "L " ), "the late afterUpdate leaves a released lock: " + entry.raw() );
		assertFalse( entry.put( 2_500, "1", "v1-again" ), "a load from before the update stays out" );
		assertTrue( entry.put( 3_001, "2", "v2" ) );
	}

	@Test
	void tombstones_andNotFoundMarkers() {
		jedis.set( keyOf(), "T 1000 5000" );
		assertFalse( entry.put( 4_000, "-", "deleted-row" ), "a load from before the delete" );
		assertTrue( entry.put( 6_000, "-", "reinserted" ) );
		jedis.set( keyOf(), "N 1000 5000" );
		assertTrue( entry.insert( 7_000, "-", "inserted" ), "an insert replaces a not-found marker" );
		assertEquals( "inserted", entry.payload() );
		assertFalse( entry.insert( 8_000, "-", "again" ), "but not a value" );
	}

	@Test
	void olderGenerations_areAbsent_newerOnesWin() {
		jedis.set( keyOf().getBytes(), EntryScript.value( EntryScript.GEN - 1, 1, "9", "older-generation" ) );
		assertTrue( entry.put( 100, "1", "current" ), "an entry of an evicted generation is absent" );
		jedis.set( keyOf().getBytes(), EntryScript.value( EntryScript.GEN + 1, 1, "1", "newer-generation" ) );
		assertFalse( entry.put( 100, "2", "mine" ), "a newer generation means this node's view is stale" );
	}

	/**
	 * A node that has not yet seen the region's newest generation may not replace a released lock of the newer
	 * one (invariant 19); a value of an older generation that is there anyway (it replaced a lock of its own
	 * generation) still keeps out loads that began before that lock's release (invariants 8 and 21).
	 */
	@Test
	void aValueOfAnOlderGeneration_stillKeepsOutLoadsThatBeganBeforeIt() {
		String lock = entry.lock( 10_000_000, "A", 1, "-" );
		entry.unlock( lock, 5_000 );
		Object stale = entry.call( "put", EntryScript.GEN - 1, 6_000, "-", "fp", EntryScript.TTL, "0", 0,
				EntryScript.value( EntryScript.GEN - 1, 6_000, "-", "fresh, under the old generation" ) );
		assertEquals( 0L, stale, "a put of an older generation never replaces a newer generation's lock" );
		jedis.set( keyOf().getBytes(), EntryScript.value( EntryScript.GEN - 1, 6_000, "-", "fresh, under the old generation" ) );
		assertFalse( entry.put( 4_000, "-", "read before the release" ), "the older-generation value keeps its time" );
		assertTrue( entry.put( 6_001, "-", "fresh" ) );
		jedis.set( keyOf().getBytes(), ( "V " + EntryScript.GEN + " 7000 - other-shape\n{}" ).getBytes() );
		assertFalse( entry.put( 6_500, "-", "x" ), "the same holds for another deployment's shape" );
		assertTrue( entry.put( 7_001, "-", "x" ) );
	}

	@Test
	void corruptOrForeignBytes_areAbsent() {
		jedis.set( keyOf().getBytes(), new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5, 't', 'r' } );
		assertTrue( entry.put( 100, "1", "ok" ) );
		jedis.set( keyOf(), "V 1 2 3" );
		assertTrue( entry.put( 100, "1", "ok" ) );
	}

	@Test
	void versionsOnlyJavaCanCompare_areHandedBack_andCompletedByACompareAndSet() {
		assertTrue( entry.put( 100, "?AAE", "first" ), "nothing cached: no comparison needed" );
		Object reply = entry.putReply( 200, "?AAI", "second" );
		assertTrue( reply instanceof java.util.List<?> list && Long.valueOf( -2 ).equals( list.get( 0 ) ), "undecided: " + reply );
		String current = entry.raw();
		String header = current.substring( 0, current.indexOf( '\n' ) );
		assertEquals( 1L, entry.call( "putif", header, EntryScript.TTL, EntryScript.value( EntryScript.GEN, 200, "?AAI", "second" ) ) );
		assertEquals( "second", entry.payload() );
		assertEquals( 0L, entry.call( "putif", header, EntryScript.TTL, EntryScript.value( EntryScript.GEN, 300, "?AAM", "third" ) ),
				"the entry changed since it was judged: no write" );
		String lock = entry.lock( 10_000_000, "A", 1, "?AAI" );
		assertFalse( entry.put( 100, "?AAM", "x" ), "a live lock needs no comparison: refused" );
		entry.unlock( lock, 5_000 );
		reply = entry.putReply( 200, "?AAM", "x" );
		assertTrue( reply instanceof java.util.List<?>, "a released lock with an opaque version is decided in Java too" );
	}

	@Test
	void removeAndEvict_keepLocksAndTombstones_turnValuesIntoTombstones() {
		entry.put( 100, "1", "v" );
		assertEquals( 1L, entry.call( "remove" ) );
		assertEquals( "T " + EntryScript.GEN + " 100", entry.raw(), "a tombstone as of the value's write (invariant 22)" );
		assertFalse( entry.put( 100, "0", "read before the value was written" ) );
		assertTrue( entry.put( 101, "1", "v" ) );
		entry.lock( 10_000_000, "A", 1, "1" );
		assertEquals( 0L, entry.call( "remove" ) );
		assertTrue( entry.raw().startsWith( "L " ) );
		jedis.set( keyOf(), "T 1000 5000" );
		assertEquals( 0L, entry.call( "remove" ) );
		assertEquals( "T 1000 5000", entry.raw() );
	}

	@Test
	void timestampsBeyond2pow53_wouldLosePrecision_soOursStayBelowIt() {
		long nowMicros = System.currentTimeMillis() * 1000;
		assertTrue( nowMicros < ( 1L << 53 ), "µs timestamps are exact Lua numbers until the year 2255" );
		String lock = entry.lock( nowMicros + 60_000_000, "A", 1, "-" );
		entry.unlock( lock, nowMicros );
		assertFalse( entry.put( nowMicros, "-", "x" ) );
		assertTrue( entry.put( nowMicros + 1, "-", "x" ), "one µs later is distinguishable" );
	}

	private String keyOf() {
		return "t:r:{e" + KEYS.get() + "}";
	}
}
