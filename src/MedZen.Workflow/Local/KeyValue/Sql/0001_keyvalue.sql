CREATE TABLE kv_tables (
    name TEXT PRIMARY KEY,
    hash_key TEXT NOT NULL
);

CREATE TABLE kv_items (
    table_name TEXT NOT NULL REFERENCES kv_tables(name),
    hash_key_value TEXT NOT NULL,
    item_json TEXT NOT NULL,
    PRIMARY KEY (table_name, hash_key_value)
) WITHOUT ROWID;
