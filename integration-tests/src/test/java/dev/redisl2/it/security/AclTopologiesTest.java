package dev.redisl2.it.security;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.redisl2.hibernate.RedisCacheSettings;
import dev.redisl2.it.SharedClusterExtension;
import dev.redisl2.it.SharedSentinelExtension;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;

import jakarta.persistence.EntityManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ACL recipes of docs/security.md on Sentinel and Cluster: a user with exactly the documented rules,
 * created on every data node (ACL users are not replicated), runs every cache path without a refused call.
 */
@ExtendWith({ SharedSentinelExtension.class, SharedClusterExtension.class })
class AclTopologiesTest {

	private static final String PASSWORD = "acl-topology-7713";
	private static final AtomicInteger SEQ = new AtomicInteger();

	@Test
	void sentinel_theStandaloneRecipeOnTheDataNodes() {
		assertRunsEveryPath( SharedSentinelExtension.group(), SharedSentinelExtension.group().servers(), AclRecipes.rules( "standalone" ) );
	}

	@Test
	void cluster_theStandaloneRecipePlusTheClusterRules() {
		List<String> rules = new ArrayList<>( AclRecipes.rules( "standalone" ) );
		rules.addAll( AclRecipes.rules( "cluster-extra" ) );
		assertRunsEveryPath( SharedClusterExtension.cluster(), SharedClusterExtension.cluster().nodes(), rules );
	}

	private static void assertRunsEveryPath(RedisTarget target, List<RedisServerProcess> dataNodes, List<String> rules) {
		int n = SEQ.incrementAndGet();
		String user = "topo" + n;
		String prefix = "acl-topo-" + n;
		for ( RedisServerProcess node : dataNodes ) {
			List<String> command = new ArrayList<>( List.of( "ACL", "SETUSER", user, "on", ">" + PASSWORD, "~" + prefix + ":*" ) );
			command.addAll( rules );
			assertEquals( "OK", node.command( command.toArray( String[]::new ) ) );
		}
		EntityManagerFactory emf = SampleApp.entityManagerFactory( SampleApp.UNIT_SAMPLE, SampleApp.settings()
				.setAll( target.providerSettings() )
				.set( RedisCacheSettings.USER, user )
				.set( RedisCacheSettings.PASSWORD, PASSWORD )
				.keyPrefix( prefix )
				.jdbcUrl( SampleApp.h2MemUrl( "AclTopologies" + n ) )
				.schemaAction( "create" )
				.build() );
		try {
			AclTest.exerciseEveryPath( emf );
			assertEquals( 0, AclTest.factory( emf ).store().failures(), "Redis refused calls under the recipe's rules" );
		}
		finally {
			emf.close();
		}
	}
}
