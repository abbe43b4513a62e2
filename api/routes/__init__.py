"""HTTP routes, thin over the library modules: public, auth, staff (scans, drafts), admin."""
