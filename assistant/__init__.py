"""Helpdesk question answering over the procedure catalogue."""
