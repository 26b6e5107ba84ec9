"""The knowledge layer: report parsing, the metric catalogue, laws as data, the SQLite store and the
query API. The only code that opens the knowledge base."""
from knowledge.api import KnowledgeBase, KnowledgeBaseMissing
from knowledge.models import Article, Conflict, Fact, Metric, Passage, Report, Section

__all__ = ["KnowledgeBase", "KnowledgeBaseMissing", "Report", "Fact", "Metric", "Passage", "Article",
           "Section", "Conflict"]
