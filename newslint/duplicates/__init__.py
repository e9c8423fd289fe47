"""The lead index: MinHash signatures and the index file format."""
