package dev.foundation.tenancy.isolation;

import java.util.Random;
import java.util.UUID;

/**
 * What the access paths share during a run: the model to check against and update, the
 * seeded randomness and the checks that record violations.
 */
final class RunState {

	static final int TAGS = 6;

	private static final String[] WORDS = { "alpha", "beta", "gamma", "delta" };

	private final GroundTruth model;

	private final Random random;

	private final IsolationChecks checks;

	RunState(GroundTruth model, Random random, IsolationChecks checks) {
		this.model = model;
		this.random = random;
		this.checks = checks;
	}

	GroundTruth model() {
		return this.model;
	}

	Random random() {
		return this.random;
	}

	IsolationChecks checks() {
		return this.checks;
	}

	String newLabel() {
		return labelPrefix() + "-" + this.random.nextInt(1_000_000);
	}

	String labelPrefix() {
		return WORDS[this.random.nextInt(WORDS.length)];
	}

	int newTag() {
		return this.random.nextInt(TAGS);
	}

	/**
	 * A version 4 UUID drawn from the seeded generator, so a rerun with the same seed
	 * uses the same ids.
	 */
	UUID newId() {
		long most = (this.random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (this.random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(most, least);
	}

	UUID anyTenant() {
		return this.model.tenants().get(this.random.nextInt(this.model.tenants().size()));
	}

}
