"""Duplicate text: normalised words, paragraph comparison, edited-copy alignment, and the lead index
(MinHash signatures and the index file format); no kinds."""
