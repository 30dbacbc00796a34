-- The same rule for the two hash columns (64 lowercase hexadecimal digits), said in a form PostgreSQL checks cheaply.
-- The bounded repetition of V4_0 ('^[0-9a-f]{64}$') made the regular-expression engine run an automaton of 64 states
-- per value: on every insert the two checks cost about as much as the rest of the row's insert, indexes included.
-- A length test and a negated character class accept and refuse exactly the same values.
-- Adding the checks reads every stored event once (PostgreSQL validates a check added to a partitioned table).
alter table audit_events
    drop constraint audit_events_prev_hash_check,
    drop constraint audit_events_hash_check,
    add constraint audit_events_prev_hash_check check (octet_length(prev_hash) = 64 and prev_hash !~ '[^0-9a-f]'),
    add constraint audit_events_hash_check check (octet_length(hash) = 64 and hash !~ '[^0-9a-f]');
