package dev.redisl2.it.nativequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Tuple;

import org.hibernate.jpa.HibernateHints;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code createNativeQuery(...).setCacheable(true)} with entity, tuple, scalar, mixed, extra-column and
 * {@code addScalar} results: the first run is a query cache miss and put, the second (in a new session) a
 * hit that runs no SQL and returns equal results. Hibernate stores a native result with its column metadata
 * first; before the codec carried it, every one of these was refused and never hit.
 */
@ExtendWith(PrivateRedisExtension.class)
abstract class NativeQueryCacheCases {

	private EntityManagerFactory emf;

	/** JDBC settings (url, driver, user, schema) of the database under test. */
	protected abstract Map<String, Object> database(String testName);

	@BeforeEach
	void open(RedisServerProcess redis, TestInfo info) {
		String name = info.getTestMethod().map( m -> m.getName() ).orElse( "test" );
		emf = SampleApp.entityManagerFactory( SampleApp.UNIT_SAMPLE, SampleApp.settings()
				.redisUrl( redis.url() )
				.keyPrefix( "it-native-" + getClass().getSimpleName() + "-" + name )
				.schemaAction( "create-drop" )
				.setAll( database( name ) )
				.build() );
		TwoNodes.inTx( emf, em -> {
			for ( long id = 1; id <= 5; id++ ) {
				em.persist( new Counter( id, id * 10 ) );
			}
		} );
	}

	@AfterEach
	void close() {
		if ( emf != null ) {
			emf.close();
		}
	}

	@Test
	void entityResult() {
		assertSecondRunIsAHit( em -> em.createNativeQuery( "select * from Counter where counter_value >= 20 order by id", Counter.class )
				.setHint( HibernateHints.HINT_CACHEABLE, true ).getResultList(), NativeQueryCacheCases::counters );
	}

	@Test
	void entityResultWithAnExtraColumn() {
		assertSecondRunIsAHit( em -> em.createNativeQuery(
						"select c.*, 'extra' as extra_text, c.counter_value + 1 as extra_number from Counter c order by c.id", Counter.class )
				.setHint( HibernateHints.HINT_CACHEABLE, true ).getResultList(), NativeQueryCacheCases::counters );
	}

	@Test
	void tupleResult() {
		assertSecondRunIsAHit( em -> em.createNativeQuery( "select id, counter_value from Counter order by id", Tuple.class )
				.setHint( HibernateHints.HINT_CACHEABLE, true ).getResultList(),
				rows -> rows.stream().map( row -> Arrays.asList( ( (Tuple) row ).toArray() ) ).toList() );
	}

	@Test
	void scalarResult() {
		assertSecondRunIsAHit( em -> em.createNativeQuery( "select counter_value from Counter order by id" )
				.setHint( HibernateHints.HINT_CACHEABLE, true ).getResultList(), rows -> rows );
	}

	@Test
	void scalarRowsOfSeveralTypes() {
		assertSecondRunIsAHit( em -> em.createNativeQuery(
						"select id, counter_value, 'n' || cast(id as varchar(10)) as label, counter_value * 1.5 as ratio,"
								+ " current_date as today, id > 2 as big from Counter order by id" )
				.setHint( HibernateHints.HINT_CACHEABLE, true ).getResultList(), NativeQueryCacheCases::arrays );
	}

	@Test
	void mixedEntityAndScalar() {
		assertSecondRunIsAHit( em -> em.createNativeQuery( "select {c.*}, c.counter_value * 2 as doubled from Counter c order by c.id" )
				.unwrap( NativeQuery.class )
				.addEntity( "c", Counter.class )
				.addScalar( "doubled", StandardBasicTypes.LONG )
				.setCacheable( true ).getResultList(),
				rows -> rows.stream().map( row -> {
					Object[] pair = (Object[]) row;
					Counter counter = (Counter) pair[0];
					return List.of( counter.getId(), counter.getValue(), pair[1] );
				} ).toList() );
	}

	@Test
	void addScalar() {
		assertSecondRunIsAHit( em -> em.createNativeQuery( "select id as k, counter_value as v from Counter order by id" )
				.unwrap( NativeQuery.class )
				.addScalar( "k", StandardBasicTypes.LONG )
				.addScalar( "v", StandardBasicTypes.INTEGER )
				.setCacheable( true ).getResultList(), NativeQueryCacheCases::arrays );
	}

	private void assertSecondRunIsAHit(Function<EntityManager, List<?>> query, Function<List<?>, List<?>> comparable) {
		StatsProbe first = StatsProbe.of( emf );
		List<?> computed = TwoNodes.fromTx( emf, em -> comparable.apply( query.apply( em ) ) );
		assertFalse( computed.isEmpty() );
		assertEquals( 1, first.queryMisses(), "first run: " + first );
		assertEquals( 1, first.queryPuts(), "first run is cached: " + first );

		StatsProbe second = StatsProbe.of( emf );
		List<?> cached = TwoNodes.fromTx( emf, em -> comparable.apply( query.apply( em ) ) );
		assertEquals( 1, second.queryHits(), "second run is a query cache hit: " + second );
		assertEquals( 0, second.queryMisses(), second.toString() );
		assertEquals( 0, second.sql(), "second run runs no SQL: " + second );
		assertEquals( computed, cached, "the cached result equals the computed one" );
	}

	private static List<?> counters(List<?> rows) {
		return rows.stream().map( row -> List.of( ( (Counter) row ).getId(), ( (Counter) row ).getValue() ) ).toList();
	}

	private static List<?> arrays(List<?> rows) {
		List<Object> out = new ArrayList<>();
		for ( Object row : rows ) {
			out.add( Arrays.asList( (Object[]) row ) );
		}
		return out;
	}
}
