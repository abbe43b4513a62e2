"""The HTTP service a center runs, the web pages it serves, and the ``motcua`` command.

Where things live (requests flow top to bottom):

- ``app.py`` builds the FastAPI app (middleware, lifespan); ``serve_cli.py`` is ``motcua serve``,
  ``motcua users ...`` and ``motcua purge``; ``settings.py`` reads the environment.
- ``routes/`` thin handlers: ``public`` (health, catalogue, chat, feedback), ``auth``, ``staff``
  (scans, jobs, drafts), ``admin`` (analytics, users, audit); ``deps.py`` their dependencies;
  ``pages.py`` and ``static/`` the web pages.
- ``services.py`` what the handlers use, built once: database, cipher, catalogue, helpdesk, job queue.
- Library modules that work without HTTP: ``store/`` (tables, migrations runner, conversations,
  drafts, scans and retention, users, audit, analytics), ``security.py`` (argon2, sessions, roles),
  ``jobs.py`` (the job queue interface and its embedded default), ``scan_jobs.py`` (OCR job),
  ``uploads.py`` (upload limits), ``masking.py`` (PII masking), ``crypto.py`` (encryption at rest),
  ``ratelimit.py``, ``procedure_search.py``, ``export_pdf.py``.
- ``migrations/`` Alembic revisions, applied at start.
"""
