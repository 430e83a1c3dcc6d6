package dev.redisl2.hibernate.resilience;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/** Logs at most one warning per interval and counts what it suppressed, so a burst of failures costs one line. */
public final class RateLimitedLog {

	private final Logger log;
	private final long intervalNanos;
	private final LongSupplier nanoClock;
	private final AtomicLong nextAllowed;
	private final AtomicLong suppressed = new AtomicLong();

	public RateLimitedLog(Logger log, long intervalNanos, LongSupplier nanoClock) {
		this.log = log;
		this.intervalNanos = intervalNanos;
		this.nanoClock = nanoClock;
		this.nextAllowed = new AtomicLong( nanoClock.getAsLong() );
	}

	public void warn(String message, Throwable cause) {
		long now = nanoClock.getAsLong();
		long allowed = nextAllowed.get();
		if ( now - allowed >= 0 && nextAllowed.compareAndSet( allowed, now + intervalNanos ) ) {
			long skipped = suppressed.getAndSet( 0 );
			String suffix = skipped > 0 ? " (" + skipped + " similar messages suppressed)" : "";
			// the cause's message only: a stack trace per failure is noise, and Jedis messages hold no secrets
			log.warn( printable( message + suffix + ( cause == null ? "" : ": " + cause ) ) );
		}
		else {
			suppressed.incrementAndGet();
		}
	}

	/**
	 * One line, no control characters: a cause's message may quote bytes read from Redis, and whoever can
	 * write there must not be able to forge log lines.
	 */
	static String printable(String text) {
		StringBuilder out = new StringBuilder( Math.min( text.length(), 2000 ) );
		for ( int i = 0; i < text.length() && out.length() < 2000; i++ ) {
			char c = text.charAt( i );
			out.append( Character.isISOControl( c ) ? ' ' : c );
		}
		return out.toString();
	}
}
