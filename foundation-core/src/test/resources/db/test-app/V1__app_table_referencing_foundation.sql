-- An application migration that needs the foundation's table: it fails unless the foundation migrated first.
create table app_item (
    id integer primary key,
    marker_id integer not null references foundation.foundation_core_test_marker (id)
);

insert into app_item (id, marker_id) values (1, 1);
