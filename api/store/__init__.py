"""Persistence: SQLAlchemy models and the plain functions that read and write them (no HTTP here)."""
