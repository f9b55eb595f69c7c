"""Incremental state: what earlier crawls emitted, so a scheduled crawl emits only what is new."""
