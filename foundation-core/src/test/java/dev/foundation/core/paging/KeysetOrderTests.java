package dev.foundation.core.paging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.foundation.core.error.BadRequestException;
import org.junit.jupiter.api.Test;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KeysetOrderTests {

	private static final KeysetOrder NEWEST_FIRST = KeysetOrder.descending("createdAt", Instant.class)
		.thenDescending("id", UUID.class);

	@Test
	void sortListsThePropertiesInOrder() {
		assertThat(NEWEST_FIRST.sort()).containsExactly(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
		assertThat(KeysetOrder.ascending("name", String.class).thenDescending("id", Long.class).sort())
			.containsExactly(Sort.Order.asc("name"), Sort.Order.desc("id"));
	}

	@Test
	void noCursorIsTheFirstPage() {
		assertThat(NEWEST_FIRST.position(null).isInitial()).isTrue();
		assertThat(NEWEST_FIRST.position("  ").isInitial()).isTrue();
		assertThat(CursorRequest.first(20).position(NEWEST_FIRST).isInitial()).isTrue();
	}

	@Test
	void cursorOfTheSameOrderIsAccepted() {
		KeysetScrollPosition position = ScrollPosition
			.forward(Map.of("createdAt", Instant.parse("2026-01-01T00:00:00Z"), "id", UUID.randomUUID()));
		assertThat(NEWEST_FIRST.position(CursorCodec.encode(position))).isEqualTo(position);
		assertThat(new CursorRequest(CursorCodec.encode(position), 5).position(NEWEST_FIRST)).isEqualTo(position);
	}

	@Test
	void cursorOfAnotherOrderIsABadRequest() {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		List<Map<String, Object>> foreign = List.of(Map.of("createdAt", now), Map.of("id", id),
				Map.of("createdAt", now, "id", id, "name", "x"), Map.of("name", "x", "id", id),
				Map.of("createdAt", now.toString(), "id", id), Map.of("createdAt", now, "id", id.toString()),
				Map.of("createdAt", 1L, "id", id));
		for (Map<String, Object> keys : foreign) {
			String cursor = CursorCodec.encode(ScrollPosition.forward(keys));
			assertThatExceptionOfType(BadRequestException.class).as("%s", keys)
				.isThrownBy(() -> NEWEST_FIRST.position(cursor))
				.withMessageContaining("belongs to another list or order");
		}
	}

	@Test
	void declaringAnOrderACursorCannotCarryFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> KeysetOrder.ascending("score", Double.class))
			.withMessageContaining("java.lang.Double");
		assertThatIllegalArgumentException().isThrownBy(() -> KeysetOrder.ascending("created", java.util.Date.class));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> KeysetOrder.ascending("id", UUID.class).thenDescending("id", UUID.class));
		assertThatIllegalArgumentException().isThrownBy(() -> KeysetOrder.ascending("lower(name)", String.class));
	}

	@Test
	void requestSizeIsAtLeastOneAndALimit() {
		assertThat(CursorRequest.first(7).limit().max()).isEqualTo(7);
		assertThat(new CursorRequest("", 3).cursor()).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> CursorRequest.first(0));
	}

}
