"""Readers of engagement datasets and of outside formats.

A container reader yields :class:`RawTable` objects whose rows carry their
location (file or sheet, row number); :func:`graphmodel.load_dataset` turns
them into validated models in one shared step. An importer's rows (Popolo,
360Giving, the charity register) go through the same step
(:func:`graphmodel.importers.imported.validated`), located in their input.

>>> from graphmodel.importers import container_kind
>>> container_kind("hackney.json")
'JSON file'
"""

from .containers import RawTable, RowBlock, container_kind, dataset_name, read_tables

__all__ = ["RawTable", "RowBlock", "container_kind", "dataset_name", "read_tables"]
