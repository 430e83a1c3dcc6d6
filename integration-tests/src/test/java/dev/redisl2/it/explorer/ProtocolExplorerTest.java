package dev.redisl2.it.explorer;

import java.util.List;

import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The explorer against today's scripts: a million steps in CI (-Dexplorer.steps for more,
 * -Dexplorer.baseSeed for other worlds, -Dexplorer.seed to replay the one world a failure names).
 */
@ExtendWith(PrivateRedisExtension.class)
class ProtocolExplorerTest {

	@Test
	void noInterleavingServesOrLeavesAStaleValue(RedisServerProcess redis) {
		Explorer explorer = new Explorer( redis, PendingFixes.scripts() );
		Long seed = ExplorerSettings.replaySeed();
		if ( seed != null ) {
			World w = explorer.replay( seed, null );
			if ( w.violation != null ) {
				fail( report( explorer, "main", new Explorer.Failure( w.seed, w.describe(), w.violation, w.executed, w.steps ) ) );
			}
			return;
		}
		long started = System.nanoTime();
		Explorer.Result result = explorer.explore( ExplorerSettings.baseSeed(), ExplorerSettings.steps() );
		System.out.printf( "explorer: %d steps, %d Redis calls, %d worlds in %d ms%n", result.steps(), result.redisCalls(),
				result.worlds(), ( System.nanoTime() - started ) / 1_000_000 );
		if ( result.failure() != null ) {
			fail( report( explorer, "main", result.failure() ) );
		}
	}

	/** The failure, shrunk, as a replayable test. */
	static String report(Explorer explorer, String scripts, Explorer.Failure failure) {
		List<Action> shrunk = explorer.shrink( failure.seed(), failure.actions() );
		World again = explorer.replay( failure.seed(), shrunk, true );
		return "world " + failure.world() + " broke the oracle after " + failure.stepsToFind() + " steps: " + failure.violation()
				+ "\nreplay with -Dexplorer.seed=" + failure.seed() + "; shrunk from " + failure.actions().size() + " to "
				+ shrunk.size() + " actions:\n" + Explorer.junitSource( scripts, failure, shrunk, again.violation )
				+ "\ntrace of the shrunk replay:\n" + again.trace;
	}
}
