"""Scans to fields to forms: read identity documents and pre-fill application forms."""
