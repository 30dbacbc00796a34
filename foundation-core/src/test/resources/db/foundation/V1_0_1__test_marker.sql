-- foundation-core's tests: proves that migrations under classpath:db/foundation run into the foundation's own
-- schema, with their own history, before the application's. This file ships in foundation-core's test-jar and so
-- also runs in other modules' test databases: keep it a tiny, self-contained table that nothing else refers to.
create table foundation_core_test_marker (
    id integer primary key,
    note text not null
);

insert into foundation_core_test_marker (id, note) values (1, 'foundation-core test migration');
