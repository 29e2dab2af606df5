"""The workbench's domain: who may see and change what, the review workflow, edits, people,
sign-in and sessions, searches and analytics.

Both the web app (``jixiao.web``: routes, views and templates only) and the CLI
(``jixiao user``, ``jixiao serve --demo``) use it; nothing here imports either of them.
"""
