package dev.redisl2.hibernate.redis;

import java.util.Map;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * The pooled connections to a standalone Redis, as Jedis's own provider has them, with one difference:
 * a connection that broke is not replaced on the thread that found it broken.
 */
/*
 * Why: commons-pool2 (2.13) replaces an invalidated object at once, inside invalidateObject, on the
 * caller's thread; Jedis invalidates a connection when a command on it fails. Against a Redis that
 * hangs (SIGSTOP, a network partition) the replacement's handshake waits another socket timeout, or
 * the connect timeout, before the failure reaches us: the request that found the outage would wait
 * twice. Without the replacement, the next borrower opens a connection when it needs one - which, while
 * Redis is away, nobody does, because the circuit breaker is open.
 */
final class StandalonePool implements ConnectionProvider {

	private final HostAndPort node;
	private final ConnectionPool pool;

	StandalonePool(HostAndPort node, JedisClientConfig config, GenericObjectPoolConfig<Connection> poolConfig) {
		this.node = node;
		this.pool = new ConnectionPool( new ConnectionFactory( node, config ), poolConfig ) {
			@Override
			public void addObject() {
				// see the class comment: never open a replacement on the failing caller's thread
			}
		};
	}

	@Override
	public Connection getConnection() {
		return pool.getResource();
	}

	@Override
	public Connection getConnection(CommandArguments args) {
		return pool.getResource();
	}

	@Override
	public Map<?, ?> getConnectionMap() {
		return Map.of( node, pool );
	}

	// no @Override: ConnectionProvider declares it from Jedis 6.1 on
	public Map<?, ?> getPrimaryNodesConnectionMap() {
		return getConnectionMap();
	}

	/** Closes the idle connections (after an outage they are likely dead); connections in use are left alone. */
	void clearIdle() {
		pool.clear();
	}

	@Override
	public void close() {
		pool.close();
	}
}
