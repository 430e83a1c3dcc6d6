package dev.redisl2.it.explorer;

import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.support.RedisServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The explorer finds holes on its own in the scripts as they were before the fixes of issue 12 (commit 37b6834,
 * kept as test resources): a failure within the mutant budget, printed shrunk. docs/consistency-explorer.md
 * records which holes the runs of several base seeds found.
 */
@ExtendWith(PrivateRedisExtension.class)
class BeforeFixExplorerTest {

	@Test
	void theScriptsBeforeTheFixesBreakTheOracle(RedisServerProcess redis) {
		Explorer explorer = new Explorer( redis, ScriptCalls.Scripts.beforeFixes() );
		Explorer.Result result = explorer.explore( ExplorerSettings.baseSeed(), ExplorerSettings.MUTANT_STEPS );
		assertNotNull( result.failure(), () -> "no violation in " + result.steps() + " steps" );
		System.out.println( "before the fixes: " + ProtocolExplorerTest.report( explorer, "37b6834", result.failure() ) );
	}
}
