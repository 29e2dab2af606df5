"""The scoring engine as it was before the throughput work (commit deafa80), kept
verbatim (only its imports point here) so `bench_lifecycle.py` can time the previous and the
current implementation in the same run and check they agree row for row."""
