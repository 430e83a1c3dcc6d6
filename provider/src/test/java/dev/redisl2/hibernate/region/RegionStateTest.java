package dev.redisl2.hibernate.region;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RegionStateTest {

	@Test
	void parse_readsFourNumbers() {
		RegionState s = RegionState.parse( "10 0 0 7".getBytes( StandardCharsets.US_ASCII ) );
		assertEquals( new RegionState( 10, 0, 0, 7 ), s );
		assertNull( RegionState.parse( "garbage".getBytes( StandardCharsets.US_ASCII ) ) );
		assertNull( RegionState.parse( null ) );
	}

	@Test
	void loads_mustBeginAfterTheLastInvalidation() {
		RegionState s = new RegionState( 10, 0, 0, 100 );
		assertFalse( s.admitsLoad( 100, 500 ) );
		assertTrue( s.admitsLoad( 101, 500 ) );
	}

	@Test
	void aLockedRegion_admitsNoLoadUntilItsLockExpires() {
		RegionState s = new RegionState( 10, 1, 1000, 100 );
		assertFalse( s.admitsLoad( 900, 900 ) );
		assertFalse( s.admitsLoad( 1001, 1000 ) );
		// expired: only loads that began after the expiry
		assertFalse( s.admitsLoad( 999, 1200 ) );
		assertTrue( s.admitsLoad( 1001, 1200 ) );
	}
}
