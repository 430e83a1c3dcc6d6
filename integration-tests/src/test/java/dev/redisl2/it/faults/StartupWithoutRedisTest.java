package dev.redisl2.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.LogCapture;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;

/**
 * The SessionFactory starts while nothing listens on Redis's port; the application works on the database
 * alone, with one WARN for the whole outage; once a redis-server appears on the port, the provider connects
 * by itself (one INFO) and reads become cache hits.
 */
class StartupWithoutRedisTest {

	@Test
	void startsWithoutRedisThenConnectsWhenItAppears() throws Exception {
		int port = RedisServerProcess.findFreePort();
		EntityManagerFactory emf;
		List<String> outageLines;
		long id;
		try ( LogCapture log = LogCapture.start() ) {
			long started = System.nanoTime();
			emf = SampleApp.entityManagerFactory( SampleApp.UNIT_SAMPLE, SampleApp.settings()
					.redisUrl( "redis://127.0.0.1:" + port )
					.keyPrefix( "it-startup" )
					.jdbcUrl( SampleApp.h2MemUrl( "StartupWithoutRedis" ) )
					.schemaAction( "create" )
					.build() );
			long bootMillis = ( System.nanoTime() - started ) / 1_000_000L;
			System.out.println( "[fault] SessionFactory started without Redis in " + bootMillis + " ms" );
			assertTrue( FaultWorkload.factory( emf ).breaker().isOpen(), "the breaker should start open" );

			// the application works on the database alone
			id = TwoNodes.fromTx( emf, em -> {
				Book book = new Book( "isbn-start", "Before Redis", new BigDecimal( "3.00" ), LocalDate.of( 2001, 1, 1 ), Genre.FICTION, null );
				em.persist( book );
				return book.getId();
			} );
			for ( int i = 0; i < 20; i++ ) {
				assertEquals( "Before Redis", TwoNodes.fromTx( emf, em -> em.find( Book.class, id ) ).getTitle() );
			}
			TwoNodes.inTx( emf, em -> em.find( Book.class, id ).setTitle( "Still no Redis" ) );
			outageLines = log.lines().stream().filter( line -> line.contains( "redisl2:" ) ).toList();
		}
		try ( RedisServerProcess late = RedisServerProcess.builder().port( port ).name( "late" ).start();
				LogCapture log = LogCapture.start() ) {
			long appeared = System.nanoTime();
			while ( FaultWorkload.factory( emf ).breaker().isOpen() ) {
				assertTrue( System.nanoTime() - appeared < 10_000_000_000L, "the provider did not connect within 10 s" );
				Thread.sleep( 10 );
			}
			System.out.println( "[fault] connected " + ( System.nanoTime() - appeared ) / 1_000_000L + " ms after Redis appeared" );
			// the breaker closes before the recovery logs it: give the line a moment to be written
			for ( long waited = 0; log.lines( "INFO", "answers again" ).isEmpty() && waited < 2_000; waited += 10 ) {
				Thread.sleep( 10 );
			}
			assertEquals( 1, log.lines( "INFO", "answers again" ).size(), log.text() );

			// a fresh Redis has no region state: the first read creates it, which refuses loads that began before
			// (they could predate anything), the second read caches the row, the third is a hit
			for ( int i = 0; i < 2; i++ ) {
				assertEquals( "Still no Redis", TwoNodes.fromTx( emf, em -> em.find( Book.class, id ) ).getTitle() );
			}
			StatsProbe probe = StatsProbe.of( emf );
			assertEquals( "Still no Redis", TwoNodes.fromTx( emf, em -> em.find( Book.class, id ) ).getTitle() );
			assertEquals( 1, probe.l2Hits(), "reads are cache hits once Redis is there: " + probe );
			assertEquals( 0, probe.sql(), probe.toString() );
		}
		finally {
			emf.close();
		}
		assertEquals( 1, outageLines.size(), () -> "expected exactly one provider log line for the outage: " + outageLines );
		assertTrue( outageLines.get( 0 ).contains( "[WARN]" ) && outageLines.get( 0 ).contains( "no answer at startup" ), outageLines.get( 0 ) );
		assertFalse( outageLines.get( 0 ).contains( "\tat " ), "no stack trace" );
	}
}
