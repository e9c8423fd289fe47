"""Rules loaded and applied to one document: the rule model's loader, rule sets, the engine."""
