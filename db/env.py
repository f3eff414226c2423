"""Alembic environment. R2P Desktop runs migrations itself (r2p_desktop.core.migrations) and hands
over its connection; run stand-alone (`alembic -c db/alembic.ini ...`) it opens `sqlalchemy.url`."""

from alembic import context
from sqlalchemy import create_engine

from r2p_desktop.core.migrations import is_modelled
from r2p_desktop.core.models import Base

config = context.config


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        include_name=is_modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as own_connection:
        _configure_and_run(own_connection)


run_migrations_online()
