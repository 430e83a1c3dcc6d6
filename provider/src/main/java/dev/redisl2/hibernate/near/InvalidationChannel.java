package dev.redisl2.hibernate.near;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;

import dev.redisl2.hibernate.resilience.RateLimitedLog;

import org.jboss.logging.Logger;

/**
 * This node's subscription to Redis's invalidation messages for every near-cached region (server-assisted
 * client-side caching: {@code CLIENT TRACKING ... BCAST PREFIX}, redirected to one dedicated RESP2
 * connection subscribed to {@code __redis__:invalidate}). Redis sends a message whenever a key under a
 * tracked prefix changes, expires or is evicted, and a flush message on {@code FLUSHALL}.
 *
 * <p>Messages can only be trusted while they provably arrive. Every {@code heartbeat} this node writes a
 * fresh key under its own tracked prefix; the message for it proves that every change Redis made before
 * that write has been delivered (messages arrive in the order Redis executed the changes). The near
 * caches serve only while such a proof is younger than four heartbeats and the connection is up;
 * otherwise they are emptied and bypassed, and they start empty when the channel comes back. Hence the
 * bound: a change made in Redis at time t is never served from a near cache after t + 4 heartbeats,
 * and in practice after the message's delivery time (sub-millisecond on a LAN).
 */
public final class InvalidationChannel implements AutoCloseable {

	private static final Logger LOG = Logger.getLogger( InvalidationChannel.class );
	private static final String CHANNEL = "__redis__:invalidate";
	private static final int PROOFS_KEPT = 64;

	private final Supplier<Connection> connector;
	private final String heartbeatPrefix;
	private final Consumer<byte[]> heartbeatWriter;
	private final Duration heartbeat;
	private final long staleAfterNanos;
	private final List<NearCache> caches = new CopyOnWriteArrayList<>();
	private final AtomicLong sequence = new AtomicLong();
	private final AtomicLong beats = new AtomicLong();
	private final Map<Long, Long> beatSentAt = new ConcurrentHashMap<>();
	private final AtomicBoolean holdsEntries = new AtomicBoolean();
	private final RateLimitedLog problems = new RateLimitedLog( LOG, 10_000_000_000L, System::nanoTime );
	private volatile long provenAt;
	private volatile boolean proven;
	private volatile boolean subscribed;
	private volatile boolean closed;
	private volatile boolean resubscribing;
	private volatile Connection current;
	private Thread listener;

	/**
	 * @param connector opens a dedicated connection to the primary (no read timeout shorter than a few heartbeats)
	 * @param heartbeatPrefix a key prefix of this node's own, e.g. {@code <key prefix>:~near:<owner>:}
	 * @param heartbeatWriter writes a short-lived key (through the normal client)
	 */
	public InvalidationChannel(Supplier<Connection> connector, String heartbeatPrefix, Consumer<byte[]> heartbeatWriter,
			Duration heartbeat) {
		this.connector = connector;
		this.heartbeatPrefix = heartbeatPrefix;
		this.heartbeatWriter = heartbeatWriter;
		this.heartbeat = heartbeat;
		this.staleAfterNanos = heartbeat.toNanos() * 4;
	}

	/** A near cache for one region; the subscription is renewed to cover its prefix. */
	public synchronized NearCache register(String regionPrefix, int maxEntries, Duration ttl) {
		NearCache cache = new NearCache( this, regionPrefix, maxEntries, ttl );
		caches.add( cache );
		if ( listener == null ) {
			listener = new Thread( this::listen, "redisl2-near-cache-invalidations" );
			listener.setDaemon( true );
			listener.start();
		}
		else {
			resubscribing = true;
			dropConnection(); // RESP2 allows no command on a subscribed connection: resubscribe with the new prefix
		}
		return cache;
	}

	/** Whether near caches may serve: subscribed, and the newest heartbeat proof is recent. */
	public boolean healthy() {
		boolean ok = subscribed && proven && System.nanoTime() - provenAt < staleAfterNanos;
		if ( ok ) {
			holdsEntries.set( true );
		}
		else if ( holdsEntries.compareAndSet( true, false ) ) {
			emptyAll();
		}
		return ok;
	}

	long sequence() {
		return sequence.get();
	}

	long nextSequence() {
		return sequence.incrementAndGet();
	}

	/** Writes the next heartbeat key; called every {@link #heartbeatInterval()} by the factory's scheduler. */
	public void beat() {
		if ( closed ) {
			return;
		}
		long n = beats.incrementAndGet();
		beatSentAt.put( n, System.nanoTime() );
		beatSentAt.remove( n - PROOFS_KEPT );
		heartbeatWriter.accept( ( heartbeatPrefix + n ).getBytes( StandardCharsets.UTF_8 ) );
		healthy(); // empties the caches as soon as proofs stop, not only at the next read
	}

	public Duration heartbeatInterval() {
		return heartbeat;
	}

	private void listen() {
		long backoffMillis = 50;
		while ( !closed ) {
			try ( Connection connection = connector.get() ) {
				current = connection;
				subscribe( connection );
				backoffMillis = 50;
				while ( !closed ) {
					dispatch( connection.getOne() );
				}
			}
			catch (RuntimeException e) {
				if ( resubscribing ) {
					resubscribing = false;
				}
				else if ( !closed ) {
					problems.warn( "Near cache invalidation channel lost; near caches are emptied and bypassed until it is back", e );
				}
			}
			finally {
				subscribed = false;
				current = null;
				emptyAll();
			}
			sleep( resubscribing ? 0 : backoffMillis );
			backoffMillis = Math.min( 1000, backoffMillis * 2 );
		}
	}

	private void subscribe(Connection connection) {
		Object id = connection.executeCommand( new CommandArguments( Protocol.Command.CLIENT ).add( "ID" ) );
		CommandArguments tracking = new CommandArguments( Protocol.Command.CLIENT )
				.add( "TRACKING" ).add( "ON" ).add( "REDIRECT" ).add( String.valueOf( id ) ).add( "BCAST" );
		tracking.add( "PREFIX" ).add( heartbeatPrefix );
		for ( NearCache cache : caches ) {
			tracking.add( "PREFIX" ).add( cache.regionPrefix() );
		}
		connection.executeCommand( tracking );
		connection.sendCommand( Protocol.Command.SUBSCRIBE, CHANNEL );
		connection.getOne(); // the subscription's confirmation
		emptyAll(); // whatever was cached before this subscription may have missed messages
		subscribed = true;
	}

	private void dispatch(Object reply) {
		if ( !( reply instanceof List<?> message ) || message.size() < 3 || !"message".equals( text( message.get( 0 ) ) ) ) {
			return;
		}
		Object payload = message.get( 2 );
		if ( !( payload instanceof List<?> keys ) ) {
			emptyAll(); // FLUSHALL / FLUSHDB: Redis names no key
			return;
		}
		for ( Object raw : keys ) {
			String key = text( raw );
			if ( key.startsWith( heartbeatPrefix ) ) {
				proven( key );
				continue;
			}
			for ( NearCache cache : caches ) {
				if ( key.startsWith( cache.regionPrefix() ) ) {
					cache.invalidated( key );
				}
			}
		}
	}

	private void proven(String key) {
		try {
			Long sentAt = beatSentAt.get( Long.parseLong( key.substring( heartbeatPrefix.length() ) ) );
			if ( sentAt != null && ( !proven || sentAt - provenAt > 0 ) ) {
				provenAt = sentAt;
				proven = true;
			}
		}
		catch (NumberFormatException ignored) {
			// not one of ours
		}
	}

	private void emptyAll() {
		for ( NearCache cache : caches ) {
			cache.invalidateAll();
		}
	}

	private void dropConnection() {
		Connection connection = current;
		if ( connection != null ) {
			try {
				connection.close();
			}
			catch (RuntimeException ignored) {
				// the listener reconnects either way
			}
		}
	}

	private static String text(Object o) {
		return o instanceof byte[] bytes ? new String( bytes, StandardCharsets.UTF_8 ) : String.valueOf( o );
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		closed = true;
		subscribed = false;
		dropConnection();
		emptyAll();
		Thread thread = listener;
		if ( thread != null ) {
			thread.interrupt();
		}
	}
}
