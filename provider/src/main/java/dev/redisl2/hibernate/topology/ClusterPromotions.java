package dev.redisl2.hibernate.topology;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.redisl2.hibernate.redis.RedisStore;

import redis.clients.jedis.Protocol;

/**
 * Redis Cluster: a failover is a node that was a replica and now serves slots as a master. Read from
 * {@code CLUSTER NODES} of whichever node the client asks. A reshard (slots moving between masters) or
 * a master added without slots is not a failover: no node changes role, so nothing is fenced.
 */
final class ClusterPromotions implements PrimaryChanges {

	private final RedisStore store;
	private Set<String> replicas;

	ClusterPromotions(RedisStore store) {
		this.store = store;
	}

	@Override
	public String check() {
		Object reply = store.call( "CLUSTER NODES", c -> c.sendCommand( Protocol.Command.CLUSTER, "NODES" ) );
		if ( !( reply instanceof byte[] text ) ) {
			return null;
		}
		Set<String> masters = new HashSet<>();
		Set<String> nowReplicas = new HashSet<>();
		parse( new String( text, StandardCharsets.UTF_8 ), masters, nowReplicas );
		String promoted = replicas == null ? null : promoted( replicas, masters );
		replicas = nowReplicas;
		return promoted == null ? null : "replica " + promoted + " was promoted to master";
	}

	/** A master that was a replica before, or null. */
	static String promoted(Set<String> replicasBefore, Set<String> mastersNow) {
		for ( String id : mastersNow ) {
			if ( replicasBefore.contains( id ) ) {
				return id;
			}
		}
		return null;
	}

	/** Node ids of masters that serve slots, and of replicas, from {@code CLUSTER NODES}. */
	static void parse(String clusterNodes, Set<String> masters, Set<String> replicas) {
		for ( String line : clusterNodes.split( "\n" ) ) {
			String[] f = line.trim().split( " " );
			if ( f.length < 8 ) {
				continue;
			}
			List<String> flags = List.of( f[2].split( "," ) );
			if ( flags.contains( "fail" ) || flags.contains( "noaddr" ) ) {
				continue;
			}
			if ( flags.contains( "master" ) && f.length > 8 ) {
				masters.add( f[0] );
			}
			else if ( flags.contains( "slave" ) ) {
				replicas.add( f[0] );
			}
		}
	}
}
