package dev.redisl2.it.explorer;

import java.util.Arrays;
import java.util.List;

import dev.redisl2.support.RedisServerProcess;

import static org.junit.jupiter.api.Assertions.assertNull;

/** Replays a shrunk sequence, as ProtocolExplorerTest prints it, against the scripts it runs (today's with PendingFixes). */
final class ExplorerReplay {

	private ExplorerReplay() {
	}

	static void assertHolds(RedisServerProcess redis, long seed, String... actions) {
		World w = new Explorer( redis, PendingFixes.scripts() )
				.replay( seed, Arrays.stream( actions ).map( Action::of ).toList() );
		assertNull( w.violation, () -> w.describe() + ": " + w.violation );
	}

	static List<Action> actions(String... texts) {
		return Arrays.stream( texts ).map( Action::of ).toList();
	}
}
