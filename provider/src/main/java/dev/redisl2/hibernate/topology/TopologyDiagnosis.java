package dev.redisl2.hibernate.topology;

import static dev.redisl2.hibernate.RedisCacheSettings.CLUSTER_NODES;
import static dev.redisl2.hibernate.RedisCacheSettings.SENTINEL_MASTER;
import static dev.redisl2.hibernate.RedisCacheSettings.SENTINEL_NODES;
import static dev.redisl2.hibernate.RedisCacheSettings.URL;

import dev.redisl2.hibernate.config.InvalidSettingException;
import dev.redisl2.hibernate.config.Topology;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Why a Cluster or Sentinel client could not be built. Jedis reports "could not initialize the slots
 * cache" or "master not monitored" without saying which setting is wrong, so the seeds are asked
 * directly: a node that answers but is not what the setting says it is becomes an
 * {@link InvalidSettingException} naming the setting. An unreachable deployment is not a wrong setting:
 * the original exception is returned unchanged.
 */
public final class TopologyDiagnosis {

	private TopologyDiagnosis() {
	}

	public static RuntimeException explain(Topology topology, JedisClientConfig dataConfig, JedisClientConfig sentinelConfig,
			JedisException failure) {
		try {
			return switch ( topology.kind() ) {
				case CLUSTER -> explainCluster( topology, dataConfig, failure );
				case SENTINEL -> explainSentinel( topology, sentinelConfig, failure );
				case STANDALONE -> failure;
			};
		}
		catch (RuntimeException e) {
			failure.addSuppressed( e );
			return failure;
		}
	}

	private static RuntimeException explainCluster(Topology topology, JedisClientConfig config, JedisException failure) {
		for ( HostAndPort node : topology.nodes() ) {
			try ( Jedis jedis = new Jedis( node, config ) ) {
				String info = jedis.info( "cluster" );
				if ( info.contains( "cluster_enabled:0" ) ) {
					return new InvalidSettingException( CLUSTER_NODES, node + " is not a Redis Cluster node (cluster support "
							+ "is disabled there); for a single Redis set " + URL + " instead" );
				}
			}
			catch (JedisAccessControlException e) {
				return new InvalidSettingException( URL, node + " refused the credentials of the URL" );
			}
			catch (JedisConnectionException e) {
				// unreachable: try the next seed
			}
		}
		return failure;
	}

	private static RuntimeException explainSentinel(Topology topology, JedisClientConfig config, JedisException failure) {
		boolean anyAnswered = false;
		for ( HostAndPort node : topology.nodes() ) {
			try ( Jedis jedis = new Jedis( node, config ) ) {
				if ( jedis.sentinelGetMasterAddrByName( topology.sentinelMaster() ) != null ) {
					return failure; // this sentinel knows the master: the problem lies elsewhere
				}
				anyAnswered = true;
			}
			catch (JedisConnectionException e) {
				// unreachable: try the next sentinel
			}
			catch (JedisDataException e) {
				return new InvalidSettingException( SENTINEL_NODES, node + " is not a Redis Sentinel (it answered '"
						+ firstWord( e.getMessage() ) + "' to SENTINEL GET-MASTER-ADDR-BY-NAME)" );
			}
		}
		if ( anyAnswered ) {
			return new InvalidSettingException( SENTINEL_MASTER, "no sentinel of " + topology.nodes()
					+ " monitors a primary named '" + topology.sentinelMaster() + "'" );
		}
		return failure;
	}

	private static String firstWord(String message) {
		if ( message == null ) {
			return "?";
		}
		int space = message.indexOf( ' ' );
		return space < 0 ? message : message.substring( 0, space );
	}
}
