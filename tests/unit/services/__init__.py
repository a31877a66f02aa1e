"""Unit tests of the services over in-memory fakes of the ports: no database."""
