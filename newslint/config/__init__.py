"""Settings: the configuration file, where it is found, and the hardened YAML reader."""
