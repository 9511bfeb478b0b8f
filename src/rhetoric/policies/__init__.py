"""Review policies shipped with rhetoric (TOML data)."""
