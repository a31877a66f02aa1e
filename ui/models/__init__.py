"""Item models of the tables and the selection helpers they use."""
