"""Duplicate text: normalised words, paragraph comparison and edited-copy alignment (no kinds)."""
