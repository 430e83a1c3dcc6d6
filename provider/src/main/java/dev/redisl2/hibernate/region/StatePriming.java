package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

/**
 * Reads or creates the state of every region built so far, once the SessionFactory is built. A state that
 * a load finds missing is created "invalidated now", which refuses every load of a transaction that began
 * before it: without this, the first transaction of a fresh application would cache nothing.
 * <p>
 * Cost: one pipelined {@code region.lua init} for all regions (one round trip per master), and on a cluster
 * one more pipelined round trip per master that writes the state copies of the regions whose state was
 * created now. Nothing on the path of reads and writes changes. When Redis does not answer at startup,
 * nothing is done here and every region creates its state lazily, as before.
 */
public final class StatePriming {

	private static final Logger LOG = Logger.getLogger( StatePriming.class );

	private StatePriming() {
	}

	/** @return how many regions now know their state (0 when Redis did not answer) */
	public static int prime(CacheContext context) {
		List<RegionStorage> regions = List.copyOf( context.regions() );
		if ( regions.isEmpty() ) {
			return 0;
		}
		long now = context.clock().next();
		List<byte[]> keys = new ArrayList<>( regions.size() );
		List<List<byte[]>> args = new ArrayList<>( regions.size() );
		List<byte[]> initArgs = List.of( ascii( "init" ), ascii( Long.toString( now ) ),
				ascii( Long.toString( context.lockTimeoutMicros() ) ) );
		for ( RegionStorage region : regions ) {
			keys.add( region.stateKey() );
			args.add( initArgs );
		}
		List<Object> replies = context.store().call( "REGION STATES",
				c -> ScriptBatch.run( c, context.regionScript(), keys, args ) );
		if ( replies == null ) {
			return 0;
		}
		List<RegionStorage> created = new ArrayList<>();
		List<RegionState> createdStates = new ArrayList<>();
		int known = 0;
		for ( int i = 0; i < regions.size(); i++ ) {
			RegionState state = replies.get( i ) instanceof byte[] raw ? RegionState.parse( raw ) : null;
			if ( state == null ) {
				continue;
			}
			known++;
			if ( regions.get( i ).adoptPrimed( state ) && state.generation() == now ) {
				created.add( regions.get( i ) );
				createdStates.add( state );
			}
		}
		publishCopies( context, created, createdStates );
		LOG.debugf( "redisl2: state of %d of %d regions read or created at startup (%d created)", known, regions.size(),
				created.size() );
		return known;
	}

	/**
	 * Cluster only: the copies of the regions whose state was just created, all in one pipeline. A region
	 * whose copies could not all be written, or held a newer generation, takes the careful path of a
	 * single region ({@link RegionStorage#publishState}).
	 */
	private static void publishCopies(CacheContext context, List<RegionStorage> regions, List<RegionState> states) {
		List<byte[]> keys = new ArrayList<>();
		List<List<byte[]>> args = new ArrayList<>();
		List<Integer> owner = new ArrayList<>();
		for ( int r = 0; r < regions.size(); r++ ) {
			List<byte[]> copies = regions.get( r ).stateCopyKeys();
			List<byte[]> text = List.of( ascii( RegionStorage.text( states.get( r ) ) ) );
			for ( byte[] copy : copies ) {
				keys.add( copy );
				args.add( text );
				owner.add( r );
			}
		}
		if ( keys.isEmpty() ) {
			return;
		}
		List<Object> replies = context.store().call( "STATE COPIES",
				c -> ScriptBatch.run( c, context.stateCopyScript(), keys, args ) );
		boolean[] needsCare = new boolean[regions.size()];
		for ( int i = 0; i < keys.size(); i++ ) {
			Object reply = replies == null ? null : replies.get( i );
			// 1 written, 0 already there; a state text means a copy ahead of the new state
			if ( !( reply instanceof Long ) ) {
				needsCare[owner.get( i )] = true;
			}
		}
		for ( int r = 0; r < regions.size(); r++ ) {
			if ( needsCare[r] ) {
				regions.get( r ).publishState( states.get( r ) );
			}
		}
	}

	private static byte[] ascii(String text) {
		return text.getBytes( StandardCharsets.US_ASCII );
	}
}
