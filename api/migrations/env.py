"""Alembic environment: runs on the connection that api.store.db.migrate hands over (or on the URL
given with ``-x url=...`` when run from the alembic command line to write a revision)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from api.store.models import Base

target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///build/alembic-dev.db")
    with create_engine(url).connect() as conn:
        _run(conn)
        conn.commit()
