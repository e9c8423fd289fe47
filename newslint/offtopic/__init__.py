"""Off-topic text: topic statistics, line shapes and junk cues for the trailing-junk kinds (no kinds)."""
