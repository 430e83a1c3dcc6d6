package dev.redisl2.it.semantics;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Counter;

import org.junit.jupiter.api.Test;

/**
 * Issue 12, hole 8b: under REPEATABLE READ a transaction reads a snapshot as old as itself. A tombstone or
 * released lock lives {@code tombstone_ttl}; a load from a transaction that began longer ago than that may
 * have read a row whose change's marker has expired since, so it is not cached.
 */
class LongSnapshotTest extends TwoNodeTestBase {

	@Override
	protected Map<String, Object> settings() {
		return Map.of( "hibernate.cache.redis.tombstone_ttl", "1s" );
	}

	@Test
	void aLoadFromATransactionOlderThanAMarkerCanLive_isNotCached() throws Exception {
		inTx( a, em -> em.persist( new Counter( 5L, 1 ) ) );
		evictAll();
		inTx( b, em -> {
			try {
				Thread.sleep( 1_200 ); // the transaction began before: its snapshot may predate an expired marker
			}
			catch (InterruptedException e) {
				throw new IllegalStateException( e );
			}
			em.find( Counter.class, 5L );
		} );
		StatsProbe old = StatsProbe.of( a );
		fromTx( a, em -> em.find( Counter.class, 5L ) );
		assertEquals( 1, old.sql(), "the long transaction's load was not cached: " + old );

		StatsProbe fresh = StatsProbe.of( a );
		fromTx( a, em -> em.find( Counter.class, 5L ) );
		assertEquals( 0, fresh.sql(), "a short transaction's load is: " + fresh );
	}
}
