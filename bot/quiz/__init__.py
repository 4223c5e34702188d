"""Quiz questions generated from the knowledge itself, so the bank never runs dry."""
