package dev.redisl2.hibernate.resilience;

import java.net.SocketTimeoutException;
import java.util.NoSuchElementException;

import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Sorts Redis client failures into what they mean for the circuit breaker, and describes them for a log line. */
public final class Failures {

	private Failures() {
	}

	/**
	 * What a failed call says about Redis: unreachable (slowly or quickly), or reachable and refusing this one
	 * command (a {@code null} kind: the breaker is not involved).
	 */
	public static CircuitBreaker.Failure classify(RuntimeException e) {
		if ( e instanceof JedisDataException data ) {
			// Redis answered. Only replies that mean "not serving anything right now" count against it.
			return unavailable( data ) ? CircuitBreaker.Failure.FAST : null;
		}
		if ( !( e instanceof JedisException ) ) {
			return null;
		}
		// connection failures, and a pool that could not hand out (or create) a connection
		for ( Throwable t = e; t != null; t = t.getCause() ) {
			if ( t instanceof SocketTimeoutException || t instanceof NoSuchElementException ) {
				return CircuitBreaker.Failure.SLOW;
			}
		}
		return CircuitBreaker.Failure.FAST;
	}

	private static boolean unavailable(JedisDataException e) {
		if ( e instanceof JedisBusyException ) {
			return true;
		}
		String message = e.getMessage();
		return message != null && ( message.startsWith( "LOADING" ) || message.startsWith( "MASTERDOWN" )
				|| message.startsWith( "READONLY" ) );
	}

	/**
	 * The class and message of the failure and of its causes, on one line. Redis client messages name
	 * hosts and commands, never credentials; no stack trace.
	 */
	public static String describe(Throwable e) {
		StringBuilder text = new StringBuilder();
		int depth = 0;
		for ( Throwable t = e; t != null && depth < 4; t = t.getCause(), depth++ ) {
			if ( depth > 0 ) {
				text.append( " <- " );
			}
			text.append( t.getClass().getSimpleName() );
			if ( t.getMessage() != null ) {
				text.append( ": " ).append( t.getMessage() );
			}
		}
		return text.toString();
	}
}
