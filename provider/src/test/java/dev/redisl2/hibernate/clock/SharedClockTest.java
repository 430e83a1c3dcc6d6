package dev.redisl2.hibernate.clock;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SharedClockTest {

	private final AtomicLong nanos = new AtomicLong( 1_000_000_000L );

	@Test
	void followsRedisTime_withTheShortestRoundTripSample() {
		SharedClock clock = new SharedClock( nanos::get, () -> 5_000_000L );
		// each TIME call takes 2 ms except the second, 200 µs; Redis reads 100 s + 0 µs
		long[] trips = { 2_000_000L, 200_000L, 2_000_000L };
		int[] call = { 0 };
		assertTrue( clock.sync( () -> {
			nanos.addAndGet( trips[call[0]++] / 2 );
			List<String> time = List.of( "100", "0" );
			nanos.addAndGet( trips[call[0] - 1] / 2 );
			return time;
		}, 3 ) );
		assertEquals( 100, clock.uncertaintyMicros() );
		assertTrue( clock.synced() );
		// 1 ms after the last sample's midpoint... the estimate advances with the local monotonic clock
		long before = clock.now();
		nanos.addAndGet( 1_000_000L );
		assertEquals( before + 1000, clock.now() );
	}

	@Test
	void next_isStrictlyIncreasing_evenWhenTimeStandsStillOrResyncMovesBack() {
		SharedClock clock = new SharedClock( nanos::get, () -> 5_000_000_000L );
		long a = clock.next();
		long b = clock.next();
		assertTrue( b > a );
		clock.sync( () -> List.of( "1", "0" ), 1 ); // Redis says "much earlier"
		long c = clock.next();
		assertTrue( c > b );
	}

	@Test
	void aWorseMeasurementUnderLoad_doesNotReplaceABetterOne() {
		SharedClock clock = new SharedClock( nanos::get, () -> 0L );
		clock.sync( () -> {
			nanos.addAndGet( 100_000L ); // 200 µs round trip: ±100 µs
			List<String> t = List.of( "100", "0" );
			nanos.addAndGet( 100_000L );
			return t;
		}, 1 );
		assertEquals( 100, clock.uncertaintyMicros() );
		long before = clock.now();
		assertTrue( clock.sync( () -> {
			nanos.addAndGet( 5_000_000L ); // 10 ms round trip, and a reading 3 s off
			List<String> t = List.of( "103", "0" );
			nanos.addAndGet( 5_000_000L );
			return t;
		}, 1 ) );
		assertEquals( 100, clock.uncertaintyMicros(), "the better measurement stays" );
		assertEquals( before + 10_000, clock.now(), "time advanced by the local clock only" );
	}

	@Test
	void unreachableRedis_keepsTheWallClockAndSaysSo() {
		SharedClock clock = new SharedClock( nanos::get, () -> 42_000_000L );
		assertFalse( clock.sync( () -> null, 3 ) );
		assertFalse( clock.synced() );
		assertEquals( 42_000_000L, clock.now() );
	}
}
