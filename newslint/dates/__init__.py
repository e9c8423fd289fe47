"""Date mentions in news copy and the base of the date kinds."""
