"""The HTTP service a center runs, the web pages it serves, and the ``motcua`` command."""
