package dev.redisl2.hibernate.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.SocketTimeoutException;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

class FailuresTest {

	@Test
	void timeoutsAndPoolWaitsAreSlow() {
		assertEquals( CircuitBreaker.Failure.SLOW, Failures.classify( new JedisConnectionException( new SocketTimeoutException( "Read timed out" ) ) ) );
		assertEquals( CircuitBreaker.Failure.SLOW, Failures.classify(
				new JedisException( "Could not get a resource from the pool", new NoSuchElementException( "Timeout waiting for idle object" ) ) ) );
	}

	@Test
	void connectionFailuresAreFast_errorRepliesAreNotTheBreakersBusiness() {
		assertEquals( CircuitBreaker.Failure.FAST, Failures.classify( new JedisConnectionException( "Connection refused" ) ) );
		assertEquals( CircuitBreaker.Failure.FAST, Failures.classify( new JedisBusyException( "BUSY Redis is busy running a script" ) ) );
		assertEquals( CircuitBreaker.Failure.FAST, Failures.classify( new JedisDataException( "LOADING Redis is loading the dataset in memory" ) ) );
		assertNull( Failures.classify( new JedisDataException( "NOPERM this user has no permissions to run the 'info' command" ) ) );
		assertNull( Failures.classify( new JedisDataException( "OOM command not allowed when used memory > 'maxmemory'." ) ) );
		assertNull( Failures.classify( new IllegalStateException( "Pool not open" ) ) );
	}

	@Test
	void descriptionsAreOneLineWithCauses() {
		String text = Failures.describe( new JedisConnectionException( "Failed to connect", new java.net.ConnectException( "Connection refused" ) ) );
		assertEquals( "JedisConnectionException: Failed to connect <- ConnectException: Connection refused", text );
	}

	@Test
	void loggedTextHasNoControlCharacters() {
		String forged = RateLimitedLog.printable( "entry said: x\n[WARN] forged line\r\u0007" );
		assertFalse( forged.contains( "\n" ) || forged.contains( "\r" ) || forged.contains( "\u0007" ), forged );
	}
}
