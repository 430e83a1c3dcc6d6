package dev.redisl2.it.explorer;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** Each mutation's text occurs exactly once in today's entry.lua, so each mutant is the one edit it names. */
class MutationExplorerTest {

	@Test
	void everyMutationAppliesExactlyOnce() {
		String entry = ScriptCalls.Scripts.today().entry();
		Stream.of( Mutations.ALL.toArray( new Mutation[0] ) ).forEach( m -> assertDoesNotThrow( () -> m.applyTo( entry ), m.name() ) );
	}
}
