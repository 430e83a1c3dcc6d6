package dev.redisl2.hibernate.near;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.util.JedisClusterCRC16;

import dev.redisl2.hibernate.redis.RedisConnection;

/**
 * The primaries of the factory's deployment: the one primary of a single Redis or Sentinel group, or the
 * masters that serve slots on a Cluster (from {@code CLUSTER NODES}), each with a hash tag of one of its slots.
 */
public final class TopologyPrimaries implements Primaries {

	private final RedisConnection connection;
	private final Supplier<byte[]> clusterNodes;
	private final Duration readTimeout;

	/** @param clusterNodes the text of {@code CLUSTER NODES}, or null when the deployment is not a Cluster */
	public TopologyPrimaries(RedisConnection connection, Supplier<byte[]> clusterNodes, Duration readTimeout) {
		this.connection = connection;
		this.clusterNodes = clusterNodes;
		this.readTimeout = readTimeout;
	}

	@Override
	public List<Primary> current() {
		if ( clusterNodes == null ) {
			return List.of( new Primary( connection.primary(), null ) );
		}
		byte[] text = clusterNodes.get();
		return text == null ? List.of() : parse( new String( text, StandardCharsets.UTF_8 ) );
	}

	@Override
	public Connection connect(Primary primary) {
		return connection.openDedicated( primary.address(), readTimeout );
	}

	/** Masters that serve slots and are not failing, sorted by address, each with a hash tag of its first slot range. */
	static List<Primary> parse(String clusterNodes) {
		List<Primary> primaries = new ArrayList<>();
		for ( String line : clusterNodes.split( "\n" ) ) {
			String[] f = line.trim().split( " " );
			if ( f.length < 9 ) {
				continue;
			}
			List<String> flags = List.of( f[2].split( "," ) );
			if ( !flags.contains( "master" ) || flags.contains( "fail" ) || flags.contains( "noaddr" ) ) {
				continue;
			}
			String range = null;
			for ( int i = 8; i < f.length && range == null; i++ ) {
				if ( !f[i].startsWith( "[" ) ) {
					range = f[i]; // "[slot->-node]" entries are migrations, not ranges
				}
			}
			if ( range == null ) {
				continue;
			}
			String address = f[1].split( "[@,]" )[0];
			int colon = address.lastIndexOf( ':' );
			HostAndPort hostAndPort = new HostAndPort( address.substring( 0, colon ), Integer.parseInt( address.substring( colon + 1 ) ) );
			String[] bounds = range.split( "-" );
			int first = Integer.parseInt( bounds[0] );
			int last = Integer.parseInt( bounds[bounds.length - 1] );
			primaries.add( new Primary( hostAndPort, tagIn( first, last ) ) );
		}
		primaries.sort( Comparator.comparing( p -> p.address().toString() ) );
		return primaries;
	}

	/** The first of "0", "1", "2", ... whose slot lies in [first, last]. */
	static String tagIn(int first, int last) {
		for ( int i = 0; ; i++ ) {
			String tag = Integer.toString( i );
			int slot = JedisClusterCRC16.getSlot( tag );
			if ( slot >= first && slot <= last ) {
				return tag;
			}
		}
	}
}
