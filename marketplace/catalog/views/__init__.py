"""HTML views of the catalogue: public pages, the provider's own, and the coordinator's."""
