package dev.redisl2.it.explorer;

import java.util.Arrays;
import java.util.List;

import dev.redisl2.support.RedisServerProcess;

import static org.junit.jupiter.api.Assertions.assertNull;

/** Replays a shrunk sequence, as the explorer prints it, against today's scripts. */
final class ExplorerReplay {

	private ExplorerReplay() {
	}

	static void assertHolds(RedisServerProcess redis, long seed, String... actions) {
		World w = new Explorer( redis, ScriptCalls.Scripts.today() )
				.replay( seed, Arrays.stream( actions ).map( Action::of ).toList() );
		assertNull( w.violation, () -> w.describe() + ": " + w.violation );
	}

	static List<Action> actions(String... texts) {
		return Arrays.stream( texts ).map( Action::of ).toList();
	}
}
