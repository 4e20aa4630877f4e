"""PAdES signing and verification of PDFs: bytes in, bytes out (no dossier knowledge)."""
