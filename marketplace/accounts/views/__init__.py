"""HTML views of the accounts blueprint, one module per area."""
