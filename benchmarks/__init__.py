"""Speed and memory, measured on this machine and printed as tables (never asserted in tests)."""
