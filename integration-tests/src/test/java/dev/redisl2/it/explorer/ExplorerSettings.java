package dev.redisl2.it.explorer;

/** The system properties that run the explorer longer or replay one world. */
final class ExplorerSettings {

	/** The CI budget: steps per run of ProtocolExplorerTest. */
	static final long CI_STEPS = 1_000_000L;
	/** The CI budget of each mutant. */
	static final long MUTANT_STEPS = 200_000L;
	static final long DEFAULT_BASE_SEED = 20261205L;

	private ExplorerSettings() {
	}

	/** Steps per mutant: the CI budget, or -Dexplorer.mutantSteps. */
	static long mutantSteps() {
		return Long.getLong( "explorer.mutantSteps", MUTANT_STEPS );
	}

	static long steps() {
		return Long.getLong( "explorer.steps", CI_STEPS );
	}

	static long baseSeed() {
		return Long.getLong( "explorer.baseSeed", DEFAULT_BASE_SEED );
	}

	/** A world's seed to replay alone (printed with every failure), or null. */
	static Long replaySeed() {
		return Long.getLong( "explorer.seed" );
	}
}
