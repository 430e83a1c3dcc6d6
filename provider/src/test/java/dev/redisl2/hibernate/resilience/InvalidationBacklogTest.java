package dev.redisl2.hibernate.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InvalidationBacklogTest {

	/** Records what was replayed; fails while {@link #down} is set. */
	static final class FakeTarget implements InvalidationBacklog.Target {
		final String name;
		final boolean wholeRegion;
		final List<String> invalidated = new ArrayList<>();
		int evictions;
		boolean down;
		Runnable duringInvalidate = () -> { };

		FakeTarget(String name, boolean wholeRegion) {
			this.name = name;
			this.wholeRegion = wholeRegion;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public boolean invalidate(byte[] key) {
			if ( down ) {
				return false;
			}
			duringInvalidate.run();
			invalidated.add( new String( key, StandardCharsets.ISO_8859_1 ) );
			return true;
		}

		@Override
		public boolean invalidateAll() {
			if ( down ) {
				return false;
			}
			evictions++;
			return true;
		}

		@Override
		public boolean canInvalidateAll() {
			return wholeRegion;
		}
	}

	private static byte[] key(String text) {
		return text.getBytes( StandardCharsets.ISO_8859_1 );
	}

	@Test
	void keysAreRememberedOnce_pendingUntilReplayed() {
		InvalidationBacklog backlog = new InvalidationBacklog( 10 );
		FakeTarget books = new FakeTarget( "books", true );
		assertFalse( backlog.pending( books, key( "k1" ) ) );
		backlog.entry( books, key( "k1" ) );
		backlog.entry( books, key( "k1" ) );
		backlog.entry( books, key( "k2" ) );
		assertEquals( 2, backlog.size() );
		assertTrue( backlog.pending( books, key( "k1" ) ) );
		assertFalse( backlog.pending( books, key( "k3" ) ) );
		InvalidationBacklog.Replay replay = backlog.replay();
		assertTrue( replay.complete() );
		assertEquals( 2, replay.entries() );
		assertEquals( List.of( "k1", "k2" ), books.invalidated );
		assertTrue( backlog.isEmpty() );
		assertFalse( backlog.pending( books, key( "k1" ) ) );
	}

	@Test
	void beyondTheBoundTheRegionIsEvictedInsteadOfItsKeys() {
		InvalidationBacklog backlog = new InvalidationBacklog( 2 );
		FakeTarget books = new FakeTarget( "books", true );
		FakeTarget timestamps = new FakeTarget( "timestamps", false );
		for ( int i = 0; i < 5; i++ ) {
			backlog.entry( books, key( "k" + i ) );
			backlog.entry( timestamps, key( "t" + i ) );
		}
		assertTrue( backlog.pendingRegion( books ) );
		assertTrue( backlog.pending( books, key( "anything" ) ), "a pending region covers every key" );
		assertEquals( 1 + 5, backlog.size(), "the region, and the timestamps keys that never overflow" );
		InvalidationBacklog.Replay replay = backlog.replay();
		assertEquals( 1, replay.regions() );
		assertEquals( 1, books.evictions );
		assertTrue( books.invalidated.isEmpty() );
		assertEquals( 5, timestamps.invalidated.size() );
	}

	@Test
	void aFailedReplayKeepsTheRestForNextTime() {
		InvalidationBacklog backlog = new InvalidationBacklog( 10 );
		FakeTarget books = new FakeTarget( "books", true );
		backlog.entry( books, key( "k1" ) );
		books.down = true;
		assertFalse( backlog.replay().complete() );
		assertTrue( backlog.pending( books, key( "k1" ) ) );
		books.down = false;
		assertTrue( backlog.replay().complete() );
		assertTrue( backlog.isEmpty() );
	}

	@Test
	void aKeyRecordedAgainWhileBeingReplayedIsReplayedAgain() {
		InvalidationBacklog backlog = new InvalidationBacklog( 10 );
		FakeTarget books = new FakeTarget( "books", true );
		backlog.entry( books, key( "k1" ) );
		// a request's write on k1 fails while the replay of k1 is on its way: it may have failed after it
		books.duringInvalidate = () -> backlog.entry( books, key( "k1" ) );
		assertTrue( backlog.replay().complete() );
		assertTrue( backlog.pending( books, key( "k1" ) ), "the second failure must not be forgotten" );
		books.duringInvalidate = () -> { };
		backlog.replay();
		assertTrue( backlog.isEmpty() );
		assertEquals( List.of( "k1", "k1" ), books.invalidated );
	}

	@Test
	void zeroCapacityAlwaysEvictsWholeRegions() {
		InvalidationBacklog backlog = new InvalidationBacklog( 0 );
		FakeTarget books = new FakeTarget( "books", true );
		backlog.entry( books, key( "k1" ) );
		assertTrue( backlog.pendingRegion( books ) );
	}
}
