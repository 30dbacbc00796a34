package dev.foundation.tenancy.isolation;

/**
 * What an operation of the randomized run does, for choosing operations and for the
 * summary.
 */
enum OperationKind {

	CREATE("create"), READ("read"), UPDATE("update"), DELETE("delete"), SEARCH("search"), BULK_UPDATE("bulk-update"),
	BULK_DELETE("bulk-delete");

	private final String label;

	OperationKind(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
