package dev.redisl2.hibernate.near;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;

import dev.redisl2.hibernate.resilience.RateLimitedLog;

import org.jboss.logging.Logger;

/**
 * This node's subscription to Redis's invalidation messages for every near-cached region (server-assisted
 * client-side caching: {@code CLIENT TRACKING ... BCAST PREFIX}, redirected to a dedicated RESP2
 * connection subscribed to {@code __redis__:invalidate}, one per primary). Redis sends a message whenever
 * a key under a tracked prefix changes, expires or is evicted, and a flush message on {@code FLUSHALL}.
 *
 * <p>Messages can only be trusted while they provably arrive. Every {@code heartbeat} this node writes a
 * fresh key on each primary under its own tracked prefix; the message for it proves that every change that
 * primary made before that write has been delivered (one connection delivers a primary's messages in the
 * order it made the changes). The near caches serve only while every primary's proof is younger than four
 * heartbeats; otherwise they are emptied and bypassed, and they start empty when the channel comes back.
 * Hence the bound: a change made in Redis at time t is never served from a near cache after t + 4
 * heartbeats, and in practice not after the message's delivery time. On a Cluster the set of primaries is
 * re-read every ten heartbeats; a change (failover, new master) starts over with empty caches.
 */
public final class InvalidationChannel implements AutoCloseable {

	private static final Logger LOG = Logger.getLogger( InvalidationChannel.class );
	private static final String CHANNEL = "__redis__:invalidate";
	private static final int PROOFS_KEPT = 64;
	private static final int BEATS_PER_TOPOLOGY_CHECK = 10;

	private final Primaries primaries;
	private final String heartbeatPrefix;
	private final Consumer<byte[]> heartbeatWriter;
	private final long staleAfterNanos;
	private final List<NearCache> caches = new CopyOnWriteArrayList<>();
	private final AtomicLong sequence = new AtomicLong();
	private final AtomicBoolean holdsEntries = new AtomicBoolean();
	private final RateLimitedLog problems = new RateLimitedLog( LOG, 10_000_000_000L, System::nanoTime );
	private volatile List<Subscription> subscriptions = List.of();
	private volatile boolean closed;
	private long beats;

	/**
	 * @param heartbeatPrefix a key prefix of this node's own, e.g. {@code <key prefix>:~near:<owner>:}
	 * @param heartbeatWriter writes a short-lived key (through the normal client, which routes it to its primary)
	 */
	public InvalidationChannel(Primaries primaries, String heartbeatPrefix, Consumer<byte[]> heartbeatWriter, Duration heartbeat) {
		this.primaries = primaries;
		this.heartbeatPrefix = heartbeatPrefix;
		this.heartbeatWriter = heartbeatWriter;
		this.staleAfterNanos = heartbeat.toNanos() * 4;
	}

	/** A near cache for one region; the subscriptions are renewed to cover its prefix. */
	public synchronized NearCache register(String regionPrefix, boolean clusteredKeys, int maxEntries, Duration ttl) {
		NearCache cache = new NearCache( this, regionPrefix, clusteredKeys, maxEntries, ttl );
		caches.add( cache );
		subscriptions.forEach( Subscription::resubscribe ); // RESP2 allows no command on a subscribed connection
		return cache;
	}

	/** Whether near caches may serve: every primary subscribed, with a recent heartbeat proof. */
	public boolean healthy() {
		List<Subscription> all = subscriptions;
		boolean ok = !all.isEmpty();
		long now = System.nanoTime();
		for ( Subscription subscription : all ) {
			ok &= subscription.healthy( now );
		}
		if ( ok ) {
			if ( !holdsEntries.get() ) {
				holdsEntries.set( true ); // read first: this runs on every near-cache hit, on every thread
			}
		}
		else if ( holdsEntries.compareAndSet( true, false ) ) {
			emptyAll();
			problems.warn( "Near caches emptied and bypassed: no proof for " + staleAfterNanos / 1_000_000
					+ " ms that Redis's invalidation messages still arrive (Redis slow or unreachable); they refill once it is back", null );
		}
		return ok;
	}

	long sequence() {
		return sequence.get();
	}

	long nextSequence() {
		return sequence.incrementAndGet();
	}

	/** Writes the next heartbeat key on every primary; called every heartbeat by the factory's scheduler. */
	public synchronized void beat() {
		if ( closed ) {
			return;
		}
		if ( beats++ % BEATS_PER_TOPOLOGY_CHECK == 0 ) {
			followTopology();
		}
		for ( Subscription subscription : subscriptions ) {
			subscription.beat( beats );
		}
		healthy(); // empties the caches as soon as proofs stop, not only at the next read
	}

	/** (Re)subscribes when the set of primaries changed; the caches start empty with the new set. */
	private void followTopology() {
		List<Primaries.Primary> now;
		try {
			now = primaries.current();
		}
		catch (RuntimeException e) {
			problems.warn( "Near cache: cannot learn the Redis primaries; near caches are bypassed until it can", e );
			now = List.of();
		}
		List<Primaries.Primary> before = subscriptions.stream().map( Subscription::primary ).toList();
		if ( now.isEmpty() || now.equals( before ) ) {
			return;
		}
		List<Subscription> next = new ArrayList<>();
		for ( Primaries.Primary primary : now ) {
			next.add( new Subscription( primary ) );
		}
		List<Subscription> old = subscriptions;
		subscriptions = List.copyOf( next );
		old.forEach( Subscription::close );
		emptyAll();
		next.forEach( Subscription::start );
	}

	private void dispatch(Object reply, Subscription from) {
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
				from.proven( key.substring( key.lastIndexOf( ':' ) + 1 ) );
				continue;
			}
			for ( NearCache cache : caches ) {
				if ( key.startsWith( cache.regionPrefix() ) ) {
					cache.invalidated( key );
				}
			}
		}
	}

	private void emptyAll() {
		for ( NearCache cache : caches ) {
			cache.invalidateAll();
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
	public synchronized void close() {
		closed = true;
		subscriptions.forEach( Subscription::close );
		subscriptions = List.of();
		emptyAll();
	}

	/** One primary's connection, its listening thread and its heartbeat proofs. */
	private final class Subscription {

		private final Primaries.Primary primary;
		private final Map<Long, Long> beatSentAt = new ConcurrentHashMap<>();
		private final Thread listener;
		private volatile long provenAt;
		private volatile boolean proven;
		private volatile boolean subscribed;
		private volatile boolean stopped;
		private volatile boolean resubscribing;
		private volatile Connection current;

		Subscription(Primaries.Primary primary) {
			this.primary = primary;
			this.listener = new Thread( this::listen, "redisl2-near-cache-invalidations " + primary.address() );
			this.listener.setDaemon( true );
		}

		Primaries.Primary primary() {
			return primary;
		}

		void start() {
			listener.start();
		}

		boolean healthy(long now) {
			return subscribed && proven && now - provenAt < staleAfterNanos;
		}

		void beat(long n) {
			beatSentAt.put( n, System.nanoTime() );
			beatSentAt.remove( n - PROOFS_KEPT );
			String tag = primary.hashTag() == null ? "" : "{" + primary.hashTag() + "}:";
			heartbeatWriter.accept( ( heartbeatPrefix + tag + n ).getBytes( StandardCharsets.UTF_8 ) );
		}

		void proven(String beat) {
			try {
				Long sentAt = beatSentAt.get( Long.parseLong( beat ) );
				if ( sentAt != null && ( !proven || sentAt - provenAt > 0 ) ) {
					provenAt = sentAt;
					proven = true;
				}
			}
			catch (NumberFormatException ignored) {
				// not one of ours
			}
		}

		private void listen() {
			long backoffMillis = 50;
			while ( !stopped && !closed ) {
				try ( Connection connection = primaries.connect( primary ) ) {
					current = connection;
					subscribe( connection );
					backoffMillis = 50;
					while ( !stopped ) {
						dispatch( connection.getOne(), this );
					}
				}
				catch (RuntimeException e) {
					if ( resubscribing ) {
						resubscribing = false;
						continue;
					}
					if ( !stopped && !closed ) {
						problems.warn( "Near cache invalidation channel to " + primary.address()
								+ " lost; near caches are emptied and bypassed until it is back", e );
					}
				}
				finally {
					subscribed = false;
					current = null;
					emptyAll();
				}
				sleep( backoffMillis );
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
			proven = false;
			subscribed = true;
		}

		void resubscribe() {
			resubscribing = true;
			drop();
		}

		void close() {
			stopped = true;
			drop();
			listener.interrupt();
		}

		private void drop() {
			Connection connection = current;
			if ( connection != null ) {
				try {
					connection.close();
				}
				catch (RuntimeException ignored) {
					// the listener reconnects or stops either way
				}
			}
		}
	}
}
