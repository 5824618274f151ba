"""Reliability and security tests: hostile input, crashes mid-build, concurrent use, load."""
