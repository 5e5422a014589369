"""The templates of templates/, compiled by Jinja ahead of time: one module per template,
named by `generator.render.environment.compiled_name` (a hash of the template's source, its
name, Jinja's version and the environment's settings), so a module is only ever used for the
very source it was compiled from. Written by `python -m tests.helpers.compiled_templates`; do
not edit. tests/unit/test_compiled_templates.py checks that they are current.
"""
