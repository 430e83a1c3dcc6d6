package dev.redisl2.it.explorer;

/**
 * A textual edit of entry.lua: {@code find} must occur exactly once in today's script. {@code survives} is null,
 * or why the explorer does not catch this mutant within its CI budget (then MutationExplorerTest skips it, saying so).
 */
record Mutation(String name, String find, String replace, String survives) {

	Mutation(String name, String find, String replace) {
		this( name, find, replace, null );
	}

	Mutation because(String reason) {
		return new Mutation( name, find, replace, reason );
	}

	boolean appliesOnceTo(String script) {
		int at = script.indexOf( find );
		return at >= 0 && script.indexOf( find, at + 1 ) < 0;
	}

	String applyTo(String script) {
		int at = script.indexOf( find );
		if ( at < 0 || script.indexOf( find, at + 1 ) >= 0 ) {
			throw new IllegalStateException( "mutation '" + name + "': the text to replace must occur exactly once in entry.lua: " + find );
		}
		return script.substring( 0, at ) + replace + script.substring( at + find.length() );
	}
}
