"""Reading articles from corpus files: scraped pages, JSONL records and their metadata."""
