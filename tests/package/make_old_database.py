#!/usr/bin/python3
"""Makes a database of an older schema, as an older kiosk left it, from that schema's recorded fixture
(tests/storage/fixtures/schema_vN.sql) so that an upgrade has something real to migrate.

The fixture lists sqlite_master by type then name: indexes before their tables, and the tables SQLite makes by
itself (sqlite_sequence, the full-text index's shadow tables) among ours. They are replayed here in an order
SQLite accepts, without the ones it makes.

Usage: make_old_database.py FIXTURE VERSION DATABASE
"""
import re
import sqlite3
import sys

fixture, version, database = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = "\n".join(line for line in open(fixture, encoding="utf-8").read().splitlines() if not line.startswith("--"))
statements = [s.strip() for s in re.split(r";\s*\n\s*\n", text) if s.strip()]

virtual = [m.group(1) for s in statements if (m := re.match(r"CREATE VIRTUAL TABLE (\w+)", s))]
shadow_suffixes = ("_config", "_content", "_data", "_docsize", "_idx")
shadow = {f"{name}{suffix}" for name in virtual for suffix in shadow_suffixes}


def rank(statement):
    if statement.startswith("CREATE VIRTUAL TABLE"):
        return 1
    if statement.startswith("CREATE TABLE"):
        return 0
    if statement.startswith("CREATE VIEW"):
        return 2
    if re.match(r"CREATE (UNIQUE )?INDEX", statement):
        return 3
    return 4  # triggers, last: they name tables and views


def made_by_sqlite(statement):
    m = re.match(r"CREATE TABLE '?(\w+)'?", statement)
    return bool(m) and (m.group(1) == "sqlite_sequence" or m.group(1) in shadow)


connection = sqlite3.connect(database)
with connection:
    for statement in sorted((s for s in statements if not made_by_sqlite(s)), key=rank):
        connection.execute(statement.rstrip(";"))
connection.execute(f"PRAGMA user_version = {version}")
connection.close()
