package dev.foundation.core.paging;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CursorPageTests {

	record Row(UUID id, Instant createdAt) {
	}

	private final List<Row> rows = List.of(new Row(UUID.randomUUID(), Instant.parse("2026-01-03T00:00:00Z")),
			new Row(UUID.randomUUID(), Instant.parse("2026-01-02T00:00:00Z")));

	@Test
	void nextCursorIsThePositionOfTheLastItem() {
		Window<Row> window = Window.from(this.rows, this::position, true);
		CursorPage<String> page = CursorPage.of(window, (row) -> row.id().toString());
		assertThat(page.items()).containsExactly(this.rows.get(0).id().toString(), this.rows.get(1).id().toString());
		assertThat(page.next()).isNotNull();
		assertThat(CursorCodec.decode(page.next())).isEqualTo(position(1));
	}

	@Test
	void lastPageHasNoNextCursor() {
		assertThat(CursorPage.of(Window.from(this.rows, this::position, false)).next()).isNull();
		assertThat(CursorPage.of(Window.from(List.<Row>of(), this::position, false)).items()).isEmpty();
	}

	@Test
	void windowScrolledByOffsetIsRefused() {
		Window<Row> window = Window.from(this.rows, ScrollPosition::offset, true);
		assertThatIllegalArgumentException().isThrownBy(() -> CursorPage.of(window)).withMessageContaining("keyset");
	}

	@Test
	void serializesAsItemsThenNext() {
		CursorPage<String> page = new CursorPage<>(List.of("a", "b"), "Ab_-");
		assertThat(JsonMapper.builder().build().writeValueAsString(page))
			.isEqualTo("{\"items\":[\"a\",\"b\"],\"next\":\"Ab_-\"}");
		assertThat(JsonMapper.builder().build().writeValueAsString(new CursorPage<>(List.of(), null)))
			.isEqualTo("{\"items\":[],\"next\":null}");
	}

	private ScrollPosition position(int index) {
		Row row = this.rows.get(index);
		return ScrollPosition.forward(Map.of("createdAt", row.createdAt(), "id", row.id()));
	}

}
