package dev.redisl2.hibernate.topology;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ClusterPromotionsTest {

	private static final String BEFORE = """
			a1 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-5460
			b1 127.0.0.1:7002@17002 master - 0 0 2 connected 5461-10922
			c1 127.0.0.1:7003@17003 master - 0 0 3 connected 10923-16383
			a2 127.0.0.1:7004@17004 slave a1 0 0 1 connected
			b2 127.0.0.1:7005@17005 slave b1 0 0 2 connected
			c2 127.0.0.1:7006@17006 slave c1 0 0 3 connected
			""";

	/** a1 failed; its replica a2 serves its slots. */
	private static final String AFTER = """
			a1 127.0.0.1:7001@17001 master,fail - 0 0 1 disconnected
			b1 127.0.0.1:7002@17002 myself,master - 0 0 2 connected 5461-10922
			c1 127.0.0.1:7003@17003 master - 0 0 3 connected 10923-16383
			a2 127.0.0.1:7004@17004 master - 0 0 7 connected 0-5460
			b2 127.0.0.1:7005@17005 slave b1 0 0 2 connected
			c2 127.0.0.1:7006@17006 slave c1 0 0 3 connected
			""";

	@Test
	void parse_findsMastersWithSlotsAndReplicas() {
		Set<String> masters = new HashSet<>();
		Set<String> replicas = new HashSet<>();
		ClusterPromotions.parse( BEFORE, masters, replicas );
		assertEquals( Set.of( "a1", "b1", "c1" ), masters );
		assertEquals( Set.of( "a2", "b2", "c2" ), replicas );

		masters.clear();
		replicas.clear();
		ClusterPromotions.parse( AFTER, masters, replicas );
		assertEquals( Set.of( "b1", "c1", "a2" ), masters, "a failed master and a master without slots do not count" );
		assertTrue( replicas.containsAll( Set.of( "b2", "c2" ) ) );
	}

	@Test
	void aReplicaServingSlotsIsAPromotion() {
		assertEquals( "a2", ClusterPromotions.promoted( replicas( BEFORE ), masters( AFTER ) ) );
		assertNull( ClusterPromotions.promoted( replicas( BEFORE ), masters( BEFORE ) ) );
	}

	@Test
	void aReshardIsNotAPromotion() {
		String moved = BEFORE.replace( "connected 0-5460", "connected 0-4000" ).replace( "connected 5461-10922", "connected 4001-10922" );
		Set<String> masters = new HashSet<>();
		Set<String> replicas = new HashSet<>();
		ClusterPromotions.parse( moved, masters, replicas );
		assertEquals( Set.of( "a1", "b1", "c1" ), masters );
		assertNull( ClusterPromotions.promoted( replicas( BEFORE ), masters ) );
	}

	private static Set<String> masters(String nodes) {
		Set<String> masters = new HashSet<>();
		ClusterPromotions.parse( nodes, masters, new HashSet<>() );
		return masters;
	}

	private static Set<String> replicas(String nodes) {
		Set<String> replicas = new HashSet<>();
		ClusterPromotions.parse( nodes, new HashSet<>(), replicas );
		return replicas;
	}
}
