from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Opaque cursors on an indexed ordering: no COUNT(*), pages stay flat at any depth."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"
