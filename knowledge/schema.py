"""The schema of the knowledge base: its version (the API refuses a file built with another) and the
columns of every table, in order. store.py writes rows in this order and refuses others; api.py reads them."""
SCHEMA_VERSION = "4"

# The tables the API needs to open a file as a knowledge base.
REQUIRED_TABLES = ("meta", "reports", "facts", "metrics", "law_articles", "sentences")

# Column → type, in column order, of every table a report fills.
REPORT_TABLES = {
    "reports": {"id": str, "body": str, "year": int, "published": str, "title": str, "source_file": str,
                "file_format": str, "table_formats": str, "part_titles": str},
    "sections": {"id": int, "report_id": str, "part": int, "sub": int, "label": str, "title": str, "text": str},
    "sentences": {"id": int, "report_id": str, "part": int, "sub": int, "paragraph": int, "idx": int, "text": str, "seg": str},
    "numbers": {"id": int, "report_id": str, "part": int, "sub": int, "sentence": str, "raw": str, "value": float,
                "unit": str, "metric_key": str},
    "facts": {"id": int, "report_id": str, "metric_key": str, "value": float, "text": str, "unit": str,
              "qualifier": str, "part": int, "sub": int, "section": str, "sentence": str, "clause": str,
              "source_kind": str, "cell": str, "position": int, "approximate": str},
    "table_rows": {"id": int, "report_id": str, "table_key": str, "format": str, "origin": str, "row_key": str,
                   "label": str, "method": str, "raw": str, "tokens": str, "cells": str, "candidates": str},
    "conflicts": {"id": int, "report_id": str, "kind": str, "severity": str, "subject": str, "description": str,
                  "part": int, "metrics": str, "details": str},
}

# Column names, in order, of the tables built from the catalogue and the laws, and of meta.
OTHER_TABLES = {
    "meta": ("key", "value"),
    "metrics": ("key", "position", "name", "kind", "unit", "units", "synonyms", "source", "grp", "cell", "cells",
                "old_cell", "in_nlu"),
    "laws": ("short", "position", "title", "file", "in_force", "aliases", "header"),
    "law_articles": ("id", "law", "number", "label", "chapter", "section", "text", "topics", "words", "seg"),
    "topics": ("key", "position", "name", "synonyms", "articles", "lead", "focus", "descriptors", "patterns", "questions",
               "coarse"),
    "article_topics": ("topic", "law", "number", "rank"),
    "time_limits": ("key", "name", "value", "unit", "law", "article", "label", "quote", "source"),
    "fee_standard": ("key", "data"),
    "terms": ("term", "indexed"),
}

# Every table of the knowledge base (the full-text indexes aside): its columns in order.
COLUMNS = {**OTHER_TABLES, **{name: tuple(columns) for name, columns in REPORT_TABLES.items()}}
