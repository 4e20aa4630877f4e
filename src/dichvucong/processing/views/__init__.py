"""Pages of the officer workspace (/can-bo/)."""
