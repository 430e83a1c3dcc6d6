package dev.redisl2.it.readwrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.hibernate.redis.RedisStore;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Product;
import dev.redisl2.sample.Review;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.sample.Supplier;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

/**
 * The adaptive association read-ahead ({@code read_ahead}), on real sessions and a real Redis, counted by
 * the provider (every command is one round trip; {@link RedisStore#keysRead()} counts the keys of every
 * {@code MGET}). The graph: a Product, its lazy Supplier, its cached collection of 3 cached Reviews.
 */
class AssociationReadAheadTest extends TwoNodeTestBase {

	/** Sessions that walk the graph before it is learned: 6 sampled walks take the ratio past 1/2. */
	private static final int LEARNING_WALKS = 10;

	@Override
	protected String unit() {
		return SampleApp.UNIT_GRAPH;
	}

	private long createGraph(EntityManagerFactory emf, String name) {
		return fromTx( emf, em -> {
			Supplier supplier = new Supplier( "Acme" );
			em.persist( supplier );
			Product product = new Product( name, supplier );
			em.persist( product );
			for ( int i = 1; i <= 3; i++ ) {
				em.persist( new Review( product, "review " + i, i ) );
			}
			return product.getId();
		} );
	}

	/** One session: find the product, touch its supplier, walk its reviews. Returns what it saw. */
	private static String walk(EntityManagerFactory emf, long id) {
		return fromTx( emf, em -> {
			Product product = em.find( Product.class, id );
			String supplier = product.getSupplier().getName();
			List<String> reviews = product.getReviews().stream().map( Review::getText ).toList();
			return product.getName() + "/" + supplier + "/" + reviews;
		} );
	}

	private static String find(EntityManagerFactory emf, long id) {
		return fromTx( emf, em -> em.find( Product.class, id ).getName() );
	}

	private static String findWithoutTransaction(EntityManagerFactory emf, long id) {
		var em = emf.createEntityManager();
		try {
			return em.find( Product.class, id ).getName();
		}
		finally {
			em.close();
		}
	}

	private static RedisStore store(EntityManagerFactory emf) {
		return ( (RedisRegionFactory) emf.unwrap( SessionFactoryImplementor.class ).getCache().getRegionFactory() ).store();
	}

	/** Round trips by command, and under "keys" the keys the MGETs asked for. */
	private static Map<String, Long> measure(EntityManagerFactory emf, Runnable work) {
		RedisStore store = store( emf );
		Map<String, Long> before = store.roundTripsByCommand();
		long keysBefore = store.keysRead();
		work.run();
		Map<String, Long> delta = new TreeMap<>();
		store.roundTripsByCommand().forEach( (command, n) -> {
			long d = n - before.getOrDefault( command, 0L );
			if ( d != 0 ) {
				delta.put( command, d );
			}
		} );
		delta.put( "keys", store.keysRead() - keysBefore );
		return delta;
	}

	private void learn(EntityManagerFactory emf, long id) {
		for ( int i = 0; i < LEARNING_WALKS; i++ ) {
			walk( emf, id );
		}
	}

	@Test
	void graphCostsTwoRoundTripsOnceLearned_findByIdStaysOne() {
		long id = createGraph( a, "Widget" );
		walk( a, id ); // fills the cache
		// before anything is learned: a find is one MGET of the entry and its region state
		assertEquals( Map.of( "MGET", 1L, "keys", 2L ), measure( a, () -> find( a, id ) ) );
		learn( a, id );
		StatsProbe stats = StatsProbe.of( a );
		// product + reviews collection (with both region states), then supplier + 3 reviews (with theirs)
		assertEquals( Map.of( "MGET", 2L, "keys", 4L + 6L ), measure( a, () -> assertEquals( "Widget/Acme/[review 1, review 2, review 3]", walk( a, id ) ) ) );
		assertEquals( 0, stats.sql(), "every entity and the collection came from the cache" );
		// a find that does not walk still costs one round trip (the learned collection rides along)
		assertEquals( Map.of( "MGET", 1L, "keys", 4L ), measure( a, () -> find( a, id ) ) );
	}

	@Test
	void aWorkloadThatStopsWalkingStopsReadingAhead() {
		long id = createGraph( a, "Gadget" );
		walk( a, id );
		learn( a, id );
		assertEquals( Map.of( "MGET", 1L, "keys", 4L ), measure( a, () -> find( a, id ) ), "learned: the collection rides along" );
		// (32 sampled loads first, then 1 in 8): 6 sampled sessions that do not walk unlearn it
		for ( int i = 0; i < 6 * 8; i++ ) {
			find( a, id );
		}
		for ( int i = 0; i < 5; i++ ) {
			assertEquals( Map.of( "MGET", 1L, "keys", 2L ), measure( a, () -> find( a, id ) ), "unlearned: one entry and its state" );
		}
		// relearned (past its first 32 loads an entity is sampled 1 in 8: 6 sampled walks take up to 48), then
		// unlearned by sessions that never begin a transaction (so never complete one)
		for ( int i = 0; i < 6 * 8; i++ ) {
			walk( a, id );
		}
		assertEquals( Map.of( "MGET", 1L, "keys", 4L ), measure( a, () -> find( a, id ) ), "relearned" );
		for ( int i = 0; i < 6 * 8; i++ ) {
			findWithoutTransaction( a, id );
		}
		for ( int i = 0; i < 5; i++ ) {
			assertEquals( Map.of( "MGET", 1L, "keys", 2L ), measure( a, () -> findWithoutTransaction( a, id ) ),
					"unlearned without a transaction" );
		}
		// and a workload that never walks never reads ahead at all
		long other = createGraph( a, "Gizmo" );
		find( a, other );
		for ( int i = 0; i < 40; i++ ) {
			assertEquals( Map.of( "MGET", 1L, "keys", 2L ), measure( a, () -> find( a, other ) ) );
		}
	}

	@Test
	void readAheadOff_theGraphCostsWhatItCostToday() {
		try ( TwoNodes off = TwoNodes.open( redis, SampleApp.UNIT_GRAPH, getClass(), "off",
				Map.of( RedisCacheSettings.READ_AHEAD, "off" ) ) ) {
			EntityManagerFactory emf = off.a();
			long id = createGraph( emf, "Sprocket" );
			walk( emf, id );
			learn( emf, id );
			// product 1, supplier 1, reviews collection 1, its 3 elements in one MGET 1
			assertEquals( Map.of( "MGET", 4L, "keys", 2L + 2L + 2L + 4L ),
					measure( emf, () -> assertEquals( "Sprocket/Acme/[review 1, review 2, review 3]", walk( emf, id ) ) ) );
			assertEquals( Map.of( "MGET", 1L, "keys", 2L ), measure( emf, () -> find( emf, id ) ) );
		}
	}

	@Test
	void anotherNodesChangesAreSeen_nothingReadAheadIsStale() {
		long id = createGraph( a, "Bolt" );
		walk( a, id );
		walk( b, id );
		learn( a, id );
		assertEquals( Map.of( "MGET", 2L, "keys", 10L ), measure( a, () -> walk( a, id ) ), "learned" );

		// B changes the to-one target (an entity update: B's read-write lock, then its new value)
		inTx( b, em -> em.find( Supplier.class, em.find( Product.class, id ).getSupplier().getId() ).setName( "Acme 2" ) );
		assertEquals( "Bolt/Acme 2/[review 1, review 2, review 3]", walk( a, id ) );

		// B adds an element: the cached collection is evicted by B
		inTx( b, em -> em.persist( new Review( em.find( Product.class, id ), "review 4", 4 ) ) );
		assertEquals( "Bolt/Acme 2/[review 1, review 2, review 3, review 4]", walk( a, id ) );

		// B changes an element
		inTx( b, em -> em.find( Product.class, id ).getReviews().get( 0 ).setText( "review 1, edited" ) );
		assertEquals( "Bolt/Acme 2/[review 1, edited, review 2, review 3, review 4]", walk( a, id ) );

		// B bulk-updates the suppliers: a new generation of the region; the old entry is still in Redis, and
		// only the region state read in the same MGET tells A it is no longer current
		inTx( b, em -> em.createQuery( "update Supplier s set s.name = 'Acme 3'" ).executeUpdate() );
		assertEquals( "Bolt/Acme 3/[review 1, edited, review 2, review 3, review 4]", walk( a, id ) );

		// B evicts the reviews region: the elements read ahead are of the old generation
		inTx( b, em -> em.createQuery( "update Review r set r.stars = 5" ).executeUpdate() );
		inTx( b, em -> em.createNativeQuery( "update Review set text = 'bulk' where text = 'review 2'" )
				.unwrap( org.hibernate.query.NativeQuery.class ).addSynchronizedEntityClass( Review.class ).executeUpdate() );
		assertEquals( "Bolt/Acme 3/[review 1, edited, bulk, review 3, review 4]", walk( a, id ) );

		// and once relearned after all that, still right, still 2 round trips
		learn( a, id );
		assertEquals( Map.of( "MGET", 2L, "keys", 4L + 7L ), measure( a, () ->
				assertEquals( "Bolt/Acme 3/[review 1, edited, bulk, review 3, review 4]", walk( a, id ) ) ) );
	}

	@Test
	void withNearCaches_anotherNodesChangesAreSeen() throws InterruptedException {
		try ( TwoNodes near = TwoNodes.open( redis, SampleApp.UNIT_GRAPH, getClass(), "near",
				Map.of( RedisCacheSettings.NEAR_CACHE_MAX_ENTRIES, "1000" ) ) ) {
			EntityManagerFactory na = near.a();
			EntityManagerFactory nb = near.b();
			long id = createGraph( na, "Nut" );
			walk( na, id );
			walk( nb, id );
			learn( na, id );
			assertEquals( "Nut/Acme/[review 1, review 2, review 3]", walk( na, id ) );
			inTx( nb, em -> em.find( Supplier.class, em.find( Product.class, id ).getSupplier().getId() ).setName( "Acme 2" ) );
			inTx( nb, em -> em.persist( new Review( em.find( Product.class, id ), "review 4", 4 ) ) );
			inTx( nb, em -> em.find( Product.class, id ).getReviews().get( 0 ).setText( "review 1, edited" ) );
			String expected = "Nut/Acme 2/[review 1, edited, review 2, review 3, review 4]";
			// a near cache drops an entry when Redis's invalidation message arrives: within milliseconds
			long deadline = System.nanoTime() + 2_000_000_000L;
			while ( !walk( na, id ).equals( expected ) && System.nanoTime() < deadline ) {
				Thread.sleep( 10 );
			}
			for ( int i = 0; i < 20; i++ ) {
				assertEquals( expected, walk( na, id ) );
			}
		}
	}

	@Test
	void aSessionSeesItsOwnWritesOverWhatItReadAhead() {
		long id = createGraph( a, "Washer" );
		walk( a, id );
		learn( a, id );
		String seen = fromTx( a, em -> {
			Product product = em.find( Product.class, id ); // its reviews collection is read ahead with it
			em.persist( new Review( product, "review 4", 4 ) );
			em.flush(); // evicts the cached collection (hibernate.cache.auto_evict_collection_cache)
			em.find( Supplier.class, product.getSupplier().getId() ).setName( "Acme 2" );
			em.flush();
			return product.getSupplier().getName() + "/" + product.getReviews().stream().map( Review::getText ).toList();
		} );
		assertEquals( "Acme 2/[review 1, review 2, review 3, review 4]", seen );
		assertEquals( "Washer/Acme 2/[review 1, review 2, review 3, review 4]", walk( a, id ) );
		String bulk = "update Review r set r.text = concat(r.text, '!')";
		inTx( b, em -> em.createQuery( bulk ).executeUpdate() ); // compiled once on node A below, so that it runs quickly
		inTx( a, em -> em.createQuery( bulk ).executeUpdate() );
		learn( a, id );
		String afterBulk = fromTx( a, em -> {
			Product product = em.find( Product.class, id );
			product.getSupplier().getName(); // reads the supplier and the reviews ahead, in one MGET
			em.createQuery( bulk ).executeUpdate(); // a new generation of the Review region (and of the collection's)
			return product.getReviews().stream().map( Review::getText ).toList().toString();
		} );
		assertEquals( "[review 1!!!, review 2!!!, review 3!!!, review 4!!!]", afterBulk );
	}

	@Test
	void withTheNegativeCache_theLearnedGraphStillCostsTwoRoundTrips() {
		try ( TwoNodes negative = TwoNodes.open( redis, SampleApp.UNIT_GRAPH, getClass(), "negative",
				Map.of( RedisCacheSettings.NEGATIVE_TTL, "30s" ) ) ) {
			EntityManagerFactory emf = negative.a();
			long id = createGraph( emf, "Rivet" );
			walk( emf, id );
			learn( emf, id );
			// the negative cache reads the supplier's entry before its load: that read is the read-ahead's second step
			assertEquals( Map.of( "MGET", 2L, "keys", 10L ),
					measure( emf, () -> assertEquals( "Rivet/Acme/[review 1, review 2, review 3]", walk( emf, id ) ) ) );
			// a missing supplier is still known missing (its marker read ahead and served as such)
			assertNull( fromTx( emf, em -> em.find( Supplier.class, 999_999L ) ) );
			assertEquals( Map.of( "MGET", 1L, "keys", 2L ), measure( emf, () -> assertNull(
					fromTx( emf, em -> em.find( Supplier.class, 999_999L ) ) ) ) );
		}
	}
}
