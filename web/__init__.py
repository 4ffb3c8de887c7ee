"""The review desk in the browser (``marketfact web``): paste an article, review its claims, check them.

``desk`` holds the drafts and the review (no web framework in it), ``guard`` the ASGI middleware that keeps the
server safe (host, token, size, CSRF, content type, headers), ``runner`` runs the ``check-article`` flow through
Prefect one at a time, ``app`` the Starlette pages and the JSON API, ``words`` the interface in English and German.
"""
