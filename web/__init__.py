"""The searcher web site: server-rendered pages and their JSON twins over searcher's public API."""
from web.app import create_app

__all__ = ["create_app"]
