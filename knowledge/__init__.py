"""The procedure catalogue: one normalized record per administrative procedure."""
