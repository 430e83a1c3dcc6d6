package dev.redisl2.hibernate.near;

import java.util.List;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;

/**
 * The primaries whose changes a node must hear about: one on a single Redis or a Sentinel group, every
 * master that serves slots on a Cluster (client tracking reports only the keys a node itself changes).
 */
public interface Primaries {

	/** A primary, and on a Cluster a hash tag whose slot it serves (its heartbeat keys carry it). */
	record Primary(HostAndPort address, String hashTag) {
	}

	/** The primaries now; an empty list when they cannot be learnt at the moment. */
	List<Primary> current();

	/** A dedicated connection to a primary, outside every pool. */
	Connection connect(Primary primary);
}
