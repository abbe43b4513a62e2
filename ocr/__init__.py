"""Scans to fields to forms: read identity documents and pre-fill application forms.

Stages, each a module that runs and is tested alone (data flows down this list):

- ``load``: bytes -> page images (JPEG, PNG, TIFF, WebP, PDF), refusing unsafe or broken files.
- ``straighten``: find the card or passport page in a photo, warp it flat, landscape.
- ``qr`` / ``mrz_reader`` + ``mrz``: the machine-readable parts, which also fix the orientation.
- ``tesseract`` + ``labels``: printed text, and each field's value found by its bilingual label.
- ``classify``: the document type from MRZ shape, QR payload and label words.
- ``normalize`` + ``restore``: contract formats; diacritics restored from names and place names.
- ``crosscheck``: QR vs MRZ vs print, the ID number's own logic, renewal ages.
- ``address``: today's administrative units for addresses printed before the 2025 merger.
- ``pipeline``: the stages put together (``extract``, ``extract_bytes``, ``prefill``, ``FORMS``).
- ``prefill`` + ``forms``: link a person's documents and fill a form defined as data.

Shared types are in ``ocr.schema``.
"""
