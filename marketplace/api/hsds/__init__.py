"""Open Referral HSDS 3.0: our objects in its shape, the taxonomies they name, and imports from it."""
