"""Parsing of annual report files (plain text and HTML) into structure, facts, tables and conflicts."""
