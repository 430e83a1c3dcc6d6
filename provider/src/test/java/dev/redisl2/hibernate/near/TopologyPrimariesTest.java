package dev.redisl2.hibernate.near;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.util.JedisClusterCRC16;

import org.junit.jupiter.api.Test;

class TopologyPrimariesTest {

	private static final String NODES = String.join( "\n",
			"a1 127.0.0.1:7001@17001 myself,master - 0 0 1 connected 0-5460",
			"b2 127.0.0.1:7002@17002,host-b master - 0 1700000000000 2 connected 5461-10922 [5500->-c3]",
			"c3 127.0.0.1:7003@17003 master - 0 1700000000000 3 connected 10923-16383",
			"d4 127.0.0.1:7004@17004 slave a1 0 1700000000000 1 connected",
			"e5 127.0.0.1:7005@17005 master,fail - 0 1700000000000 5 connected",
			"f6 127.0.0.1:7006@17006 master - 0 1700000000000 6 connected" );

	@Test
	void mastersServingSlots_eachWithATagInItsSlots() {
		List<Primaries.Primary> primaries = TopologyPrimaries.parse( NODES );
		assertEquals( List.of( new HostAndPort( "127.0.0.1", 7001 ), new HostAndPort( "127.0.0.1", 7002 ), new HostAndPort( "127.0.0.1", 7003 ) ),
				primaries.stream().map( Primaries.Primary::address ).toList(),
				"replicas, failing masters and masters without slots are left out" );
		int[][] ranges = { { 0, 5460 }, { 5461, 10922 }, { 10923, 16383 } };
		for ( int i = 0; i < 3; i++ ) {
			int slot = JedisClusterCRC16.getSlot( primaries.get( i ).hashTag() );
			assertTrue( slot >= ranges[i][0] && slot <= ranges[i][1], "tag of " + primaries.get( i ) + " lands in slot " + slot );
		}
	}

	@Test
	void aSingleSlotRange_stillGetsATag() {
		String tag = TopologyPrimaries.tagIn( 12182, 12182 );
		assertEquals( 12182, JedisClusterCRC16.getSlot( tag ) );
	}
}
