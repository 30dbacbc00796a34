create table contacts (
    id          uuid primary key,
    name        varchar(200) not null,
    email       varchar(320),
    phone       varchar(32),
    company     varchar(200),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint not null,
    deleted_at  timestamptz
);

create index contacts_name_idx on contacts (lower(name)) where deleted_at is null;
