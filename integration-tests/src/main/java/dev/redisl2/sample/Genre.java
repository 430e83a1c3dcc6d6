package dev.redisl2.sample;

public enum Genre {
	FICTION, SCIENCE, HISTORY, POETRY
}
