"""The version of the knowledge base's tables; the API refuses a file built with another version."""
SCHEMA_VERSION = "3"
