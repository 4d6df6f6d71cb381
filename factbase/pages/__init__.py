"""Readers' pages: published fact-checks as HTML, an Atom feed and a sitemap."""
