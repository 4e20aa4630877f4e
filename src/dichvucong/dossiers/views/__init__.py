"""Pages of online submission: start, form, papers, review, submit, and private files."""
