package dev.redisl2.it.explorer;

import java.util.stream.Stream;

import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Proof that the explorer bites: every mutant of entry.lua in {@link Mutations} breaks the oracle within
 * {@link ExplorerSettings#MUTANT_STEPS} steps (the pending fixes applied on top, as in ProtocolExplorerTest).
 */
@ExtendWith(PrivateRedisExtension.class)
class MutationExplorerTest {

	static Stream<Arguments> mutations() {
		return Mutations.ALL.stream().map( m -> Arguments.of( m.name(), m ) );
	}

	@Test
	void everyMutationAppliesExactlyOnce() {
		String entry = ScriptCalls.Scripts.today().entry();
		Mutations.ALL.forEach( m -> assertDoesNotThrow( () -> m.applyTo( entry ), m.name() ) );
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mutations")
	void theExplorerCatchesTheMutant(String name, Mutation mutation, RedisServerProcess redis) {
		String only = System.getProperty( "explorer.mutants" );
		Assumptions.assumeTrue( only == null || name.contains( only ), "not selected by -Dexplorer.mutants" );
		Assumptions.assumeTrue( mutation.survives() == null || only != null, () -> "known survivor: " + mutation.survives() );
		Explorer.Result result = new Explorer( redis, PendingFixes.mutant( mutation ) )
				.explore( ExplorerSettings.baseSeed(), ExplorerSettings.mutantSteps() );
		System.out.printf( "mutant | %s | %s%n", name,
				result.failure() == null ? "not caught in " + result.steps() : "caught after " + result.failure().stepsToFind() );
		assertNotNull( result.failure(), () -> "mutant survived " + result.steps() + " steps: " + name );
	}
}
