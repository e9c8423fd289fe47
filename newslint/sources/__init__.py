"""Where articles come from: files, record archives, wire XML, partitions, and excerpts of them."""
