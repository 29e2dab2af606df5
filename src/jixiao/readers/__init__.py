"""Readers: each turns one input form into the common ``Layout``."""
