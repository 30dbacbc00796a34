package dev.foundation.core.context;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdsTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT_ID = "00f067aa0ba902b7";

	@ParameterizedTest
	@ValueSource(strings = { "abc", "3f2c8a4e-9d1b-4c7e-8f00-0123456789ab", "req_01.HX:7-z", "A", "0" })
	void acceptsIdsMadeOfSafeCharacters(String id) {
		assertThat(CorrelationIds.isAcceptable(id, 64)).isTrue();
	}

	@Test
	void acceptsIdOfExactlyTheMaximumLength() {
		assertThat(CorrelationIds.isAcceptable("a".repeat(64), 64)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "abc\r\nSet-Cookie: x", "abc\ndef", "abc\rdef", "abc def", " abc", "abc\t", "\"abc\"", "'abc'",
					"<script>alert(1)</script>", "abc;def", "abc,def", "abc/def", "ab%0d%0a", "é-accent", "abc\u0000" })
	void rejectsIdsWithCharactersUnsafeInHeadersOrLogs(String id) {
		assertThat(CorrelationIds.isAcceptable(id, 64)).isFalse();
	}

	@Test
	void rejectsIdLongerThanTheMaximum() {
		assertThat(CorrelationIds.isAcceptable("a".repeat(65), 64)).isFalse();
	}

	@Test
	void rejectsEmptyAndMissingIds() {
		assertThat(CorrelationIds.isAcceptable("", 64)).isFalse();
		assertThat(CorrelationIds.isAcceptable(null, 64)).isFalse();
	}

	@Test
	void generatesVersion4UuidsWithTheIetfVariant() {
		for (int i = 0; i < 1000; i++) {
			java.util.UUID id = java.util.UUID.fromString(CorrelationIds.generate());
			assertThat(id.version()).isEqualTo(4);
			assertThat(id.variant()).isEqualTo(2);
		}
	}

	@Test
	void generatesDistinctIdsThatAreAcceptedBack() {
		String first = CorrelationIds.generate();
		String second = CorrelationIds.generate();
		assertThat(first).isNotEqualTo(second);
		assertThat(UUID.fromString(first).toString()).isEqualTo(first);
		assertThat(CorrelationIds.isAcceptable(first, 64)).isTrue();
	}

	@Test
	void extractsTraceIdOfValidTraceparent() {
		assertThat(CorrelationIds.traceIdOf("00-" + TRACE_ID + "-" + PARENT_ID + "-01")).isEqualTo(TRACE_ID);
	}

	@Test
	void toleratesSurroundingWhitespaceInTraceparent() {
		assertThat(CorrelationIds.traceIdOf("  00-" + TRACE_ID + "-" + PARENT_ID + "-00 ")).isEqualTo(TRACE_ID);
	}

	@Test
	void acceptsTrailingFieldsOfLaterTraceparentVersions() {
		assertThat(CorrelationIds.traceIdOf("01-" + TRACE_ID + "-" + PARENT_ID + "-01-future")).isEqualTo(TRACE_ID);
	}

	@Test
	void rejectsTraceparentWithAllZeroTraceId() {
		assertThat(CorrelationIds.traceIdOf("00-" + "0".repeat(32) + "-" + PARENT_ID + "-01")).isNull();
	}

	@Test
	void rejectsTraceparentWithAllZeroParentId() {
		assertThat(CorrelationIds.traceIdOf("00-" + TRACE_ID + "-" + "0".repeat(16) + "-01")).isNull();
	}

	@Test
	void rejectsTraceparentWithForbiddenVersionFf() {
		assertThat(CorrelationIds.traceIdOf("ff-" + TRACE_ID + "-" + PARENT_ID + "-01")).isNull();
	}

	@Test
	void rejectsTraceparentWithUppercaseHex() {
		assertThat(CorrelationIds.traceIdOf("00-" + TRACE_ID.toUpperCase() + "-" + PARENT_ID + "-01")).isNull();
		assertThat(CorrelationIds.traceIdOf("00-" + TRACE_ID + "-" + PARENT_ID.toUpperCase() + "-01")).isNull();
	}

	@Test
	void rejectsVersion00TraceparentWithTrailingData() {
		assertThat(CorrelationIds.traceIdOf("00-" + TRACE_ID + "-" + PARENT_ID + "-01-extra")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "00-" + TRACE_ID, "00-" + TRACE_ID + "-" + PARENT_ID,
			"00-" + TRACE_ID + "1-" + PARENT_ID + "-01", "00-" + TRACE_ID + "-" + PARENT_ID + "-1",
			"0-" + TRACE_ID + "-" + PARENT_ID + "-01", "00_" + TRACE_ID + "_" + PARENT_ID + "_01",
			"00-" + TRACE_ID + "-" + PARENT_ID + "-01\r\nSet-Cookie: x",
			"<script>-" + TRACE_ID + "-" + PARENT_ID + "-01" })
	void rejectsMalformedTraceparent(String traceparent) {
		assertThat(CorrelationIds.traceIdOf(traceparent)).isNull();
	}

	@Test
	void rejectsMissingAndOverlongTraceparent() {
		assertThat(CorrelationIds.traceIdOf(null)).isNull();
		assertThat(CorrelationIds.traceIdOf("01-" + TRACE_ID + "-" + PARENT_ID + "-01-" + "x".repeat(600))).isNull();
	}

}
