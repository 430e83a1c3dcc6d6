package dev.redisl2.hibernate.topology;

import java.nio.charset.StandardCharsets;

import dev.redisl2.hibernate.redis.RedisStore;

import redis.clients.jedis.Protocol;

/**
 * Sentinel: the primary the client talks to has a replication id ({@code master_replid}); a replica
 * promoted in its place starts a new one, and so does a primary that restarted. Either way, what the
 * old history acknowledged may be gone.
 */
final class ReplicationIdChanges implements PrimaryChanges {

	private final RedisStore store;
	private String replicationId;

	ReplicationIdChanges(RedisStore store) {
		this.store = store;
	}

	@Override
	public String check() {
		Object reply = store.call( "INFO", c -> c.sendCommand( Protocol.Command.INFO, "replication" ) );
		if ( !( reply instanceof byte[] text ) ) {
			return null;
		}
		String role = null;
		String id = null;
		for ( String line : new String( text, StandardCharsets.UTF_8 ).split( "\r?\n" ) ) {
			if ( line.startsWith( "role:" ) ) {
				role = line.substring( 5 ).trim();
			}
			else if ( line.startsWith( "master_replid:" ) ) {
				id = line.substring( 14 ).trim();
			}
		}
		if ( !"master".equals( role ) || id == null ) {
			return null; // a demoted primary the client has not left yet: look again later
		}
		String previous = replicationId;
		replicationId = id;
		return previous != null && !previous.equals( id )
				? "the primary's replication id changed from " + previous + " to " + id
				: null;
	}
}
