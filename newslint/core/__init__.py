"""The article model, findings, options, patterns and caches every other layer builds on."""
