"""Word lists shipped as data; read on first use, never at import."""
