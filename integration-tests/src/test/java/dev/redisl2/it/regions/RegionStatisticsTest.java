package dev.redisl2.it.regions;

import static org.junit.jupiter.api.Assertions.*;

import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Counter;

import org.hibernate.SessionFactory;
import org.hibernate.stat.CacheRegionStatistics;
import org.junit.jupiter.api.Test;

/** Hibernate's per-region element counts: the keys of the region in Redis, as any node sees them. */
class RegionStatisticsTest extends TwoNodeTestBase {

	@Test
	void elementCount_isTheRegionsKeysInRedis_seenFromTheOtherNode() {
		for ( long id = 1; id <= 3; id++ ) {
			long row = id;
			inTx( a, em -> em.persist( new Counter( row, row ) ) );
		}
		CacheRegionStatistics stats = b.unwrap( SessionFactory.class ).getStatistics()
				.getDomainDataRegionStatistics( Counter.class.getName() );
		assertEquals( 3, stats.getElementCountInMemory(), "three inserted rows, cached by node A, counted by node B" );
		assertEquals( 0, stats.getElementCountOnDisk() );
		assertEquals( -1, stats.getSizeInMemory() );
	}
}
