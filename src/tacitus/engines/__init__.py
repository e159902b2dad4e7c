"""Engines: where the per-document stages (clean, parse, code) run.

``local`` runs them in this process or in a pool of worker processes, ``on_ray``
on Ray Data, writing Parquet that ``load`` merges into the database.  The
package imports nothing itself, so the pipeline can import its engines freely.
"""
