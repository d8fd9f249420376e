"""Benchmarks of the generator and of the SDK it generates, each against a peer.

Scripts that print figures, never timed tests: ``bash bench/run`` runs them all and writes
docs/PERFORMANCE.md. See that file for the method.
"""
