"""The schema of the knowledge base: its version (the API refuses a file built with another) and the
columns of the tables that hold the reports' content. store.py writes them, api.py reads them."""
SCHEMA_VERSION = "3"

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
